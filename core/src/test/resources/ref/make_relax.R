# Reference relaxed-lasso fits (glmnet's relax = TRUE, issue 11 part 4) from glmnet 4.1-6.
# Run: Rscript make_relax.R   (writes the CSV files beside this script; seeded, reproducible)
# Data: relax.csv = x1..x8 (correlated, unequal scales), yg (gaussian), yb (0/1).
# For each family (gauss: lasso, standardized; binom: lasso, standardize = FALSE), at
# thresh = 1e-14, maxit = 1e7:
#   relax-<fam>-lasso.csv    the lasso path fit (lambda,a0,b1..bp), glmnet's default sequence
#   relax-<fam>-relaxed.csv  fit$relaxed: the unpenalized refit on each lambda's active set
#   relax-<fam>-blend.csv    coef(fit, s = lambda[l], gamma = g) at a few (l, g), g > 0
#                            (glmnet raises gamma = 0 to 1e-5 in blend.relaxed; the pure
#                            relaxed fit is relax-<fam>-relaxed.csv)
#   relax-<fam>-cv.csv       cv.glmnet(relax = TRUE) with foldid (i - 1) %% 5 + 1:
#                            lambda, cvm_<g>, cvsd_<g> for g in 0, 0.25, 0.5, 0.75, 1
#   relax-<fam>-cv-select.csv  lambda_min, gamma_min, lambda_1se, gamma_1se (cv$relaxed)
# Each relaxed refit is certified here: the gradient of the unpenalized loss on its active
# set, max |x_j'(w (y - mu))| / n, is printed (it must be ~0).
suppressMessages(library(glmnet))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
setwd(here)
set.seed(41)
n <- 200; p <- 8
z <- matrix(rnorm(n * p), n, p)
x <- z + 0.5 * z[, c(2:p, 1)]                                  # neighbouring features correlated
x <- sweep(x, 2, c(1, 2, 0.5, 1, 3, 1, 0.7, 1.5), "*")       # unequal scales
yg <- as.numeric(0.5 + x %*% c(1, -0.5, 0, 0.8, 0, 0, 0.4, 0) + rnorm(n))
yb <- rbinom(n, 1, 1 / (1 + exp(-(-0.2 + x %*% c(0.9, 0, -0.7, 0, 0.15, 0, 0, 0.3)))))
df <- data.frame(x); names(df) <- paste0("x", seq_len(p)); df$yg <- yg; df$yb <- yb
write.csv(df, "relax.csv", row.names = FALSE, quote = FALSE)
foldid <- (seq_len(n) - 1) %% 5 + 1
gammas <- c(0, 0.25, 0.5, 0.75, 1)

path_frame <- function(lambda, a0, b) {
  b <- as.matrix(b)
  out <- data.frame(lambda = lambda, a0 = as.numeric(a0), t(b))
  names(out) <- c("lambda", "a0", paste0("b", seq_len(nrow(b))))
  out
}
save <- function(frame, file) write.csv(frame, file, row.names = FALSE, quote = FALSE)

run <- function(tag, y, family, standardize) {
  # Literal arguments: relax.glmnet re-evaluates the call (update), where local names fail.
  fit <- eval(bquote(glmnet(x, .(y), family = .(family), alpha = 1,
                            standardize = .(standardize), relax = TRUE, thresh = 1e-14,
                            maxit = 1e7)))
  save(path_frame(fit$lambda, fit$a0, fit$beta), sprintf("relax-%s-lasso.csv", tag))
  r <- fit$relaxed
  save(path_frame(r$lambda, r$a0, r$beta), sprintf("relax-%s-relaxed.csv", tag))
  worst <- 0
  for (l in seq_along(r$lambda)) {
    b <- as.numeric(r$beta[, l]); act <- b != 0
    eta <- r$a0[l] + x %*% b
    mu <- if (family == "gaussian") eta else 1 / (1 + exp(-eta))
    g <- c(sum(y - mu), as.numeric(t(x[, act, drop = FALSE]) %*% (y - mu))) / n
    worst <- max(worst, abs(g))
  }
  cat(sprintf("%-6s %3d lambdas (%d relaxed), largest gradient of a relaxed refit = %.2e\n",
              tag, length(fit$lambda), length(r$lambda), worst))
  rows <- list()
  for (l in c(3, 8, 15, 25, length(fit$lambda))) {
    for (g in c(0.25, 0.5, 0.75)) {
      cf <- as.numeric(coef(fit, s = fit$lambda[l], gamma = g))
      rows[[length(rows) + 1]] <- c(l, g, fit$lambda[l], cf)
    }
  }
  blend <- as.data.frame(do.call(rbind, rows))
  names(blend) <- c("index", "gamma", "lambda", "a0", paste0("b", seq_len(p)))
  save(blend, sprintf("relax-%s-blend.csv", tag))
  cv <- cv.glmnet(x, y, family = family, alpha = 1, standardize = standardize, relax = TRUE,
                  gamma = gammas, foldid = foldid, thresh = 1e-14, maxit = 1e7)
  st <- cv$relaxed$statlist
  out <- data.frame(lambda = st[[1]]$lambda)
  for (i in seq_along(gammas)) {
    out[[sprintf("cvm_%g", gammas[i])]] <- st[[i]]$cvm
    out[[sprintf("cvsd_%g", gammas[i])]] <- st[[i]]$cvsd
  }
  save(out, sprintf("relax-%s-cv.csv", tag))
  save(data.frame(lambda_min = cv$relaxed$lambda.min, gamma_min = cv$relaxed$gamma.min,
                  lambda_1se = cv$relaxed$lambda.1se, gamma_1se = cv$relaxed$gamma.1se),
       sprintf("relax-%s-cv-select.csv", tag))
  cat(sprintf("%-6s cv: lambda.min %.6g gamma.min %g, lambda.1se %.6g gamma.1se %g\n", tag,
              cv$relaxed$lambda.min, cv$relaxed$gamma.min, cv$relaxed$lambda.1se,
              cv$relaxed$gamma.1se))
}
run("gauss", yg, "gaussian", TRUE)
run("binom", yb, "binomial", FALSE)
cat("done\n")
