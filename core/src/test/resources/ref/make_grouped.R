# glmnet's grouped multinomial lasso (type.multinomial = "grouped") for GroupedMultinomialGlmnetTest
# (core) and the CLI's grouped tests. Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_grouped.R        (R 4.2.2, glmnet 4.1-6)
# It writes into core/src/test/resources/ref/grouped/:
#   wine-path.csv       data/wine.csv read as a user reads it, glmnet's defaults (standardize,
#                       alpha = 1, its default lambda sequence) at thresh = 1e-14, maxit = 1e7:
#                       lambda, dev_ratio, df, a0_CLASS, FEATURE_CLASS (original scale)
#   wine-cv.csv         cv.glmnet with the fold ids of ref/real/wine-foldid.csv, deviance, same
#                       thresh: lambda, cvm, cvsd
#   wine-cv-select.csv  lambda_min, lambda_1se
#   multi-weights-pf.csv  ref/multi.csv (n = 300, p = 10, 3 classes) with weights
#                       w_i = 1 + (i mod 4) / 2, penalty factors pf below (feature 3
#                       unpenalized), alpha = 0.7, standardize = FALSE, thresh 1e-14
# For each path it prints the largest violation of the group KKT conditions on glmnet's own
# solution (on the design's scale, relative to lambda), the accuracy of the reference itself.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/grouped"
dir.create(out, showWarnings = FALSE)
csv <- function(df, name) {
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}
coefs <- function(fit) {
  cls <- names(fit$beta)
  a0 <- t(fit$a0); colnames(a0) <- paste0("a0_", cls)
  b <- do.call(cbind, lapply(cls, function(k) {
    m <- t(as.matrix(fit$beta[[k]])); colnames(m) <- paste0(colnames(m), "_", k); m
  }))
  cbind(a0, b)
}
path_table <- function(fit) {
  data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df, coefs(fit),
             check.names = FALSE)
}
# Group KKT on the scale glmnet solves on: z = (x - m) / s with weighted moments (s = 1 without
# standardize), gradient of (1/W) sum w_i loss_i; the violation relative to lambda.
kkt <- function(tag, fit, x, y, w, pf, alpha, standardize) {
  w <- w / sum(w)
  pf <- pf * length(pf) / sum(pf)
  m <- colSums(w * x)
  s <- if (standardize) sqrt(colSums(w * sweep(x, 2, m)^2)) else rep(1, ncol(x))
  Y <- model.matrix(~ y - 1)
  worst <- 0
  for (l in seq_along(fit$lambda)) {
    lam <- fit$lambda[l]
    B <- sapply(fit$beta, function(b) as.numeric(b[, l]))   # p x K, original scale
    eta <- sweep(x %*% B, 2, fit$a0[, l], "+")
    P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
    G <- t(sweep(x, 2, m) / rep(s, each = nrow(x))) %*% (w * (P - Y))  # p x K gradient
    Bt <- B * s
    for (j in seq_len(ncol(x))) {
      nb <- sqrt(sum(Bt[j, ]^2))
      v <- if (nb == 0) max(0, sqrt(sum(G[j, ]^2)) - lam * alpha * pf[j])
           else sqrt(sum((G[j, ] + lam * (1 - alpha) * pf[j] * Bt[j, ]
                          + lam * alpha * pf[j] * Bt[j, ] / nb)^2))
      worst <- max(worst, v / lam)
    }
  }
  cat(sprintf("%-16s %3d lambdas, largest group KKT violation / lambda = %.2e\n", tag,
              length(fit$lambda), worst))
}

w <- read.csv("data/wine.csv")
x <- as.matrix(w[, names(w) != "cultivar"])
y <- factor(w$cultivar)
fit <- glmnet(x, y, family = "multinomial", type.multinomial = "grouped", thresh = 1e-14,
              maxit = 1e7)
csv(path_table(fit), "wine-path.csv")
kkt("wine", fit, x, y, rep(1, nrow(x)), rep(1, ncol(x)), 1, TRUE)
foldid <- read.csv("core/src/test/resources/ref/real/wine-foldid.csv")$fold
cv <- cv.glmnet(x, y, family = "multinomial", type.multinomial = "grouped", foldid = foldid,
                type.measure = "deviance", thresh = 1e-14, maxit = 1e7)
csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd), "wine-cv.csv")
csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se), "wine-cv-select.csv")
cat(sprintf("wine cv.glmnet: lambda.min #%d, lambda.1se #%d\n", cv$index[1], cv$index[2]))

d <- read.csv("core/src/test/resources/ref/multi.csv")
x <- as.matrix(d[, names(d) != "y"])
y <- factor(d$y)
wt <- 1 + ((seq_len(nrow(x)) - 1) %% 4) / 2
pf <- c(1, 2, 0, 1, 0.5, 1, 1, 3, 1, 1)
fit <- glmnet(x, y, family = "multinomial", type.multinomial = "grouped", weights = wt,
              penalty.factor = pf, alpha = 0.7, standardize = FALSE, thresh = 1e-14,
              maxit = 1e7)
csv(path_table(fit), "multi-weights-pf.csv")
kkt("multi-weights-pf", fit, x, y, wt, pf, 0.7, FALSE)
# glmnet's lambda_max above comes from its own fit of the intercepts and the unpenalized x3, which
# its thresh leaves 7e-9 (relative) from the exact one. The exact lambda_max: that fit by Newton's
# method to machine precision (class 3 as reference, then lambda_max = max_j ||grad_j|| / (alpha
# pf_j) over the penalized features; centering x does not matter where sum_i w_i (p_i - y_i) = 0).
wn <- wt / sum(wt)
pfn <- pf * length(pf) / sum(pf)
Y <- outer(as.integer(as.character(y)), 0:2, "==") * 1
X <- cbind(1, x[, 3])
th <- matrix(0, 2, 3)
probs <- function(th) {
  E <- X %*% th; P <- exp(E - apply(E, 1, max)); P / rowSums(P)
}
for (it in 1:50) {
  P <- probs(th)
  g <- as.vector(t(X) %*% (wn * (P - Y)))
  H <- matrix(0, 6, 6)
  for (i in seq_len(nrow(X))) {
    H <- H + wn[i] * kronecker(diag(P[i, ]) - outer(P[i, ], P[i, ]), outer(X[i, ], X[i, ]))
  }
  th[, 1:2] <- th[, 1:2] - matrix(solve(H[1:4, 1:4], g[1:4]), 2, 2)
}
P <- probs(th)
stopifnot(max(abs(t(X) %*% (wn * (P - Y)))) < 1e-15)
G <- t(x) %*% (wn * (P - Y))
lmax <- max(sqrt(rowSums(G^2))[pfn > 0] / pfn[pfn > 0]) / 0.7
csv(data.frame(lambda_max = sprintf("%.17g", lmax)), "multi-weights-pf-lambda-max.csv")
cat(sprintf("multi-weights-pf exact lambda_max %.17g, glmnet's %.17g\n", lmax, fit$lambda[1]))
