# The pure-L1 multinomial path, ungrouped and standardized, on multi.csv, for
# MultinomialLassoStdGlmnetTest (core). multi-lasso-raw.csv (standardize = FALSE) was made by
# /work/shared/ref/make_ref.R, outside the project; this one is made here. Run from the root:
#   Rscript core/src/test/resources/ref/make_multinomial_lasso_std.R    (R 4.2.2, glmnet 4.1-6)
# Writes core/src/test/resources/ref/multi-lasso-std.csv: one row per lambda of glmnet's own
# sequence, lambda, a0_k, bj_k (class k's intercept and coefficients, on the original scale),
# glmnet(family = "multinomial", alpha = 1, type.multinomial = "ungrouped", standardize = TRUE,
# thresh = 1e-14, maxit = 1e7).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
dir <- "core/src/test/resources/ref"
d <- read.csv(file.path(dir, "multi.csv"))
x <- as.matrix(d[, names(d) != "y"]); y <- d$y
fit <- glmnet(x, y, family = "multinomial", alpha = 1, type.multinomial = "ungrouped",
              standardize = TRUE, thresh = 1e-14, maxit = 1e7)
K <- length(fit$beta); out <- data.frame(lambda = sprintf("%.17g", fit$lambda))
for (k in seq_len(K)) out[[paste0("a0_", k)]] <- sprintf("%.17g", fit$a0[k, ])
for (k in seq_len(K)) {
  b <- as.matrix(fit$beta[[k]])
  for (j in seq_len(nrow(b))) out[[sprintf("b%d_%d", j, k)]] <- sprintf("%.17g", b[j, ])
}
write.csv(out, file.path(dir, "multi-lasso-std.csv"), row.names = FALSE, quote = FALSE)
cat(length(fit$lambda), "lambdas, lambda_max", fit$lambda[1], "\n")
