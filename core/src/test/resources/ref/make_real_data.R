# glmnet on the REAL data of data/, run as a user runs it, for RealDataGlmnetTest (core) and
# RealDataPathCliIT (cli): "I ran glmnet in R on this CSV and `tikhonov path` on the same CSV:
# same numbers?"
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_real_data.R
# (R 4.2.2, glmnet 4.1-6). It reads the files with read.csv as a user would and writes into
# core/src/test/resources/ref/real/, for each TAG (diabetes, breast_cancer, wine, cgd):
#   TAG-path.csv        glmnet's default path, glmnet's defaults (standardize = TRUE, alpha = 1,
#                       its default lambda sequence, thresh 1e-7): lambda, dev_ratio, df, a0,
#                       then one column per feature, coefficients on the original scale
#                       (multinomial: a0_CLASS and FEATURE_CLASS for each class)
#   TAG-path-exact.csv  the same call at thresh = 1e-14, maxit = 1e7: glmnet's exact solutions.
#                       Its lambdas are the same numbers (lambda_max and the ratio do not depend
#                       on thresh), but the path may end elsewhere: glmnet stops the sequence when
#                       dev_ratio grows by < 1e-5, and at thresh 1e-7 dev_ratio is itself off
#                       by more than that on ill-conditioned data (diabetes: 88 vs 86 lambdas)
#   TAG-foldid.csv      the fold of each row (header `fold`), a seeded sample of rep(1:10)
#   TAG-cv.csv          cv.glmnet(foldid = those folds), type.measure = "deviance": lambda,
#                       cvm, cvsd at the default thresh and cvm_exact, cvsd_exact at 1e-14 (NA
#                       where one of the two sequences has ended)
#   TAG-cv-select.csv   lambda_min, lambda_1se of each: default thresh, then _exact
# and glmnet-version.txt. For each path it prints how far glmnet's default thresh leaves the
# coefficients from its thresh = 1e-14 fit at the same lambdas (the largest difference relative
# to the largest coefficient at each lambda) and dev_ratio (absolute): that is glmnet's own
# accuracy, the floor of any agreement with the numbers a user sees. Reproducible byte for
# byte (seeded folds).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
dir.create(out, showWarnings = FALSE)
writeLines(sprintf("glmnet %s, %s", packageVersion("glmnet"), R.version.string),
           file.path(out, "glmnet-version.txt"))
csv <- function(df, name) {
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}
# coefficients as a matrix: one row per lambda, a0 first (multinomial: a0_k, then b_jk by class)
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
# glmnet's default-thresh path against its thresh = 1e-14 one, on the lambdas both have
accuracy <- function(tag, fit, exact) {
  m <- min(length(fit$lambda), length(exact$lambda))
  stopifnot(all(fit$lambda[1:m] == exact$lambda[1:m]))
  a <- coefs(fit)[1:m, , drop = FALSE]; b <- coefs(exact)[1:m, , drop = FALSE]
  rel <- sapply(seq_len(m), function(l) max(abs(a[l, ] - b[l, ])) / max(abs(b[l, ])))
  cat(sprintf(paste("%-14s %3d lambdas (thresh 1e-14: %3d); default thresh vs 1e-14:",
                    "coefficients %.1e, dev_ratio %.1e\n"),
              tag, length(fit$lambda), length(exact$lambda), max(rel),
              max(abs(fit$dev.ratio[1:m] - exact$dev.ratio[1:m]))))
}
path_table <- function(fit) {
  data.frame(lambda = fit$lambda, dev_ratio = fit$dev.ratio, df = fit$df, coefs(fit),
             check.names = FALSE)
}
run <- function(tag, x, y, family, offset = NULL) {
  fit <- glmnet(x, y, family = family, offset = offset)
  exact <- glmnet(x, y, family = family, offset = offset, thresh = 1e-14, maxit = 1e7)
  accuracy(tag, fit, exact)
  csv(path_table(fit), paste0(tag, "-path.csv"))
  csv(path_table(exact), paste0(tag, "-path-exact.csv"))
  set.seed(2026)
  foldid <- sample(rep(1:10, length.out = nrow(x)))
  csv(data.frame(fold = foldid), paste0(tag, "-foldid.csv"))
  cv <- cv.glmnet(x, y, family = family, offset = offset, foldid = foldid,
                  type.measure = "deviance")
  cvx <- cv.glmnet(x, y, family = family, offset = offset, foldid = foldid,
                   type.measure = "deviance", thresh = 1e-14, maxit = 1e7)
  m <- max(length(cv$lambda), length(cvx$lambda))
  pad <- function(v) c(v, rep(NA, m - length(v)))
  lambda <- if (length(cv$lambda) == m) cv$lambda else cvx$lambda
  csv(data.frame(lambda = lambda, cvm = pad(cv$cvm), cvsd = pad(cv$cvsd),
                 cvm_exact = pad(cvx$cvm), cvsd_exact = pad(cvx$cvsd)), paste0(tag, "-cv.csv"))
  csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se,
                 lambda_min_exact = cvx$lambda.min, lambda_1se_exact = cvx$lambda.1se),
      paste0(tag, "-cv-select.csv"))
  cat(sprintf("%-14s cv.glmnet: lambda.min #%d, lambda.1se #%d (thresh 1e-14: #%d, #%d)\n", tag,
              cv$index[1], cv$index[2], cvx$index[1], cvx$index[2]))
}
d <- read.csv("data/diabetes.csv")
run("diabetes", as.matrix(d[, names(d) != "progression"]), d$progression, "gaussian")
b <- read.csv("data/breast_cancer.csv")
run("breast_cancer", as.matrix(b[, !names(b) %in% c("id", "diagnosis")]), factor(b$diagnosis),
    "binomial")
w <- read.csv("data/wine.csv")
run("wine", as.matrix(w[, names(w) != "cultivar"]), factor(w$cultivar), "multinomial")
g <- read.csv("data/cgd.csv")
run("cgd", as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                          "log_followup_years")]),
    g$infections, "poisson", offset = log(g$followup_days / 365.25))
