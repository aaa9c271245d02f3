# How exact glmnet's own intercept = FALSE references are (ref/make_nointercept_glm.R, thresh
# 1e-14, maxit 1e7): the largest KKT residual of each lambda of ref/real/TAG-nointercept-path.csv,
# relative to lambda, on the standardized scale (the gradient of the mean loss divided by each
# column's centered standard deviation, x uncentered). Run from the repository's root:
#   Rscript core/src/test/resources/ref/check_nointercept_glm_kkt.R    (reads, writes nothing)
# Measured: cgd at rounding level (< 1e-14) for lambda #1..12, then up to 2.8e-4; wine
# (ungrouped) < 1e-14 for #1..20, then up to 6.2e-5; wine grouped 5e-8 from #2, up to 7.4e-5.
# As for the gaussian path (make_nointercept.R), glmnet's coordinate descent creeps on these
# uncentered designs: NoInterceptFamiliesGlmnetTest compares at rounding level where glmnet is
# exact and at its own accuracy beyond.
ref <- function(tag) read.csv(sprintf("core/src/test/resources/ref/real/%s-nointercept-path.csv",
                                      tag), check.names = FALSE)
sd_n <- function(x) sqrt(colMeans(x^2) - colMeans(x)^2)
lasso <- function(b, g, lam) {
  act <- b != 0
  max(c(abs(g[act] - lam * sign(b[act])), pmax(abs(g[!act]) - lam, 0))) / lam
}
g <- read.csv("data/cgd.csv")
x <- as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days", "log_followup_years")])
o <- log(g$followup_days / 365.25); y <- g$infections; s <- sd_n(x)
r <- ref("cgd")
cat("cgd:\n"); print(signif(sapply(seq_len(nrow(r)), function(l) {
  b <- as.numeric(r[l, colnames(x)])
  lasso(b, as.numeric(crossprod(x, y - exp(o + x %*% b))) / nrow(x) / s, r$lambda[l])
}), 2))
w <- read.csv("data/wine.csv")
x <- as.matrix(w[, names(w) != "cultivar"]); yw <- factor(w$cultivar); s <- sd_n(x)
Y <- model.matrix(~ yw - 1); cls <- levels(yw)
for (tag in c("wine", "wine_grouped")) {
  r <- ref(tag)
  cat(tag, ":\n", sep = ""); print(signif(sapply(seq_len(nrow(r)), function(l) {
    B <- sapply(cls, function(k) as.numeric(r[l, paste0(colnames(x), "_", k)]))
    lam <- r$lambda[l]
    eta <- x %*% B; P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
    G <- crossprod(x, Y - P) / nrow(x) / s
    if (tag == "wine") return(lasso(B, G, lam))
    nb <- sqrt(rowSums(B^2)); act <- nb > 0
    max(c(sqrt(rowSums((G[act, , drop = FALSE] - lam * B[act, , drop = FALSE] / nb[act])^2)),
          pmax(sqrt(rowSums(G[!act, , drop = FALSE]^2)) - lam, 0))) / lam
  }), 2))
}
