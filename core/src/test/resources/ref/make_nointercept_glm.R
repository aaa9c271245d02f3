# glmnet's intercept = FALSE for the binomial, Poisson and multinomial families on the real data
# of data/, for NoInterceptFamiliesGlmnetTest (core). Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_nointercept_glm.R        (R 4.2.2, glmnet 4.1-6)
# It reads the files with read.csv as make_real_data.R does and writes into
# core/src/test/resources/ref/real/, for each TAG (breast_cancer, cgd with its offset, wine, and
# wine_grouped: type.multinomial = "grouped"):
#   TAG-nointercept-path.csv        glmnet(intercept = FALSE, thresh = 1e-14, maxit = 1e7), its
#                                   default lambda sequence: lambda, dev_ratio, df, a0 (all 0),
#                                   then the coefficients (make_real_data.R's layout)
#   TAG-nointercept-cv.csv          cv.glmnet of the same call with the fold ids of
#                                   ref/real/TAG-foldid.csv (wine's for wine_grouped),
#                                   type.measure = "deviance": lambda, cvm, cvsd
#   TAG-nointercept-cv-select.csv   lambda_min, lambda_1se
# and prints what glmnet does without an intercept: the null deviance is that of eta = offset
# (p = 1/2, mu = exp(offset), each class 1/K), not the intercept-only model's; lambda_max is the
# gradient there; the columns are scaled by their standard deviation (centered), though x is not
# centered (glmnet's lstandard1). glmnet's default maxit (1e5) is too small for these
# uncentered paths (it warns and ends the sequence early): hence maxit = 1e7. Even so, wine's
# classes are nearly separable without an intercept: glmnet does not converge at lambda #75 of
# the default sequence (#66 to #85 in cv.glmnet's folds), so wine's sequence ends at
# lambda.min.ratio = 0.01, where every fit converges. Any warning stops the script (warn = 2):
# no reference comes from a fit glmnet gave up on.
options(warn = 2)
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
coefs <- function(fit) {
  if (is.list(fit$beta)) {
    cls <- names(fit$beta)
    a0 <- t(fit$a0); colnames(a0) <- paste0("a0_", cls)
    b <- do.call(cbind, lapply(cls, function(k) {
      m <- t(as.matrix(fit$beta[[k]])); colnames(m) <- paste0(colnames(m), "_", k); m
    }))
    cbind(a0, b)
  } else {
    cbind(a0 = as.numeric(fit$a0), t(as.matrix(fit$beta)))
  }
}
run <- function(tag, x, y, family, null_deviance, offset = NULL, folds = tag, ...) {
  fit <- glmnet(x, y, family = family, offset = offset, intercept = FALSE, thresh = 1e-14,
                maxit = 1e7, ...)
  stopifnot(all(fit$a0 == 0), isTRUE(all.equal(fit$nulldev, null_deviance)))
  csv(data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df, coefs(fit),
                 check.names = FALSE), paste0(tag, "-nointercept-path.csv"))
  foldid <- read.csv(file.path(out, paste0(folds, "-foldid.csv")))$fold
  cv <- cv.glmnet(x, y, family = family, offset = offset, intercept = FALSE, foldid = foldid,
                  type.measure = "deviance", thresh = 1e-14, maxit = 1e7, ...)
  csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd),
      paste0(tag, "-nointercept-cv.csv"))
  csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se),
      paste0(tag, "-nointercept-cv-select.csv"))
  cat(sprintf("%-14s %3d lambdas, lambda_max %.10g, null deviance %.10g; cv: %d lambdas, min #%d, 1se #%d\n",
              tag, length(fit$lambda), fit$lambda[1], fit$nulldev, length(cv$lambda),
              cv$index[1], cv$index[2]))
}
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")]); yb <- factor(b$diagnosis)
# lambda_max: the gradient at p = 1/2 over the columns' centered standard deviation
sd_n <- function(x) sqrt(colMeans(x^2) - colMeans(x)^2)
g <- abs(crossprod(xb, (as.numeric(yb) - 1) - 0.5)) / nrow(xb) / sd_n(xb)
cat(sprintf("breast_cancer: lambda_max from the gradient at p = 1/2: %.10g\n", max(g)))
run("breast_cancer", xb, yb, "binomial", null_deviance = 2 * nrow(xb) * log(2))
g <- read.csv("data/cgd.csv")
xg <- as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days", "log_followup_years")])
og <- log(g$followup_days / 365.25); yg <- g$infections
mu <- exp(og)
run("cgd", xg, yg, "poisson", offset = og,
    null_deviance = 2 * sum(ifelse(yg > 0, yg * log(yg / mu), 0) - (yg - mu)))
w <- read.csv("data/wine.csv")
xw <- as.matrix(w[, names(w) != "cultivar"]); yw <- factor(w$cultivar)
run("wine", xw, yw, "multinomial", null_deviance = 2 * nrow(xw) * log(3),
    lambda.min.ratio = 0.01)
run("wine_grouped", xw, yw, "multinomial", null_deviance = 2 * nrow(xw) * log(3),
    folds = "wine", type.multinomial = "grouped", lambda.min.ratio = 0.01)
