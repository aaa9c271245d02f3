# glmnet's alpha = 0 path on diabetes, unstandardized (RidgeCV's default), for RidgeCvGridTest
# (core): RidgeCV's default grid is glmnet's alpha = 0 sequence divided by s_y, the target's
# standard deviation (glmnet fits y/s_y, so its ridge lambda l is l/s_y in tikhonov's objective),
# and the coefficients at lambda l/s_y are glmnet's at l. Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_ridge_grid.R        (R 4.2.2, glmnet 4.1-6)
# Writes core/src/test/resources/ref/ridge-grid-diabetes.csv.gz: lambda (glmnet's), a0, b1..b10,
# thresh 1e-14, every 11th lambda of the 100 and the last; s_y is recomputed by the test.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, names(d) != "progression"]); y <- d$progression
fit <- glmnet(x, y, alpha = 0, standardize = FALSE, thresh = 1e-14)
stopifnot(length(fit$lambda) == 100)
keep <- c(seq(1, 100, by = 11), 100)
b <- as.matrix(coef(fit))[, keep]
out <- data.frame(lambda = sprintf("%.17g", fit$lambda[keep]),
                  a0 = sprintf("%.17g", b[1, ]))
for (j in 2:nrow(b)) out[[paste0("b", j - 1)]] <- sprintf("%.17g", b[j, ])
write.csv(out, gzfile("core/src/test/resources/ref/ridge-grid-diabetes.csv.gz"),
          row.names = FALSE, quote = FALSE)
cat(sprintf("lambda_max %.6g, s_y %.6g\n", fit$lambda[1], sqrt(mean((y - mean(y))^2))))
