#!/usr/bin/Rscript
# glmnet timings for bench/compare.sh: the same calls as ../shared/peers/glmnet_linear.R
# (standardize=FALSE, default 100-lambda sequence, glmnet.control(fdev=0) so all 100 lambdas
# are fit, default thresh 1e-7), without the reference-writing and logistic parts.
# Usage: Rscript glmnet_paths.R DATA_DIR REPEATS [WARMUP]   -> one JSON line on stdout
# WARMUP untimed calls come first (default 0), as tikhonov's `bench path --warmup`; the first
# call's time is reported as cold_seconds.
suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/var/tmp/peers-data/synth"
reps <- if (length(args) >= 2) as.integer(args[2]) else 1L
warmup <- if (length(args) >= 3) as.integer(args[3]) else 0L
meta <- fromJSON(file.path(data_dir, "meta.json"))
n <- meta$n; p <- meta$p
rd <- function(name, what, k, size) readBin(file.path(data_dir, name), what = what, n = k,
                                            size = size, endian = "little")
X <- matrix(rd("X.f64", "double", n * p, 8), nrow = n, ncol = p, byrow = TRUE)
y <- rd("y.f64", "double", n, 8)
foldid <- rd("foldid.i32", "integer", n, 4)
glmnet.control(fdev = 0)
timed <- function(f) {
  t <- numeric(warmup + reps); res <- NULL
  for (i in seq_len(warmup + reps)) { gc(); t[i] <- system.time(res <- f())[["elapsed"]] }
  kept <- t[(warmup + 1):(warmup + reps)]
  list(seconds = median(kept), all = kept, cold = t[1], res = res)
}
out <- list(bench = "glmnet_paths", glmnet = as.character(packageVersion("glmnet")),
            blas = unname(extSoftVersion()["BLAS"]), tasks = list())
r <- timed(function() glmnet(X, y, alpha = 1, nlambda = 100, standardize = FALSE))
out$tasks$lasso_path <- list(seconds = r$seconds, seconds_all = r$all, warmup_runs = warmup, cold_seconds = r$cold, n_lambda = length(r$res$lambda))
message(sprintf("glmnet lasso path %.3f s", r$seconds))
r <- timed(function() glmnet(X, y, alpha = 0.5, nlambda = 100, standardize = FALSE))
out$tasks$enet_path <- list(seconds = r$seconds, seconds_all = r$all, warmup_runs = warmup, cold_seconds = r$cold, n_lambda = length(r$res$lambda))
message(sprintf("glmnet enet path %.3f s", r$seconds))
r <- timed(function() cv.glmnet(X, y, alpha = 1, nlambda = 100, standardize = FALSE, foldid = foldid))
out$tasks$lasso_cv10 <- list(seconds = r$seconds, seconds_all = r$all, warmup_runs = warmup, cold_seconds = r$cold, lambda_min = r$res$lambda.min)
message(sprintf("cv.glmnet %.3f s", r$seconds))
cat(toJSON(out, auto_unbox = TRUE, digits = NA), "\n", sep = "")
