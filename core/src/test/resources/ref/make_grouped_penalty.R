# The penalty a grouped multinomial model reports (GroupedPenaltyTest): glmnet's grouped fit
# (type.multinomial = "grouped") on data/wine.csv at a few λ, its loss and its penalty computed
# here from its coefficients in tikhonov's scaling. Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_grouped_penalty.R     (R 4.2.2, glmnet 4.1-6)
# It writes core/src/test/resources/ref/grouped/wine-penalty.csv: lambda, alpha, loss (mean
# cross-entropy −(1/n) Σ log p(yᵢ|xᵢ)), penalty λ Σⱼ vⱼ[(1−α)/2 ‖sⱼbⱼ‖₂² + α‖sⱼbⱼ‖₂] (bⱼ the
# feature's K class coefficients on the original scale, sⱼ its standard deviation with divisor
# n, vⱼ = 1: glmnet's standardize = TRUE), and ungrouped, the ungrouped form
# λ Σₖ Σⱼ vⱼ[(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|] of the same coefficients (what the grouped model
# reported before it knew its penalty). It prints how far glmnet's coefficients are from summing
# to 0 over the classes (the grouped penalty's minimum over the shift that leaves the loss alone).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
w <- read.csv("data/wine.csv")
x <- as.matrix(w[, names(w) != "cultivar"])
y <- factor(w$cultivar)
n <- nrow(x)
s <- sqrt(colMeans(sweep(x, 2, colMeans(x))^2))
rows <- list()
for (alpha in c(1, 0.5)) {
  lambdas <- c(0.1, 0.03, 0.01, 0.003)
  fit <- glmnet(x, y, family = "multinomial", type.multinomial = "grouped", alpha = alpha,
                lambda = lambdas, thresh = 1e-14, maxit = 1e7)
  for (l in seq_along(lambdas)) {
    lam <- fit$lambda[l]
    B <- sapply(fit$beta, function(b) as.numeric(b[, l]))   # p x K
    eta <- sweep(x %*% B, 2, fit$a0[, l], "+")
    logp <- eta - apply(eta, 1, max)
    logp <- logp - log(rowSums(exp(logp)))
    loss <- -mean(logp[cbind(seq_len(n), as.integer(y))])
    Bs <- B * s
    norms <- sqrt(rowSums(Bs^2))
    grouped <- lam * sum((1 - alpha) / 2 * norms^2 + alpha * norms)
    ungrouped <- lam * sum((1 - alpha) / 2 * Bs^2 + alpha * abs(Bs))
    cat(sprintf("alpha %.1f lambda %-6g largest |sum over classes| %.1e, df %d\n", alpha, lam,
                max(abs(rowSums(B))), fit$df[l]))
    rows[[length(rows) + 1]] <- data.frame(lambda = lam, alpha = alpha, loss = loss,
                                           penalty = grouped, ungrouped = ungrouped)
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "core/src/test/resources/ref/grouped/wine-penalty.csv",
          row.names = FALSE, quote = FALSE)
