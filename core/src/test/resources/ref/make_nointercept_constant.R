# glmnet's intercept = FALSE on a constant target, for NoInterceptGlmnetTest (core): without an
# intercept a constant y = 150 is not "nothing to fit" (the null model is 0), and glmnet fits it.
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_nointercept_constant.R
# (R 4.2.2, glmnet 4.1-6). Writes core/src/test/resources/ref/real/
#   diabetes-nointercept-constant.csv  glmnet(x, rep(150, n), intercept = FALSE): the diabetes
#                                      features, alpha = 1, standardize = TRUE, its default lambda
#                                      sequence, thresh 1e-14, maxit 1e7
# Columns: lambda, dev_ratio, df, then one column per feature (original scale; a0 is 0).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, names(d) != "progression"]); y <- rep(150, nrow(x))
fit <- glmnet(x, y, intercept = FALSE, thresh = 1e-14, maxit = 1e7)
stopifnot(all(fit$a0 == 0))
out <- data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df,
                  t(as.matrix(fit$beta)), check.names = FALSE)
write.csv(out, "core/src/test/resources/ref/real/diabetes-nointercept-constant.csv",
          row.names = FALSE, quote = FALSE)
cat(sprintf("%d lambda, lambda_max %.10g, last dev_ratio %.6f\n", length(fit$lambda),
            fit$lambda[1], fit$dev.ratio[length(fit$lambda)]))
