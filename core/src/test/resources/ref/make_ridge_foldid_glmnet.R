# cv.glmnet(alpha = 0, foldid = ...) on the data of make_ridge_foldid_sklearn.py (run that first),
# for RidgeGivenFoldsTest (core) and RidgeFoldIdPeersTest (cli). Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_ridge_foldid_glmnet.R      (R 4.2.2, glmnet 4.1-6)
# The folds are foldid-ids.csv's `unequal` (4 folds of 9, 12, 18 and 21 rows). y has mean 0 and
# 1/n standard deviation 1 in every union of those folds, so every fold's fit scales y by s_y = 1
# and glmnet's lambda is tikhonov's λ in every fold (docs/objective.md, "glmnet and gaussian y").
# Writes core/src/test/resources/ref/ridge/foldid-glmnet.csv: case (raw: standardize = FALSE;
# standardized: standardize = TRUE), lambda, cvm, cvsd (cv.glmnet's, type.measure = "mse",
# grouped: fold means weighted by fold size), and foldid-glmnet-chosen.csv: case, lambda_min,
# lambda_1se. thresh 1e-14, maxit 1e7; the lambdas are make_ridge_foldid_sklearn.py's.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
dir <- "core/src/test/resources/ref/ridge"
d <- read.csv(file.path(dir, "foldid-data.csv"))
ids <- read.csv(file.path(dir, "foldid-ids.csv"))
x <- as.matrix(d[, names(d) != "y"]); y <- d$y
for (k in 1:4) {
  t <- y[ids$unequal != k]
  stopifnot(abs(mean(t)) < 1e-12, abs(sqrt(mean((t - mean(t))^2)) - 1) < 1e-12)
}
lambdas <- 10^seq(0, -5, length.out = 11)
curves <- NULL; chosen <- NULL
for (case in c("raw", "standardized")) {
  cv <- cv.glmnet(x, y, alpha = 0, lambda = lambdas, foldid = ids$unequal,
                  standardize = case == "standardized", thresh = 1e-14, maxit = 1e7)
  curves <- rbind(curves, data.frame(case = case, lambda = sprintf("%.17g", cv$lambda),
                                     cvm = sprintf("%.17g", cv$cvm),
                                     cvsd = sprintf("%.17g", cv$cvsd)))
  chosen <- rbind(chosen, data.frame(case = case, lambda_min = sprintf("%.17g", cv$lambda.min),
                                     lambda_1se = sprintf("%.17g", cv$lambda.1se)))
  cat(case, "lambda.min", cv$lambda.min, "lambda.1se", cv$lambda.1se, "\n")
}
write.csv(curves, file.path(dir, "foldid-glmnet.csv"), row.names = FALSE, quote = FALSE)
write.csv(chosen, file.path(dir, "foldid-glmnet-chosen.csv"), row.names = FALSE, quote = FALSE)
