# Reference paths for issue 11 part 3 (sparse x kept sparse) from glmnet 4.1-6 on a dgCMatrix.
# Run: Rscript make_sparse.R   (writes the CSV files beside this script; seeded, reproducible)
# Data: sparse-x.csv = the nonzero entries as row,col,value (1-based; 500 x 60, about 6 %
# dense, positive values so the columns have nonzero means and glmnet's implicit centering
# matters; column 9 has no entry, column 17 holds one value in every row: both constant);
# sparse-y.csv = yg (gaussian), yb (0/1), yc (counts). The matrix is built with
# Matrix::sparseMatrix, so glmnet runs its sparse code (spelnet / splognet / spfishnet).
# Paths: one row per lambda: lambda,a0,b1..bp, glmnet's default sequence and early stop,
# fitted at thresh = 1e-14, maxit = 1e7; each checked here by its KKT conditions (printed:
# the largest violation relative to lambda, computed from the dense copy of x; it came out at
# 6e-6 (gaussian std), 2e-5 (gaussian raw), 1e-5 (binomial) and 3e-4 (poisson): glmnet's
# thresh bounds its coefficient steps, not this residual. SparseGlmnetTest's own fits are
# certified to 1e-12 and agree with these paths to 1e-7..5e-7 of the largest coefficient).
suppressMessages({ library(Matrix); library(glmnet) })
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
setwd(here)
set.seed(23)
n <- 500; p <- 60
i <- integer(0); j <- integer(0); v <- numeric(0)
for (col in seq_len(p)) {
  if (col == 9) next
  rows <- if (col == 17) seq_len(n) else sort(sample.int(n, rbinom(1, n, 0.02 + 0.001 * col)))
  i <- c(i, rows); j <- c(j, rep(col, length(rows)))
  v <- c(v, if (col == 17) rep(1.5, n) else rexp(length(rows)) * (1 + col / 20))
}
X <- sparseMatrix(i = i, j = j, x = v, dims = c(n, p))
xd <- as.matrix(X)
beta <- numeric(p); beta[c(2, 5, 11, 23, 31, 40, 47, 58)] <- c(1, -0.8, 0.6, -0.5, 0.9, 0.4, -0.7, 0.5)
eta <- as.numeric(xd %*% beta)
yg <- 1 + eta + rnorm(n)
yb <- rbinom(n, 1, 1 / (1 + exp(-(eta - mean(eta)))))
yc <- rpois(n, exp(0.2 + 0.5 * eta))
write.csv(data.frame(row = i, col = j, value = v), "sparse-x.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(yg = yg, yb = yb, yc = yc), "sparse-y.csv", row.names = FALSE, quote = FALSE)

save_path <- function(tag, fit) {
  b <- as.matrix(fit$beta)
  out <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), t(b))
  names(out) <- c("lambda", "a0", paste0("b", seq_len(nrow(b))))
  write.csv(out, sprintf("%s.csv", tag), row.names = FALSE, quote = FALSE)
}
# KKT of (1/n) sum loss + lambda sum_j [(1-a)/2 bt_j^2 + a |bt_j|] on the standardized scale
# bt_j = b_j s_j (s_j the sd with divisor n; 1 without standardize); constant columns skipped.
kkt <- function(tag, fit, y, family, alpha, standardize) {
  s <- if (standardize) sqrt(colMeans(sweep(xd, 2, colMeans(xd))^2)) else rep(1, p)
  keep <- apply(xd, 2, function(c) length(unique(c)) > 1)
  worst <- 0
  for (l in seq_along(fit$lambda)) {
    lam <- fit$lambda[l]; b <- as.numeric(fit$beta[, l]); a0 <- fit$a0[l]
    f <- a0 + as.numeric(xd %*% b)
    mu <- switch(family, gaussian = f, binomial = 1 / (1 + exp(-f)), poisson = exp(f))
    g <- as.numeric(t(xd) %*% (y - mu)) / n / s
    bt <- b * s
    viol <- ifelse(bt != 0, abs(g - lam * (1 - alpha) * bt - lam * alpha * sign(bt)),
                   pmax(0, abs(g) - lam * alpha))
    worst <- max(worst, abs(mean(y - mu)) / lam, max(viol[keep]) / lam)
  }
  cat(sprintf("%-24s %3d lambdas, largest KKT violation / lambda = %.2e\n", tag,
              length(fit$lambda), worst))
}
run <- function(tag, y, family, alpha, standardize) {
  fit <- glmnet(X, y, family = family, alpha = alpha, standardize = standardize,
                thresh = 1e-14, maxit = 1e7)
  stopifnot(inherits(X, "dgCMatrix"))
  save_path(tag, fit)
  kkt(tag, fit, y, family, alpha, standardize)
}
run("sparse-gauss-lasso-std", yg, "gaussian", 1, TRUE)
run("sparse-gauss-lasso-raw", yg, "gaussian", 1, FALSE)
run("sparse-binom-lasso-std", yb, "binomial", 1, TRUE)
run("sparse-binom-enet05-raw", yb, "binomial", 0.5, FALSE)
run("sparse-pois-lasso-std", yc, "poisson", 1, TRUE)
