# The relaxed lasso (glmnet's relax = TRUE) with observation weights and offsets, on the real
# data of data/, for RelaxedObservationsGlmnetTest (core). glmnet passes the path's weights and
# offset to every relaxed refit (glmnet() calls relax.glmnet(fit, x, y, weights, offset, ...),
# which refits with update(fit, lambda = 0, exclude = ..., weights, offset)); cv.glmnet(relax =
# TRUE) fits each fold's path and refits with the fold's weights and offsets and scores the
# held-out rows (offset in eta) with cv.glmnet's weighted cvstats.
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_relax_weights.R
# (R 4.2.2, glmnet 4.1-6). Data (glmnet's defaults otherwise: alpha = 1, standardize = TRUE,
# default lambda sequence; thresh = 1e-14, maxit = 1e7), fold ids from ref/real/TAG-foldid.csv:
#   diabetes_weighted  gaussian, progression on the 10 features, weights w_i = 1 + (i mod 3)
#   breast_cancer_weighted  binomial (malignant vs benign), the 30 features, w_i = 1 + (i mod 3),
#       lambda.min.ratio = 0.03: below it the refits' active sets (13 features and more)
#       separate the classes, and a refit without a finite optimum stops wherever its iteration
#       limit falls (glmnet's coefficients reach 10^3), nothing two programs can agree on
#   cgd_weighted  poisson, infections on the 11 covariates, offset log_followup_years (as in
#       cgd.csv, 10 decimals), w_i = 1 + (i mod 3)
# (i the 1-based row). Writes into core/src/test/resources/ref/real/:
#   TAG-relax-observations.csv  weight (and offset) of each row, as the test reads them back
#   TAG-relax-lasso.csv    the lasso path: lambda, a0, then the features
#   TAG-relax-relaxed.csv  fit$relaxed: the unpenalized refit on each lambda's active set
#   TAG-relax-blend.csv    coef(fit, s = lambda[l], gamma = g): index, gamma, lambda, a0, ...
#   TAG-relax-cv.csv       cv.glmnet(relax = TRUE, gamma = 0, 0.25, 0.5, 0.75, 1): lambda,
#                          cvm_<g>, cvsd_<g>
#   TAG-relax-cv-select.csv  lambda_min, gamma_min, lambda_1se, gamma_1se (cv$relaxed)
#   cgd_weighted-relax-out-of-fold.csv.gz  cv.glmnet(keep = TRUE)'s fit.preval, one matrix per
#                          gamma (link scale, the offset included): fold, then g0.s0 ...,
#                          g0.25.s0 ..., gamma by gamma; 12 significant digits
# Each relaxed refit is certified here: the weighted gradient of the unpenalized loss on its
# active set, max |x_j'(w (y - mu))| / sum(w), is printed (it must be ~0).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
foldid <- function(tag) read.csv(file.path(out, paste0(tag, "-foldid.csv")))$fold
gammas <- c(0, 0.25, 0.5, 0.75, 1)
save <- function(frame, file) {
  write.csv(frame, file.path(out, file), row.names = FALSE, quote = FALSE)
}
path_frame <- function(lambda, a0, b) {
  b <- as.matrix(b)
  frame <- data.frame(lambda = lambda, a0 = as.numeric(a0), t(b))
  names(frame) <- c("lambda", "a0", rownames(b))
  frame
}

