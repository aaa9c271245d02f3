#!/usr/bin/Rscript
# glmnet on the sparse benchmark matrix of `tikhonov bench sparse` (docs/performance.md, "Sparse
# data"): reads the binary CSC file that command writes (little-endian: "TKSPCSC1", int32 n, p,
# nnz, 0; int32 column pointers[p+1]; int32 0-based row indices[nnz]; float64 values[nnz];
# float64 y[n]) into a dgCMatrix (Matrix::sparseMatrix; never dense), fits glmnet's default
# gaussian or binomial lasso path (FAMILY; y 0/1 for binomial; alpha = 1, nlambda = 100,
# standardize = TRUE, intercept, thresh 1e-7; its sparse code centers and scales implicitly) and
# writes OUT_JSON: the lambdas, the read and fit seconds (wall, and the fit's CPU seconds), and
# the coefficients (original scale) at the 1-based lambda indices requested.
# Usage: Rscript glmnet_sparse.R DATA.bin OUT_JSON [INDICES, e.g. 1,10,25,50,75,100] [FAMILY]
suppressPackageStartupMessages({ library(Matrix); library(glmnet); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) >= 2)
file <- args[1]; out_file <- args[2]
want <- if (length(args) >= 3) as.integer(strsplit(args[3], ",")[[1]]) else c(1L, 10L, 25L, 50L, 75L, 100L)
family <- if (length(args) >= 4) args[4] else "gaussian"
if (!(family %in% c("gaussian", "binomial"))) stop("FAMILY must be gaussian or binomial, got ", family)
read_seconds <- system.time({
  con <- file(file, "rb")
  magic <- readChar(con, 8, useBytes = TRUE)
  if (magic != "TKSPCSC1") stop(file, ": not a tikhonov sparse benchmark file")
  hdr <- readBin(con, "integer", 4, size = 4, endian = "little")
  n <- hdr[1]; p <- hdr[2]; nnz <- hdr[3]
  colptr <- readBin(con, "integer", p + 1, size = 4, endian = "little")
  rows <- readBin(con, "integer", nnz, size = 4, endian = "little")
  vals <- readBin(con, "double", nnz, size = 8, endian = "little")
  y <- readBin(con, "double", n, size = 8, endian = "little")
  close(con)
  X <- sparseMatrix(i = rows, p = colptr, x = vals, dims = c(n, p), index1 = FALSE)
  rm(rows, vals, colptr); invisible(gc())
})[["elapsed"]]
st <- system.time(fit <- glmnet(X, y, family = family, alpha = 1, nlambda = 100))
fit_seconds <- st[["elapsed"]]
fit_cpu_seconds <- st[["user.self"]] + st[["sys.self"]]   # one thread: the fit's, whatever the load
L <- length(fit$lambda)
idx <- unique(pmin(want, L))
coefs <- lapply(idx, function(l) as.numeric(fit$beta[, l]))
out <- list(side = "glmnet", family = family, glmnet = as.character(packageVersion("glmnet")),
            n = n, p = p, nnz = nnz, class = class(X)[1],
            read_seconds = read_seconds, fit_seconds = fit_seconds,
            fit_cpu_seconds = fit_cpu_seconds,
            lambdas = fit$lambda, df = fit$df, dev_ratio = fit$dev.ratio,
            indices = idx, intercepts = as.numeric(fit$a0[idx]), coefficients = coefs)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), out_file)
message(sprintf("glmnet: read %.1f s, %s lasso path (%d lambdas) %.1f s (CPU %.1f s)", read_seconds, family, L,
                fit_seconds, fit_cpu_seconds))
