# The adaptive lasso over several alpha, the way R users run it with glmnet 4.1-6: one
# least-squares pilot, penalty.factor = 1 / |s_j b_j| from it, and then, for each alpha, the
# path and cv.glmnet-style cross-validation with that penalty.factor on the same folds (a loop
# over alpha, as make_l1_ratios_glmnet.R loops cv.glmnet). The pilot does not depend on alpha,
# so every alpha has the same factors: the all-rows pilot's for the path, and in each fold the
# fold's own pilot's (the honest cross-validation of make_adaptive_weights.R: each fold refits
# its pilot and factors on its training rows, cv.glmnet's alignment and weighted cvstats written
# out by hand). For AdaptiveL1RatiosGlmnetTest (core). Data: cgd_weighted (Poisson, offset
# log_followup_years, the weights of ref/real/cgd_weighted-relax-observations.csv, without the
# column center_europe_other; folds ref/real/cgd-foldid.csv), as make_adaptive_weights.R's.
# Poisson, because glmnet's alpha < 1 is tikhonov's objective there (a gaussian glmnet scales y
# by its standard deviation first, which changes the ridge part at alpha < 1).
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_adaptive_l1_ratios.R
# (R 4.2.2, glmnet 4.1-6; thresh = 1e-14, maxit = 1e7). Writes into
# core/src/test/resources/ref/real/:
#   cgd_weighted-adaptive-l1ratios.csv  alpha, lambda, cvm, cvsd: each alpha's whole sequence
#                                       and honest CV curve (alpha 0.25, 0.5 and 1)
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
alphas <- c(0.25, 0.5, 1)
magnitude <- function(x, y, w, offset) {
  pilot <- suppressWarnings(glm(y ~ x, family = "poisson", weights = w, offset = offset,
                                control = glm.control(epsilon = 1e-15, maxit = 100)))
  mean <- colSums(w * x) / sum(w)
  sd <- sqrt(colSums(w * sweep(x, 2, mean)^2) / sum(w))
  abs(as.numeric(coef(pilot)[-1]) * sd)
}
adaptive <- function(x, y, w, offset, alpha) {
  glmnet(x, y, family = "poisson", weights = w, offset = offset, alpha = alpha,
         penalty.factor = 1 / magnitude(x, y, w, offset), thresh = 1e-14, maxit = 1e7)
}
deviance <- function(y, eta) {  # cv.fishnet's, eta a matrix
  devy <- ifelse(y > 0, y * log(y), 0) - y
  2 * (devy - (y * eta - exp(eta)))
}
g <- read.csv("data/cgd.csv")
x <- as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days", "log_followup_years",
                                    "center_europe_other")])
y <- g$infections
offset <- g$log_followup_years
w <- read.csv(file.path(out, "cgd_weighted-relax-observations.csv"))$weight
folds <- read.csv(file.path(out, "cgd-foldid.csv"))$fold
curves <- do.call(rbind, lapply(alphas, function(a) {
  lambda <- adaptive(x, y, w, offset, a)$lambda
  k <- max(folds)
  raw <- matrix(NA, k, length(lambda))
  weight <- numeric(k)
  for (f in seq_len(k)) {
    tr <- folds != f
    te <- folds == f
    ff <- adaptive(x[tr, ], y[tr], w[tr], offset[tr], a)
    eta <- predict(ff, x[te, , drop = FALSE], s = lambda, newoffset = offset[te])
    raw[f, ] <- colSums(w[te] * deviance(y[te], eta)) / sum(w[te])
    weight[f] <- sum(w[te])
  }
  cvm <- apply(raw, 2, weighted.mean, w = weight)
  cvsd <- sqrt(apply(sweep(raw, 2, cvm)^2, 2, weighted.mean, w = weight) / (k - 1))
  cat(sprintf("alpha %-4g %3d lambdas, lambda.min %.6g, cvm there %.10g\n", a, length(lambda),
              lambda[which.min(cvm)], min(cvm)))
  data.frame(alpha = a, lambda = lambda, cvm = sprintf("%.15g", cvm),
             cvsd = sprintf("%.15g", cvsd))
}))
write.csv(curves, file.path(out, "cgd_weighted-adaptive-l1ratios.csv"), row.names = FALSE,
          quote = FALSE)
