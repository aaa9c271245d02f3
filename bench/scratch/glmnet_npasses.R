# glmnet's pass count (npasses) and time for the lasso path on one data set, both of its
# gaussian routes (docs/performance-log.md, "Issue 13, third session"):
#   OPENBLAS_NUM_THREADS=1 Rscript bench/scratch/glmnet_npasses.R DIR
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]; meta <- jsonlite::fromJSON(file.path(d, "meta.json")); n <- meta$n; p <- meta$p
X <- matrix(readBin(file.path(d, "X.f64"), "double", n * p, 8, endian = "little"), nrow = n, ncol = p, byrow = TRUE)
y <- readBin(file.path(d, "y.f64"), "double", n, 8, endian = "little")
glmnet.control(fdev = 0)
for (tg in c("naive", "covariance")) {
  t <- system.time(f <- glmnet(X, y, alpha = 1, standardize = FALSE, type.gaussian = tg))[["elapsed"]]
  cat(sprintf("p %d %s: %.2f s, npasses %d, nlambda %d, df_last %d\n", p, tg, t, f$npasses, length(f$lambda), f$df[length(f$df)]))
}
