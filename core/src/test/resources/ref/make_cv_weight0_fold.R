# What cv.glmnet does with a fold whose held-out rows all have weight 0 (odds34, for the lead:
# tikhonov refuses such a --foldid fold; docs/bad-input.md). Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_cv_weight0_fold.R
# (R 4.2.2, glmnet 4.1-6). Writes core/src/test/resources/ref/real/diabetes-weight0-fold.csv:
# diabetes, foldid = rep(1:5) in row order, every row of fold 3 of weight 0, the rest 1;
# cv.glmnet(x, y, weights, foldid, keep = TRUE) at thresh 1e-14. Columns: lambda, cvm, cvsd
# (cv.glmnet's), then cvm_4 and cvsd_4 recomputed from its fit.preval over folds 1, 2, 4 and 5
# only (cvstats' formulas: fold means weighted by the fold's weight sum, SE over N = 4 folds).
# Finding: a result, no warning; the fold's mean is 0/0 = NaN, which weighted.mean(na.rm = TRUE)
# drops and N does not count: cvm = cvm_4, cvsd = cvsd_4 (printed: the largest differences).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, names(d) != "progression"]); y <- d$progression
n <- nrow(x); foldid <- rep(1:5, length.out = n)
w <- rep(1, n); w[foldid == 3] <- 0
r <- cv.glmnet(x, y, weights = w, foldid = foldid, keep = TRUE, thresh = 1e-14)
raw <- (y - r$fit.preval)^2
kept <- c(1, 2, 4, 5)
fold_mean <- sapply(kept, function(k) colSums(raw[foldid == k, , drop = FALSE] *
                                               w[foldid == k]) / sum(w[foldid == k]))
fold_w <- sapply(kept, function(k) sum(w[foldid == k]))
cvm4 <- apply(fold_mean, 1, weighted.mean, w = fold_w)
cvsd4 <- sqrt(apply((fold_mean - matrix(cvm4, nrow(fold_mean), 4))^2, 1, weighted.mean,
                    w = fold_w) / (4 - 1))
cvsd5 <- cvsd4 * sqrt((4 - 1) / (5 - 1))
out <- data.frame(lambda = r$lambda, cvm = r$cvm, cvsd = r$cvsd, cvm_4 = cvm4, cvsd_4 = cvsd4,
                  cvsd_5 = cvsd5)
write.csv(out, "core/src/test/resources/ref/real/diabetes-weight0-fold.csv", row.names = FALSE,
          quote = FALSE)
cat(sprintf(paste("%d lambda; max |cvm - cvm_4| = %.3g, max |cvsd - cvsd_4| = %.3g,",
                  "max |cvsd - cvsd_5| / cvsd = %.3g; lambda.min %.6g, lambda.1se %.6g\n"),
            length(r$lambda), max(abs(r$cvm - cvm4)), max(abs(r$cvsd - cvsd4)),
            max(abs(r$cvsd - cvsd5) / r$cvsd), r$lambda.min, r$lambda.1se))
