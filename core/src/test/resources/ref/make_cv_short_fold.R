# cv.glmnet with a lambda sequence of one's own where one fold's path ends early, for
# CvShortFoldGlmnetTest (core). Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_cv_short_fold.R  (R 4.2.2, glmnet 4.1-6)
# What glmnet does: with a user lambda (flmin >= 1) glmnetpp's path skips every early stop
# (ElnetPathBase::process_point_fit returns "continue" before the dfmax, fdev and devmax rules,
# and the binomial's saturation check), so a path with lambda = given ends before its last lambda
# only when the cumulative passes exceed maxit (or pmax is exceeded): the lambda being fitted is
# dropped and the fits before it returned, with a warning. cv.glmnet (glmnet:::cv.glmnet.raw)
# fits each fold with lambda = the user's; buildPredmat.default predicts the held-out rows at
# s = lambda, and lambda.interp clamps a lambda below the fold's last to that last fit; cvstats
# calls cvcompute with nlams = rep(ncol(cvraw), nfolds), so the standard error's N is the number
# of folds at every lambda, a short fold included.
# Here: gaussian, n = 60, p = 8 (features 1 and 2 correlated 0.999, so the small lambda need
# many passes), fold ids 1, 2, 3, 1, 2, 3, ..., 8 lambda from 1 to 0.001, thresh 1e-14,
# maxit 4000: the full path and folds 1 and 3 fit all 8 lambda, fold 2 only the first 6.
# Then the same rows and folds with glmnet's default sequence (alignment "lambda") and maxit
# 2000: the full path stops at 63 lambda by glmnet's deviance rule, folds 1 and 3 fit their own
# 65 and 63, fold 2's own path is cut by maxit after 52 of its own lambda (89 without the cut);
# predict(s = lambda) clamps the full path's lambda below fold 2's 52nd to that fit.
# Writes into core/src/test/resources/ref/cvshort/:
#   gauss-short.csv     x1..x8, y, fold
#   gauss-short-cv.csv  lambda, cvm, cvsd, then fold 1..3's held-out mean squared errors
#   gauss-short-fits.csv  fold, fitted (how many lambda each fold's path has)
#   gauss-short-default-cv.csv  the same as gauss-short-cv.csv for the default sequence
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/cvshort"
dir.create(out, showWarnings = FALSE)
g <- function(v) sprintf("%.17g", v)
set.seed(34)
n <- 60; p <- 8
x <- matrix(rnorm(n * p), n, p)
x[, 2] <- x[, 1] + 0.05 * rnorm(n)
y <- drop(x %*% c(2, -1.5, 1, 0, 0, 0.5, 0, 0) + rnorm(n))
foldid <- rep(1:3, length.out = n)
lambda <- exp(seq(log(1), log(0.001), length.out = 8))
maxit <- 4000
fits <- sapply(1:3, function(k) length(suppressWarnings(glmnet(x[foldid != k, ],
  y[foldid != k], lambda = lambda, thresh = 1e-14, maxit = maxit))$lambda))
cv <- suppressWarnings(cv.glmnet(x, y, lambda = lambda, foldid = foldid, thresh = 1e-14,
  maxit = maxit, keep = TRUE))
stopifnot(length(cv$lambda) == 8, all(fits == c(8, 6, 8)))
# each fold's held-out mean squared error from cv.glmnet's own prediction matrix
mse <- sapply(1:3, function(k) colMeans((cv$fit.preval[foldid == k, ] - y[foldid == k])^2))
# the rule: N = 3 at every lambda, fold 2's last fit (lambda #6) standing in at #7 and #8
stopifnot(all(mse[7:8, 2] == mse[6, 2]))
w <- as.vector(table(foldid))
se3 <- sqrt(apply((t(mse) - rep(cv$cvm, each = 3))^2 * w, 2, sum) / sum(w) / 2)
stopifnot(max(abs(se3 - cv$cvsd)) < 1e-12)
colnames(x) <- paste0("x", 1:p)
xs <- as.data.frame(apply(x, 2, g))
write.csv(data.frame(xs, y = g(y), fold = foldid), file.path(out, "gauss-short.csv"),
  row.names = FALSE, quote = FALSE)
write.csv(data.frame(lambda = g(cv$lambda), cvm = g(cv$cvm), cvsd = g(cv$cvsd),
  fold1 = g(mse[, 1]), fold2 = g(mse[, 2]), fold3 = g(mse[, 3])),
  file.path(out, "gauss-short-cv.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(fold = 1:3, fitted = fits), file.path(out, "gauss-short-fits.csv"),
  row.names = FALSE, quote = FALSE)
# N = 2 at #7 and #8 (fold 2 left out of N there, as glmnet before 4.0) would give:
se2 <- se3 * c(rep(1, 6), rep(sqrt(2), 2))
cat(sprintf("fold fits %s; cvsd #7, #8: %.6g %.6g (with N = 2 there: %.6g %.6g)\n",
  paste(fits, collapse = " "), cv$cvsd[7], cv$cvsd[8], se2[7], se2[8]))

own <- sapply(1:3, function(k) length(suppressWarnings(glmnet(x[foldid != k, ],
  y[foldid != k], thresh = 1e-14, maxit = 2000))$lambda))
uncut <- length(glmnet(x[foldid != 2, ], y[foldid != 2], thresh = 1e-14, maxit = 1e7)$lambda)
d <- suppressWarnings(cv.glmnet(x, y, foldid = foldid, thresh = 1e-14, maxit = 2000,
  keep = TRUE))
stopifnot(length(d$lambda) == 63, all(own == c(65, 52, 63)), uncut > 52)
dmse <- sapply(1:3, function(k) colMeans((d$fit.preval[foldid == k, ] - y[foldid == k])^2))
dse <- sqrt(apply((t(dmse) - rep(d$cvm, each = 3))^2 * w, 2, sum) / sum(w) / 2)
stopifnot(max(abs(dse - d$cvsd)) < 1e-12)
write.csv(data.frame(lambda = g(d$lambda), cvm = g(d$cvm), cvsd = g(d$cvsd),
  fold1 = g(dmse[, 1]), fold2 = g(dmse[, 2]), fold3 = g(dmse[, 3])),
  file.path(out, "gauss-short-default-cv.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("default sequence: %d lambda; folds' own %s (fold 2 %d without maxit)\n",
  length(d$lambda), paste(own, collapse = " "), uncut))
