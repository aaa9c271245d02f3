# glmnet on numerically hard but valid data, for NumericallyHardDataTest (core).
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_hard.R
# (R 4.2.2, glmnet 4.1-6), then  /usr/bin/python3 core/src/test/resources/ref/make_hard_sklearn.py
# (scikit-learn 1.2.1) for the scikit-learn numbers on the same data. Seeded: reproducible byte
# for byte. It writes into core/src/test/resources/ref/hard/, each data set as TAG.csv (features,
# then the target y; values rounded to 6 decimals, so the CSV holds exactly the numbers fitted)
# and glmnet's path on it at thresh = 1e-14, maxit = 1e7 as TAG-path.csv: lambda, dev_ratio,
# df, a0, one column per feature (coefficients on the original scale), glmnet's defaults
# otherwise (standardize = TRUE, alpha = 1, its own lambda sequence and its stopping rules):
#   separable      n = 80, p = 3, y = 1 exactly when a + 0.3 b > 0: perfectly separable, so the
#                  unpenalized MLE does not exist; glmnet ends the path when dev_ratio passes
#                  0.999 (the fit saturates)
#   poisson-one    n = 80, p = 3, every count 0 but row 8's, which is 1
#   constant       n = 60, p = 3, column k the constant 3 (glmnet: coefficient 0 at every lambda)
#   wide           n = 40, p = 2000, y = x1 + x2 + noise/2: the path ends near df = n
#                  (wide.csv.gz, wide-path.csv.gz)
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/hard"
dir.create(out, showWarnings = FALSE)
csv <- function(df, name) {
  con <- if (grepl("\\.gz$", name)) gzfile(file.path(out, name), "w") else file.path(out, name)
  write.csv(df, con, row.names = FALSE, quote = FALSE)
  if (inherits(con, "connection")) close(con)
}
path <- function(tag, x, y, family, suffix = "") {
  fit <- glmnet(x, y, family = family, thresh = 1e-14, maxit = 1e7)
  csv(data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df,
                 a0 = as.numeric(fit$a0), t(as.matrix(fit$beta)), check.names = FALSE),
      paste0(tag, "-path.csv", suffix))
  k <- length(fit$lambda)
  cat(sprintf("%-12s %3d lambdas, last dev_ratio %.6f, df %d\n", tag, k, fit$dev.ratio[k],
              fit$df[k]))
}
set.seed(20261204)
x <- matrix(round(rnorm(80 * 3), 6), 80, dimnames = list(NULL, c("a", "b", "c")))
y <- as.integer(x[, "a"] + 0.3 * x[, "b"] > 0)
csv(data.frame(x, y = y), "separable.csv")
path("separable", x, y, "binomial")

y <- rep(0, 80); y[8] <- 1
csv(data.frame(x, y = y), "poisson-one.csv")
path("poisson-one", x, y, "poisson")

x <- matrix(round(rnorm(60 * 3), 6), 60, dimnames = list(NULL, c("a", "k", "c")))
x[, "k"] <- 3
y <- round(x[, "a"] - 0.5 * x[, "c"] + rnorm(60), 6)
csv(data.frame(x, y = y), "constant.csv")
path("constant", x, y, "gaussian")
stopifnot(all(glmnet(x, y, thresh = 1e-14)$beta["k", ] == 0))

x <- matrix(round(rnorm(40 * 2000), 6), 40, dimnames = list(NULL, paste0("x", 1:2000)))
y <- round(x[, 1] + x[, 2] + 0.5 * rnorm(40), 6)
csv(data.frame(x, y = y), "wide.csv.gz")
path("wide", x, y, "gaussian", ".gz")
writeLines(sprintf("glmnet %s, %s", packageVersion("glmnet"), R.version.string),
           file.path(out, "glmnet-version.txt"))
