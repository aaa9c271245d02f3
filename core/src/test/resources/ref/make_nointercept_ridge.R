# glmnet's standardization without an intercept, for the ridge (alpha = 0) and, with
# observation weights, the elastic net, for NoInterceptRidgeGlmnetTest (core): Ridge, RidgeCV's
# default grid and ElasticNet with intercept(false) and standardize(true) against glmnet.
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_nointercept_ridge.R
# (R 4.2.2, glmnet 4.1-6). Writes into core/src/test/resources/ref/real/:
#   diabetes-nointercept-ridge.csv           glmnet(x, y, alpha = 0, intercept = FALSE):
#                                            standardize = TRUE, its default lambda sequence,
#                                            thresh 1e-20 (1e-14 leaves it 1.6e-5 off the
#                                            closed form at its last lambda), maxit 1e7
#   diabetes-nointercept-ridge-weighted.csv  the same with weights w_i = 1 + (i mod 3), w_5 = 0
#   diabetes-nointercept-enet05-weighted.csv alpha = 0.5 with those weights
# Columns: lambda, dev_ratio, df, then one column per feature (coefficients on the original
# scale; a0 is 0).
# What glmnet does without an intercept (its Fortran `standard`, intr = 0, and 4.1-6 alike): it
# centers neither x nor y, but divides each column by its *centered* standard deviation
# xs_j = sqrt(sum(w x_j^2) - sum(w x_j)^2) (weights w normalized to sum 1), and y by its root
# mean square sqrt(sum(w y^2)) (not centered). The script checks this on the ridge paths: the
# closed form b = S^-1 (Z'WZ + (l/ys) I)^-1 Z'Wy, Z = x S^-1, S = diag(xs), reproduces glmnet's
# coefficients, and xs the root mean square of x instead does not.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, names(d) != "progression"]); y <- d$progression
n <- nrow(x); p <- ncol(x)
weights <- 1 + seq_len(n) %% 3
weights[5] <- 0
table_of <- function(fit) {
  data.frame(lambda = sprintf("%.17g", fit$lambda), dev_ratio = sprintf("%.17g", fit$dev.ratio),
             df = fit$df, apply(t(as.matrix(fit$beta)), 2, function(b) sprintf("%.17g", b)),
             check.names = FALSE)
}
closed_form_error <- function(fit, w, xs, ys) {
  om <- w / sum(w)
  z <- sweep(x, 2, xs, "/")
  worst <- 0
  for (l in seq_along(fit$lambda)[-1]) {  # glmnet's first ridge lambda reports b = 0
    bt <- solve(crossprod(z, om * z) + fit$lambda[l] / ys * diag(p), crossprod(z, om * y))
    ref <- as.numeric(fit$beta[, l])
    worst <- max(worst, max(abs(bt / xs - ref)) / max(abs(ref)))
  }
  worst
}
cases <- list(list("ridge", 0, rep(1, n)), list("ridge-weighted", 0, weights),
              list("enet05-weighted", 0.5, weights))
for (case in cases) {
  tag <- case[[1]]; alpha <- case[[2]]; w <- case[[3]]
  fit <- glmnet(x, y, alpha = alpha, weights = w, intercept = FALSE, thresh = 1e-20,
                maxit = 1e7)
  stopifnot(all(fit$a0 == 0))
  om <- w / sum(w)
  centered_sd <- sqrt(colSums(om * x^2) - colSums(om * x)^2)
  rms_x <- sqrt(colSums(om * x^2))
  rms_y <- sqrt(sum(om * y^2))
  if (alpha == 0) {
    right <- closed_form_error(fit, w, centered_sd, rms_y)
    wrong <- closed_form_error(fit, w, rms_x, rms_y)
    cat(sprintf("%-16s closed form with x's centered sd: %.2e of the largest coefficient; with",
                tag, right),
        sprintf("x's root mean square: %.2e\n", wrong))
    stopifnot(right < 1e-7, wrong > 0.1)
  }
  write.csv(table_of(fit), file.path(out, paste0("diabetes-nointercept-", tag, ".csv")),
            row.names = FALSE, quote = FALSE)
  cat(sprintf("diabetes-nointercept-%-16s %3d lambdas, lambda_max %.10g, y's rms %.10g\n",
              tag, length(fit$lambda), fit$lambda[1], rms_y))
}
