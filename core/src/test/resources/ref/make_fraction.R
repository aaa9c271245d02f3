# cv.glmnet's alignment = "fraction" for FractionAlignmentGlmnetTest (core). Run from the
# repository's root:  Rscript core/src/test/resources/ref/make_fraction.R  (R 4.2.2, glmnet 4.1-6)
# What glmnet does (glmnet:::cv.glmnet.raw, glmnet:::buildPredmat.default): each fold is fitted
# with the user's lambda argument (NULL: the fold's own default sequence); with "lambda" the
# held-out rows are predicted at the full data's lambda (predict(s = lambda), linear
# interpolation), with "fraction" at the fold's own lambda, matched by index (the l-th lambda of
# the fold's path against the l-th of the full path); a fold whose path is shorter repeats its
# last column. With a lambda sequence of one's own the folds fit it and the two agree.
# Writes into core/src/test/resources/ref/fraction/, with the fold ids of
# ref/real/TAG-foldid.csv, thresh 1e-14, maxit 1e7, type.measure = "deviance":
#   TAG-cv.csv         lambda, cvm, cvsd of alignment = "fraction", then cvm_lambda of "lambda"
#   TAG-cv-select.csv  lambda_min, lambda_1se (fraction)
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/fraction"
dir.create(out, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
run <- function(tag, x, y, family) {
  foldid <- read.csv(sprintf("core/src/test/resources/ref/real/%s-foldid.csv", tag))$fold
  f <- cv.glmnet(x, y, family = family, foldid = foldid, alignment = "fraction",
                 thresh = 1e-14, maxit = 1e7)
  l <- cv.glmnet(x, y, family = family, foldid = foldid, alignment = "lambda",
                 thresh = 1e-14, maxit = 1e7)
  stopifnot(all(f$lambda == l$lambda))
  csv(data.frame(lambda = sprintf("%.17g", f$lambda), cvm = sprintf("%.17g", f$cvm),
                 cvsd = sprintf("%.17g", f$cvsd), cvm_lambda = sprintf("%.17g", l$cvm)),
      paste0(tag, "-cv.csv"))
  csv(data.frame(lambda_min = sprintf("%.17g", f$lambda.min),
                 lambda_1se = sprintf("%.17g", f$lambda.1se)), paste0(tag, "-cv-select.csv"))
  cat(sprintf("%-14s %3d lambdas; fraction vs lambda: cvm differs by up to %.2e (relative); min #%d vs #%d, 1se #%d vs #%d\n",
              tag, length(f$lambda), max(abs(f$cvm - l$cvm) / l$cvm), f$index[1], l$index[1],
              f$index[2], l$index[2]))
}
d <- read.csv("data/diabetes.csv")
run("diabetes", as.matrix(d[, names(d) != "progression"]), d$progression, "gaussian")
b <- read.csv("data/breast_cancer.csv")
run("breast_cancer", as.matrix(b[, !names(b) %in% c("id", "diagnosis")]), factor(b$diagnosis),
    "binomial")
