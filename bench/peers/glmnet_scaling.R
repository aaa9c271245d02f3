#!/usr/bin/Rscript
# glmnet side of the linear scaling sweep (bench/compare.sh --only scaling-linear): on one data
# set of bench/peers/make_scaling_data.py, the lasso path (standardize=FALSE, glmnet's default
# 100-lambda sequence, glmnet.control(fdev=0) so all 100 are fit, default thresh 1e-7 and
# type.gaussian: "covariance" below p = 500, "naive" from there) and cv.glmnet over the data's
# 10 fold ids, as glmnet_paths.R calls them. Each fit is timed once by system.time: wall
# (elapsed) and CPU (user + system of this process; glmnet's Fortran runs on one thread).
# Usage: Rscript glmnet_scaling.R DATA_DIR [path]   -> one JSON line on stdout
#   path: the lasso path only, no cv.glmnet (for a size whose CV does not fit the time box)
suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- args[1]
path_only <- length(args) >= 2 && args[2] == "path"
meta <- fromJSON(file.path(data_dir, "meta.json"))
n <- meta$n; p <- meta$p
rd <- function(name, what, k, size) readBin(file.path(data_dir, name), what = what, n = k,
                                            size = size, endian = "little")
t_read <- system.time({
  X <- matrix(rd("X.f64", "double", n * p, 8), nrow = n, ncol = p, byrow = TRUE)
  y <- rd("y.f64", "double", n, 8)
  foldid <- rd("foldid.i32", "integer", n, 4)
})[["elapsed"]]
glmnet.control(fdev = 0)
timed <- function(f) {
  gc()
  res <- NULL
  st <- system.time(res <- f())
  list(seconds = st[["elapsed"]], cpu_seconds = st[["user.self"]] + st[["sys.self"]], res = res)
}
out <- list(bench = "glmnet_scaling", glmnet = as.character(packageVersion("glmnet")),
            n = n, p = p, read_seconds = t_read,
            type_gaussian = if (p < 500) "covariance" else "naive", tasks = list())
r <- timed(function() glmnet(X, y, alpha = 1, nlambda = 100, standardize = FALSE))
out$tasks$lasso_path <- list(seconds = r$seconds, cpu_seconds = r$cpu_seconds,
                             n_lambda = length(r$res$lambda), df_last = tail(r$res$df, 1))
message(sprintf("glmnet n=%d p=%d lasso path %.3f s (cpu %.3f)", n, p, r$seconds, r$cpu_seconds))
if (!path_only) {
  r <- timed(function() cv.glmnet(X, y, alpha = 1, nlambda = 100, standardize = FALSE,
                                  foldid = foldid))
  out$tasks$lasso_cv10 <- list(seconds = r$seconds, cpu_seconds = r$cpu_seconds,
                               lambda_min = r$res$lambda.min)
  message(sprintf("glmnet n=%d p=%d cv.glmnet %.3f s (cpu %.3f)", n, p, r$seconds,
                  r$cpu_seconds))
}
cat(toJSON(out, auto_unbox = TRUE, digits = NA), "\n", sep = "")
