# glmnet's intercept = FALSE on the real diabetes data, for NoInterceptGlmnetTest (core): no
# earlier reference fitted a path without an intercept.
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_nointercept.R
# (R 4.2.2, glmnet 4.1-6). Writes into core/src/test/resources/ref/real/:
#   diabetes-nointercept-lasso.csv   glmnet(x, y, intercept = FALSE): alpha = 1, standardize =
#                                    TRUE, its default lambda sequence, thresh 1e-14, maxit 1e7
#   diabetes-nointercept-enet05.csv  the same with alpha = 0.5
# Columns: lambda, dev_ratio, df, then one column per feature (coefficients on the original
# scale; a0 is 0). Without an intercept glmnet does not center y, so the scale it divides a
# gaussian y by inside the fit (which the ridge part of its penalty sees) is y's root mean
# square sqrt(sum(y^2)/n), not its standard deviation; the script prints both, and checks the
# lasso path's KKT conditions on the standardized scale (where each uncentered column is
# divided by its centered standard deviation, as with an intercept).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, names(d) != "progression"]); y <- d$progression
n <- nrow(x)
cat(sprintf("y: root mean square %.10g, standard deviation (divisor n) %.10g\n",
            sqrt(sum(y^2) / n), sqrt(sum((y - mean(y))^2) / n)))
table_of <- function(fit) {
  data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df,
             t(as.matrix(fit$beta)), check.names = FALSE)
}
for (alpha in c(1, 0.5)) {
  fit <- glmnet(x, y, alpha = alpha, intercept = FALSE, thresh = 1e-14, maxit = 1e7)
  stopifnot(all(fit$a0 == 0))
  # KKT on the standardized scale: without an intercept glmnet centers neither x nor y but
  # scales each column by its centered standard deviation (divisor n; make_nointercept_ridge.R)
  s <- sqrt(colMeans(x^2) - colMeans(x)^2)
  worst <- 0
  for (l in seq_along(fit$lambda)) {
    b <- as.numeric(fit$beta[, l]); lam <- fit$lambda[l]
    g <- as.numeric(crossprod(x, y - x %*% b)) / n / s   # gradient per standardized coefficient
    if (alpha == 1) {
      act <- b != 0
      v <- c(abs(g[act] - lam * sign(b[act])), pmax(abs(g[!act]) - lam, 0))
      worst <- max(worst, max(v) / lam)
    }
  }
  tag <- if (alpha == 1) "lasso" else "enet05"
  write.csv(table_of(fit), file.path(out, paste0("diabetes-nointercept-", tag, ".csv")),
            row.names = FALSE, quote = FALSE)
  cat(sprintf("diabetes-nointercept-%-6s %3d lambdas, lambda_max %.10g%s\n", tag,
              length(fit$lambda), fit$lambda[1],
              if (alpha == 1) sprintf(", largest KKT violation / lambda = %.2e", worst) else ""))
}
