# Reference paths for issue 11 (Poisson, observation weights, offsets) from glmnet 4.1-6.
# Run: Rscript make_glm.R   (writes the CSV files beside this script; seeded, reproducible)
# Data: pois.csv = x1..x8, y (counts), w (observation weights), off (an offset, log exposure).
# Paths: one row per lambda: lambda,a0,b1..bp, fitted at thresh = 1e-14, maxit = 1e7, each
# certified here by its KKT conditions (printed: the largest violation relative to lambda).
suppressMessages(library(glmnet))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
setwd(here)
set.seed(11)
n <- 400; p <- 8
x <- matrix(rnorm(n * p), n, p)
x <- sweep(x, 2, c(1, 2, 0.5, 1, 3, 1, 0.7, 1.5), "*")       # unequal scales
w <- runif(n, 0.2, 3)                                         # observation weights
off <- log(runif(n, 0.5, 4))                                  # log exposure
eta <- 0.3 + x %*% (c(0.4, -0.15, 0.6, 0, 0.05, 0, -0.3, 0) / 1)
y <- rpois(n, exp(eta + off))
df <- data.frame(x); names(df) <- paste0("x", seq_len(p)); df$y <- y; df$w <- w; df$off <- off
write.csv(df, "pois.csv", row.names = FALSE)

save_path <- function(tag, fit) {
  b <- as.matrix(fit$beta)
  out <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), t(b))
  names(out) <- c("lambda", "a0", paste0("b", seq_len(nrow(b))))
  write.csv(out, sprintf("%s.csv", tag), row.names = FALSE, quote = FALSE)
  invisible(out)
}
# KKT of (1/W) sum w_i (mu_i - y_i eta_i) + lambda sum_j [(1-a)/2 bt_j^2 + a |bt_j|] on the
# standardized scale bt_j = b_j s_j (s_j the weighted sd, divisor W; 1 without standardize).
kkt <- function(tag, fit, alpha, weights, offset, standardize) {
  ww <- weights / sum(weights)
  s <- if (standardize) sqrt(colSums(ww * sweep(x, 2, colSums(ww * x))^2)) else rep(1, p)
  worst <- 0
  for (l in seq_along(fit$lambda)) {
    lam <- fit$lambda[l]; b <- as.numeric(fit$beta[, l]); a0 <- fit$a0[l]
    mu <- exp(a0 + x %*% b + offset)
    g <- as.numeric(t(x) %*% (ww * (y - mu))) / s            # minus the gradient, std scale
    bt <- b * s
    v <- ifelse(bt != 0, abs(g - lam * (1 - alpha) * bt - lam * alpha * sign(bt)),
                pmax(0, abs(g) - lam * alpha))
    worst <- max(worst, abs(sum(ww * (y - mu))) / lam, max(v) / lam)
  }
  cat(sprintf("%-24s %3d lambdas, largest KKT violation / lambda = %.2e\n", tag,
              length(fit$lambda), worst))
}
run <- function(tag, alpha, standardize, weights = rep(1, n), offset = NULL) {
  fit <- glmnet(x, y, family = "poisson", alpha = alpha, standardize = standardize,
                weights = weights, offset = offset, thresh = 1e-14, maxit = 1e7)
  save_path(tag, fit)
  kkt(tag, fit, alpha, weights, if (is.null(offset)) 0 else offset, standardize)
}
run("pois-lasso-raw", 1, FALSE)
run("pois-enet05-std", 0.5, TRUE)
run("pois-lasso-std-weights", 1, TRUE, weights = w)
run("pois-enet05-raw-offset", 0.5, FALSE, offset = off)
run("pois-lasso-std-weights-offset", 1, TRUE, weights = w, offset = off)
# cv.glmnet, type.measure = "deviance" (the Poisson deviance), fold ids (i - 1) %% 5 + 1, its
# default alignment: pois-cv.csv (lambda, cvm, cvsd) and pois-cv-select.csv.
cv <- cv.glmnet(x, y, family = "poisson", alpha = 1, standardize = FALSE,
                foldid = (seq_len(n) - 1) %% 5 + 1, type.measure = "deviance",
                thresh = 1e-14, maxit = 1e7)
write.csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd), "pois-cv.csv",
          row.names = FALSE, quote = FALSE)
write.csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se),
          "pois-cv-select.csv", row.names = FALSE, quote = FALSE)
# Gaussian and binomial targets on the same x, weights and offset (glm2.csv: yg, yb; seed 12):
# the lasso with weights and an offset, standardized (gaussian: glmnet's internal scaling of y
# does not change a lasso path) and unstandardized (binomial).
set.seed(12)
yg <- as.numeric(1 + x %*% c(0.5, 0, -0.4, 0.2, 0, 0, 0.3, 0) + off + rnorm(n))
yb <- rbinom(n, 1, 1 / (1 + exp(-(-0.3 + x %*% c(0.8, 0, 0.5, 0, -0.2, 0, 0, 0.4) + off))))
write.csv(data.frame(yg = yg, yb = yb), "glm2.csv", row.names = FALSE, quote = FALSE)
save_path("gauss-lasso-std-weights-offset",
          glmnet(x, yg, alpha = 1, weights = w, offset = off, thresh = 1e-14, maxit = 1e7))
save_path("binom-lasso-raw-weights-offset",
          glmnet(x, yb, family = "binomial", alpha = 1, standardize = FALSE, weights = w,
                 offset = off, thresh = 1e-14, maxit = 1e7))
# cv.glmnet with observation weights and with an offset (issue 11.2), fold ids
# (i - 1) %% 5 + 1, type.measure = "deviance" (the MSE for gaussian), default alignment:
# TAG.csv (lambda, cvm, cvsd) and TAG-select.csv (lambda_min, lambda_1se) for the Poisson lasso
# with weights and an offset (standardized), the gaussian lasso with weights (standardized) and
# the binomial lasso with an offset (unstandardized).
cv_save <- function(tag, cv) {
  write.csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd),
            sprintf("%s.csv", tag), row.names = FALSE, quote = FALSE)
  write.csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se),
            sprintf("%s-select.csv", tag), row.names = FALSE, quote = FALSE)
}
fid <- (seq_len(n) - 1) %% 5 + 1
cv_save("pois-cv-weights-offset",
        cv.glmnet(x, y, family = "poisson", weights = w, offset = off, foldid = fid,
                  type.measure = "deviance", thresh = 1e-14, maxit = 1e7))
cv_save("gauss-cv-weights",
        cv.glmnet(x, yg, weights = w, foldid = fid, type.measure = "deviance",
                  thresh = 1e-14, maxit = 1e7))
cv_save("binom-cv-offset",
        cv.glmnet(x, yb, family = "binomial", offset = off, standardize = FALSE,
                  foldid = fid, type.measure = "deviance", thresh = 1e-14, maxit = 1e7))
cat("done\n")