run <- function(tag, data, x, y, family, w, offset = NULL,
                lmr = if (nrow(x) < ncol(x)) 0.01 else 1e-4) {  # glmnet's default
  folds <- foldid(data)
  obs <- data.frame(weight = w)
  if (!is.null(offset)) obs$offset <- offset
  save(obs, paste0(tag, "-relax-observations.csv"))
  # glmnet's relax.glmnet re-evaluates the call (update): literal arguments, not local names
  fit <- eval(bquote(glmnet(x, .(y), family = .(family), weights = .(w), offset = .(offset),
                            lambda.min.ratio = .(lmr), relax = TRUE, thresh = 1e-14,
                            maxit = 1e7)))
  save(path_frame(fit$lambda, fit$a0, fit$beta), paste0(tag, "-relax-lasso.csv"))
  r <- fit$relaxed
  stopifnot(length(r$lambda) == length(fit$lambda))  # no active set above maxp = n - 3
  save(path_frame(r$lambda, r$a0, r$beta), paste0(tag, "-relax-relaxed.csv"))
  off <- if (is.null(offset)) 0 else offset
  yy <- if (is.factor(y)) as.numeric(y) - 1 else y
  worst <- 0
  for (l in seq_along(r$lambda)) {
    b <- as.numeric(r$beta[, l]); act <- b != 0
    eta <- off + r$a0[l] + x %*% b
    mu <- switch(family, gaussian = eta, binomial = 1 / (1 + exp(-eta)), poisson = exp(eta))
    res <- w * (yy - mu)
    g <- c(sum(res), as.numeric(t(x[, act, drop = FALSE]) %*% res)) / sum(w)
    worst <- max(worst, abs(g))
  }
  cat(sprintf("%-24s %3d lambdas, largest weighted gradient of a relaxed refit = %.2e\n",
              tag, length(fit$lambda), worst))
  rows <- list()
  for (l in unique(c(3, 8, 15, 25, length(fit$lambda)))) {
    for (g in c(0.25, 0.5, 0.75)) {
      cf <- as.numeric(coef(fit, s = fit$lambda[l], gamma = g))
      rows[[length(rows) + 1]] <- c(l, g, fit$lambda[l], cf)
    }
  }
  blend <- as.data.frame(do.call(rbind, rows))
  names(blend) <- c("index", "gamma", "lambda", "a0", rownames(fit$beta))
  save(blend, paste0(tag, "-relax-blend.csv"))
  cv <- eval(bquote(cv.glmnet(x, .(y), family = .(family), weights = .(w),
                              offset = .(offset), lambda.min.ratio = .(lmr), relax = TRUE,
                              gamma = gammas, foldid = folds, keep = TRUE, thresh = 1e-14,
                              maxit = 1e7)))
  st <- cv$relaxed$statlist
  frame <- data.frame(lambda = st[[1]]$lambda)
  for (i in seq_along(gammas)) {
    frame[[sprintf("cvm_%g", gammas[i])]] <- sprintf("%.15g", st[[i]]$cvm)
    frame[[sprintf("cvsd_%g", gammas[i])]] <- sprintf("%.15g", st[[i]]$cvsd)
  }
  save(frame, paste0(tag, "-relax-cv.csv"))
  if (!is.null(offset)) {  # the out-of-fold eta of each gamma's blend, offset included
    cols <- do.call(cbind, lapply(seq_along(gammas), function(i) {
      p <- cv$fit.preval[[i]]
      colnames(p) <- paste0("g", gammas[i], ".s", seq_len(ncol(p)) - 1)
      p
    }))
    body <- apply(cols, 2, function(v) sprintf("%.12g", v))
    con <- gzfile(file.path(out, paste0(tag, "-relax-out-of-fold.csv.gz")), "w")
    writeLines(paste(c("fold", colnames(cols)), collapse = ","), con)
    writeLines(apply(cbind(as.character(folds), body), 1, paste, collapse = ","), con)
    close(con)
  }
  save(data.frame(lambda_min = cv$relaxed$lambda.min, gamma_min = cv$relaxed$gamma.min,
                  lambda_1se = cv$relaxed$lambda.1se, gamma_1se = cv$relaxed$gamma.1se),
       paste0(tag, "-relax-cv-select.csv"))
  cat(sprintf("%-24s cv: lambda.min %.6g gamma.min %g, lambda.1se %.6g gamma.1se %g\n", tag,
              cv$relaxed$lambda.min, cv$relaxed$gamma.min, cv$relaxed$lambda.1se,
              cv$relaxed$gamma.1se))
}

weights <- function(n) 1 + seq_len(n) %% 3
d <- read.csv("data/diabetes.csv")
xd <- as.matrix(d[, names(d) != "progression"])
run("diabetes_weighted", "diabetes", xd, d$progression, "gaussian", weights(nrow(xd)))
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")])
run("breast_cancer_weighted", "breast_cancer", xb, factor(b$diagnosis), "binomial",
    weights(nrow(xb)), lmr = 0.03)
g <- read.csv("data/cgd.csv")
xg <- as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                     "log_followup_years")])
run("cgd_weighted", "cgd", xg, g$infections, "poisson", weights(nrow(xg)),
    offset = g$log_followup_years)
cat("done\n")
