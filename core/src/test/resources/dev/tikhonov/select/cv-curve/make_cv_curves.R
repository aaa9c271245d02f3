# Hand-made cross-validation curves and what glmnet 4.1-6 makes of them: cvm, cvsd, lambda.min,
# lambda.1se through glmnet's own internal functions (cvcompute, cvstats, getOptcv.glmnet), the
# code cv.glmnet runs after fitting the folds. CvSummaryTest reads the output.
#
#   Rscript make_cv_curves.R > cv-curves.csv
#
# Each case has n rows with unequal folds (foldid), per-row held-out losses on a decreasing λ
# grid: a shape in λ plus a per-fold offset plus row noise (set.seed(1)); glmnet averages the
# rows of each fold (weights 1) and weights each fold by its number of rows.
suppressMessages(library(glmnet))
set.seed(1)
lambda <- 10^seq(0, -4, length.out = 9)
foldid <- c(rep(1, 7), rep(2, 6), rep(3, 6), rep(4, 4))
n <- length(foldid)
shapes <- list(
  u_shaped = function(l) (log10(l) + 2)^2 / 4 + 1,
  decreasing = function(l) 1 + l,
  increasing = function(l) 2 - l,
  flat_tie = function(l) ifelse(l < 0.02 & l > 0.0005, 1, 1.3 + 0.1 * log10(l)^2),
  shallow = function(l) 1 + 0.01 * (log10(l) + 1)^2
)
offsets <- c(0.05, -0.08, 0.02, 0.1)
cat("case,kind,index,value\n")
for (name in names(shapes)) {
  f <- shapes[[name]]
  raw <- matrix(0, n, length(lambda))
  for (i in seq_len(n)) {
    raw[i, ] <- f(lambda) + offsets[foldid[i]] + rnorm(length(lambda), sd = 0.15)
  }
  if (name == "flat_tie") {
    # exact ties in the fold means: make rows equal across the tied λ
    tied <- which(lambda < 0.02 & lambda > 0.0005)
    raw[, tied] <- raw[, tied[1]]
  }
  stuff <- list(cvraw = raw, weights = rep(1, n), N = NULL, type.measure = "mse")
  folds <- glmnet:::cvcompute(stuff, foldid, rep(length(lambda), max(foldid)))
  stats <- glmnet:::cvstats(stuff, foldid, max(foldid), lambda, rep(0, length(lambda)), TRUE)
  opt <- glmnet:::getOptcv.glmnet(stats$lambda, stats$cvm, stats$cvsd, "mse")
  out <- function(kind, values) {
    for (j in seq_along(values)) cat(sprintf("%s,%s,%d,%.17g\n", name, kind, j, values[j]))
  }
  out("lambda", lambda)
  for (k in seq_len(max(foldid))) out(paste0("fold", k), folds$cvraw[k, ])
  out("fold_weight", folds$weights)
  out("cvm", stats$cvm)
  out("cvsd", stats$cvsd)
  out("lambda_min", opt$lambda.min)
  out("lambda_1se", opt$lambda.1se)
}
