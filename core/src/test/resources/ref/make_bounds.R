# Reference paths with box constraints (glmnet's lower.limits / upper.limits, issue 11.5) from
# glmnet 4.1-6. Run: Rscript make_bounds.R   (writes the CSV files beside this script)
# Data: the x, w, off of pois.csv and the targets yg, yb of glm2.csv (both from make_glm.R);
# multi.csv for the multinomial family. Paths: one row per lambda: lambda,a0,b1..bp (for the
# multinomial lambda,a0_1..a0_K,b1_1..bp_1,...,b1_K..bp_K), at thresh = 1e-14, maxit = 1e7,
# each certified here by the KKT conditions of the box-constrained problem (printed: the
# largest violation relative to lambda).
suppressMessages(library(glmnet))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
setwd(here)
d <- read.csv("pois.csv"); g <- read.csv("glm2.csv")
x <- as.matrix(d[, paste0("x", 1:8)]); n <- nrow(x); p <- ncol(x)
w <- d$w; off <- d$off; yg <- g$yg; yb <- g$yb

save_path <- function(tag, fit) {
  b <- as.matrix(fit$beta)
  out <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), t(b))
  names(out) <- c("lambda", "a0", paste0("b", seq_len(nrow(b))))
  write.csv(out, sprintf("%s.csv", tag), row.names = FALSE, quote = FALSE)
}
# The KKT violation of one coordinate of the box-constrained problem, on the standardized
# scale: g = minus the gradient of the data term, bt the coefficient, lo/hi its limits. The
# subdifferential of the penalized objective is [lo_, hi_]; at a lower limit only hi_ >= 0 is
# needed, at an upper limit only lo_ <= 0.
viol <- function(g, bt, lam, alpha, lo, hi) {
  smooth <- -g + lam * (1 - alpha) * bt
  l1 <- lam * alpha
  a <- ifelse(bt > 0, smooth + l1, smooth - l1)
  b <- ifelse(bt < 0, smooth - l1, smooth + l1)
  tol <- 1e-12 * pmax(1, abs(bt))
  atl <- abs(bt - lo) <= tol; atu <- abs(bt - hi) <= tol
  pmax(0, ifelse(atl, 0, a), ifelse(atu, 0, -b))
}
kkt <- function(tag, fit, family, y, alpha, weights, offset, standardize, lower, upper) {
  ww <- weights / sum(weights)
  s <- if (standardize) sqrt(colSums(ww * sweep(x, 2, colSums(ww * x))^2)) else rep(1, p)
  worst <- 0
  for (l in seq_along(fit$lambda)) {
    lam <- fit$lambda[l]; b <- as.numeric(fit$beta[, l]); a0 <- fit$a0[l]
    eta <- as.numeric(a0 + x %*% b + offset)
    mu <- switch(family, gaussian = eta, binomial = 1 / (1 + exp(-eta)), poisson = exp(eta))
    r <- ww * (y - mu)
    g <- as.numeric(t(x) %*% r) / s
    v <- viol(g, b * s, lam, alpha, lower * s, upper * s)
    worst <- max(worst, abs(sum(r)) / lam, max(v) / lam)
  }
  cat(sprintf("%-30s %3d lambdas, largest KKT violation / lambda = %.2e\n", tag,
              length(fit$lambda), worst))
}
run <- function(tag, family, y, alpha, standardize, lower, upper, weights = rep(1, n),
                offset = NULL) {
  fit <- glmnet(x, y, family = family, alpha = alpha, standardize = standardize,
                weights = weights, offset = offset, lower.limits = lower,
                upper.limits = upper, thresh = 1e-14, maxit = 1e7)
  save_path(tag, fit)
  kkt(tag, fit, family, y, alpha, weights, if (is.null(offset)) 0 else offset, standardize,
      rep_len(lower, p), rep_len(upper, p))
}
# The non-negative lasso (lower.limits = 0), gaussian and binomial, standardized.
run("gauss-lasso-std-nonneg", "gaussian", yg, 1, TRUE, 0, Inf)
run("binom-lasso-std-nonneg", "binomial", yb, 1, TRUE, 0, Inf)
# Two-sided boxes, per feature, on the original scale: gaussian lasso standardized (glmnet's
# internal scaling of y does not change a lasso path); binomial elastic net unstandardized;
# poisson lasso standardized with weights and an offset.
lo <- c(-0.1, -Inf, -0.2, 0, -Inf, -0.05, -0.15, -Inf)
hi <- c(0.3, 0.2, Inf, 0.1, 0, Inf, 0.05, 0.5)
run("gauss-lasso-std-box", "gaussian", yg, 1, TRUE, lo, hi)
run("binom-enet05-raw-box", "binomial", yb, 0.5, FALSE, lo, hi)
run("pois-lasso-std-box-weights-offset", "poisson", d$y, 1, TRUE, lo, hi, weights = w,
    offset = off)
# The multinomial lasso (unstandardized) with lower.limits = 0 for every class.
m <- read.csv("multi.csv"); xm <- as.matrix(m[, paste0("x", 1:10)])
fm <- glmnet(xm, m$y, family = "multinomial", alpha = 1, standardize = FALSE,
             lower.limits = 0, thresh = 1e-14, maxit = 1e7)
K <- length(fm$beta)
out <- data.frame(lambda = fm$lambda, t(fm$a0))
names(out) <- c("lambda", paste0("a0_", 1:K))
for (k in 1:K) {
  bk <- t(as.matrix(fm$beta[[k]])); colnames(bk) <- paste0("b", 1:10, "_", k)
  out <- cbind(out, bk)
}
write.csv(out, "multi-lasso-raw-nonneg.csv", row.names = FALSE, quote = FALSE)
worst <- 0
for (l in seq_along(fm$lambda)) {
  lam <- fm$lambda[l]
  eta <- sapply(1:K, function(k) fm$a0[k, l] + xm %*% as.numeric(fm$beta[[k]][, l]))
  pr <- exp(eta) / rowSums(exp(eta))
  for (k in 1:K) {
    r <- ((m$y == k - 1) - pr[, k]) / nrow(xm)
    g <- as.numeric(t(xm) %*% r)
    v <- viol(g, as.numeric(fm$beta[[k]][, l]), lam, 1, rep(0, 10), rep(Inf, 10))
    worst <- max(worst, abs(sum(r)) / lam, max(v) / lam)
  }
}
cat(sprintf("%-30s %3d lambdas, largest KKT violation / lambda = %.2e\n",
            "multi-lasso-raw-nonneg", length(fm$lambda), worst))
cat("done\n")
