# The objective of the 5-λ lasso multinomial path on data/wine.csv (target cultivar), for
# MultinomialTightToleranceTest (core): glmnet's own 5-λ sequence at thresh = 1e-14 and its
# objective (1/n)Σ −log p_{i,y_i} + λ Σ_k Σ_j s_j |b_jk| (s_j the 1/n standard deviation,
# docs/objective.md). glmnet keeps every probability in [1e-9, 1 − 1e-9] while it iterates, so
# near separation (λ #5: deviance ratio 0.9997) its fit is not the exact minimizer: its
# objective is an upper bound for the minimum. Run from the root:
#   Rscript core/src/test/resources/ref/make_wine_multinomial_tight.R  (R 4.2.2, glmnet 4.1-6)
# Writes core/src/test/resources/ref/wine-multinomial-tight.csv: lambda, objective.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
d <- read.csv("data/wine.csv")
y <- factor(d$cultivar); x <- as.matrix(d[, names(d) != "cultivar"]); n <- nrow(x)
fit <- glmnet(x, y, family = "multinomial", nlambda = 5, thresh = 1e-14, maxit = 1e7)
s <- apply(x, 2, function(c) sqrt(mean((c - mean(c))^2)))
obj <- sapply(seq_along(fit$lambda), function(l) {
  b <- sapply(fit$beta, function(bk) as.numeric(bk[, l]))
  eta <- sweep(x %*% b, 2, fit$a0[, l], "+")
  lse <- apply(eta, 1, function(e) max(e) + log(sum(exp(e - max(e)))))
  mean(lse - eta[cbind(seq_len(n), as.integer(y))]) + fit$lambda[l] * sum(abs(b * s))
})
out <- data.frame(lambda = sprintf("%.17g", fit$lambda), objective = sprintf("%.17g", obj))
write.csv(out, "core/src/test/resources/ref/wine-multinomial-tight.csv", row.names = FALSE,
          quote = FALSE)
cat(length(fit$lambda), "lambdas,", fit$npasses, "passes\n")
