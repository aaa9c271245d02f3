# The adaptive lasso with observation weights and offsets, the way R users run it with glmnet
# 4.1-6 (it has no adaptive lasso of its own): a least-squares pilot (glm with the weights and
# offset), penalty.factor = 1 / |s_j b_j| (s_j the weighted 1/sum(w) standard
# deviation, what the standardized path scales by), then the path with the same weights and
# offset. For AdaptiveObservationsGlmnetTest (core). The cross-validation is the honest one
# (each fold refits its own pilot and factors on its training rows), written out by hand with
# cv.glmnet's own rules: each fold's path on its own default sequence, predicted at the full
# data's lambda (predict(s = lambda), linear interpolation, clamped at the ends), the fold's
# score its weighted mean held-out deviance (offset in eta), the mean and SE over folds weighted
# by their weight sums (cvstats).
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_adaptive_weights.R
# (R 4.2.2, glmnet 4.1-6; thresh = 1e-14, maxit = 1e7). The data and weights are those of
# make_relax_weights.R (ref/real/TAG-relax-observations.csv): diabetes_weighted (gaussian),
# cgd_weighted (poisson, offset log_followup_years, without the column center_europe_other).
# Writes into core/src/test/resources/ref/real/:
#   TAG-adaptive-pilot.csv  magnitude |s_j b_j| of the all-rows pilot, one row per feature in
#                           the path's column order
#   TAG-adaptive-path.csv   the adaptive path: lambda, a0, then the features
#   cgd_weighted-adaptive-ridge-pilot.csv  the ridge pilot's magnitudes |s_j b_j| and its
#                           lambda_min (cv.glmnet, alpha = 0, lambda.min.ratio = 1e-6, on the
#                           library's pilot folds KFold.random(128, 10, seed 0), which it wrote
#                           into real/cgd-ridge-pilot-foldid.csv)
#   TAG-adaptive-cv.csv     lambda, cvm, cvsd
#   TAG-adaptive-relaxed.csv  the relaxed adaptive lasso, glmnet(penalty.factor = ...,
#                           relax = TRUE)$relaxed: each lambda's unpenalized refit
#   TAG-adaptive-relax-cv.csv  its honest CV per gamma (0, 0.25, ..., 1; glmnet raises 0 to
#                           1e-5): lambda, cvm_<g>, cvsd_<g>
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
gammas <- c(0, 0.25, 0.5, 0.75, 1)
foldid <- function(tag) read.csv(file.path(out, paste0(tag, "-foldid.csv")))$fold
save <- function(frame, file) {
  write.csv(frame, file.path(out, file), row.names = FALSE, quote = FALSE)
}
magnitude <- function(x, y, family, w, offset) {
  # the unpenalized fit solved exactly by glm's IRLS (glmnet(lambda = 0) at thresh 1e-14 is
  # 2.5e-5 off on diabetes' collinear s1-s4)
  o <- if (is.null(offset)) rep(0, length(y)) else offset
  pilot <- suppressWarnings(glm(y ~ x, family = family, weights = w, offset = o,
                                control = glm.control(epsilon = 1e-15, maxit = 100)))
  mean <- colSums(w * x) / sum(w)
  sd <- sqrt(colSums(w * sweep(x, 2, mean)^2) / sum(w))
  abs(as.numeric(coef(pilot)[-1]) * sd)
}
adaptive <- function(x, y, family, w, offset, relax = FALSE) {
  pf <- 1 / magnitude(x, y, family, w, offset)
  # relax.glmnet re-evaluates the call (update): literal arguments, not local names
  eval(bquote(glmnet(x, .(y), family = .(family), weights = .(w), offset = .(offset),
                     penalty.factor = .(pf), relax = .(relax), thresh = 1e-14, maxit = 1e7)))
}
relaxed <- function(x, y, family, w, offset) adaptive(x, y, family, w, offset, relax = TRUE)
deviance <- function(y, eta, family) {  # cv.elnet's and cv.fishnet's, eta a matrix
  devy <- ifelse(y > 0, y * log(y), 0) - y
  switch(family, gaussian = (y - eta)^2, poisson = 2 * (devy - (y * eta - exp(eta))))
}
manual_cv <- function(x, y, family, w, offset, folds, lambda, fitter, gamma = 1) {
  k <- max(folds)
  raw <- matrix(NA, k, length(lambda))
  weight <- numeric(k)
  for (f in seq_len(k)) {
    tr <- folds != f
    te <- folds == f
    ff <- fitter(x[tr, ], y[tr], family, w[tr], if (is.null(offset)) NULL else offset[tr])
    newoffset <- if (is.null(offset)) NULL else offset[te]
    eta <- if (inherits(ff, "relaxed")) {
      predict(ff, x[te, , drop = FALSE], s = lambda, gamma = gamma, newoffset = newoffset)
    } else {
      predict(ff, x[te, , drop = FALSE], s = lambda, newoffset = newoffset)
    }
    raw[f, ] <- colSums(w[te] * deviance(y[te], eta, family)) / sum(w[te])
    weight[f] <- sum(w[te])
  }
  cvm <- apply(raw, 2, weighted.mean, w = weight)
  list(cvm = cvm,
       cvsd = sqrt(apply(sweep(raw, 2, cvm)^2, 2, weighted.mean, w = weight) / (k - 1)))
}
run <- function(tag, data, x, y, family, offset = NULL) {
  w <- read.csv(file.path(out, paste0(tag, "-relax-observations.csv")))$weight
  save(data.frame(magnitude = magnitude(x, y, family, w, offset)),
       paste0(tag, "-adaptive-pilot.csv"))
  fit <- adaptive(x, y, family, w, offset)
  b <- as.matrix(fit$beta)
  frame <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), t(b))
  names(frame) <- c("lambda", "a0", rownames(b))
  save(frame, paste0(tag, "-adaptive-path.csv"))
  # the ridge pilot: cv.glmnet(alpha = 0, lambda.min.ratio = 1e-6) with the weights and offset
  # on the library's own pilot folds (KFold.random(n, 10, seed 0), written out by the library:
  # real/DATA-ridge-pilot-foldid.csv), its coefficients at lambda.min
  # (cgd only: diabetes' ridge CV curve is nearly flat at its small lambda, where glmnet's
  # nearly unpenalized fits on the collinear s1-s4 creep, so its lambda_min is not reproducible)
  if (data == "cgd") {
    pilot_folds <- read.csv(file.path(out, paste0(data, "-ridge-pilot-foldid.csv")))$fold
    ridge <- cv.glmnet(x, y, family = family, weights = w, offset = offset, alpha = 0,
                       lambda.min.ratio = 1e-6, foldid = pilot_folds, thresh = 1e-14,
                       maxit = 1e7)
    mean <- colSums(w * x) / sum(w)
    sd <- sqrt(colSums(w * sweep(x, 2, mean)^2) / sum(w))
    save(data.frame(magnitude = abs(as.numeric(coef(ridge, s = "lambda.min"))[-1] * sd),
                    lambda_min = ridge$lambda.min), paste0(tag, "-adaptive-ridge-pilot.csv"))
  }
  folds <- foldid(data)
  cv <- manual_cv(x, y, family, w, offset, folds, fit$lambda, adaptive)
  cvm <- cv$cvm
  cvsd <- cv$cvsd
  # the hand-written CV is cv.glmnet's: checked on the plain path with the same folds
  plain <- function(x, y, family, w, offset) {
    glmnet(x, y, family = family, weights = w, offset = offset, thresh = 1e-14, maxit = 1e7)
  }
  check <- manual_cv(x, y, family, w, offset, folds, plain(x, y, family, w, offset)$lambda,
                     plain)
  ref <- cv.glmnet(x, y, family = family, weights = w, offset = offset, foldid = folds,
                   thresh = 1e-14, maxit = 1e7)
  stopifnot(max(abs(check$cvm / ref$cvm - 1)) < 1e-12,
            max(abs(check$cvsd / ref$cvsd - 1)) < 1e-10)
  save(data.frame(lambda = fit$lambda, cvm = sprintf("%.15g", cvm),
                  cvsd = sprintf("%.15g", cvsd)), paste0(tag, "-adaptive-cv.csv"))
  # the relaxed adaptive lasso: glmnet(penalty.factor, relax = TRUE), each fold its own pilot
  rfit <- relaxed(x, y, family, w, offset)
  r <- rfit$relaxed
  stopifnot(length(r$lambda) == length(fit$lambda), all(rfit$lambda == fit$lambda))
  frame <- data.frame(lambda = r$lambda, a0 = as.numeric(r$a0), t(as.matrix(r$beta)))
  names(frame) <- c("lambda", "a0", rownames(b))
  save(frame, paste0(tag, "-adaptive-relaxed.csv"))
  frame <- data.frame(lambda = fit$lambda)
  for (g in gammas) {
    rcv <- manual_cv(x, y, family, w, offset, folds, fit$lambda, relaxed, gamma = g)
    frame[[sprintf("cvm_%g", g)]] <- sprintf("%.15g", rcv$cvm)
    frame[[sprintf("cvsd_%g", g)]] <- sprintf("%.15g", rcv$cvsd)
  }
  save(frame, paste0(tag, "-adaptive-relax-cv.csv"))
  cat(sprintf("%-20s %3d lambdas, lambda.min %.6g\n", tag, length(fit$lambda),
              fit$lambda[which.min(cvm)]))
}
d <- read.csv("data/diabetes.csv")
run("diabetes_weighted", "diabetes", as.matrix(d[, names(d) != "progression"]), d$progression,
    "gaussian")
g <- read.csv("data/cgd.csv")
# without center_europe_other: the four center dummies sum to 1, the intercept's column, so the
# unpenalized pilot would not be unique
run("cgd_weighted", "cgd", as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                                           "log_followup_years",
                                                           "center_europe_other")]),
    g$infections, "poisson", offset = g$log_followup_years)
cat("done\n")
