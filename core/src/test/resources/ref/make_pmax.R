# glmnet's pmax (the path ends before the first lambda whose fit brings more than pmax variables
# into the active set, ever nonzero along the path, nin) for MaxEverActiveGlmnetTest (core).
# Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_pmax.R        (R 4.2.2, glmnet 4.1-6)
# It reads data/ with read.csv as a user would (as make_real_data.R and make_dfmax.R) and writes
# into core/src/test/resources/ref/pmax/ (thresh 1e-14 throughout):
#   CASE-lengths.csv  k, lambdas (how many lambdas glmnet returns with pmax = k, for every k
#                     from 0 to the number of features), empty (1 where glmnet warns "an empty
#                     model has been returned": the first lambda already exceeds k)
#   CASE-K.csv        lambda, df, dev_ratio, a0, then the coefficients, of the path with pmax = K
#   user-lambdas.csv  the lambda sequence of the "diabetes-user" case
#   cv-diabetes-lasso-7.csv / -select.csv  cv.glmnet with pmax = 7 and the fold ids of
#                     ref/real/diabetes-foldid.csv: lambda, cvm, cvsd; lambda_min, lambda_1se
#   cv-diabetes-user-7.csv  the same with the user's lambda sequence
# and prints glmnet's warnings. glmnet counts a variable from the first coordinate update that
# makes it nonzero (its nin, the size of the active set ia that never shrinks), so pmax = 7 on
# diabetes ends after lambda #29 although the returned fits have 7 variables at #30 and 8 only
# from #43; the sweep over k gives glmnet's whole count along each path.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/pmax"
dir.create(out, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
num <- function(v) sprintf("%.17g", v)
# glmnet's fit and the warning it gave (NULL fit on an error)
quiet <- function(expr) {
  msg <- ""
  fit <- withCallingHandlers(expr, warning = function(w) {
    msg <<- conditionMessage(w)
    invokeRestart("muffleWarning")
  })
  list(fit = fit, msg = msg)
}
lengths <- function(name, p, fit_k) {
  runs <- lapply(0:p, function(k) quiet(fit_k(k)))
  n <- sapply(runs, function(r) length(r$fit$lambda))
  empty <- sapply(runs, function(r) as.integer(grepl("empty model", r$msg)))
  csv(data.frame(k = 0:p, lambdas = n, empty = empty), paste0(name, "-lengths.csv"))
  cat(sprintf("%-16s lambdas for pmax = 0..%d: %s\n", name, p, paste(n, collapse = " ")))
}
path <- function(name, k, fit_k) {
  r <- quiet(fit_k(k))
  fit <- r$fit
  beta <- as.matrix(fit$beta)
  coef <- as.data.frame(lapply(seq_len(nrow(beta)), function(j) num(beta[j, ])))
  names(coef) <- rownames(beta)
  csv(cbind(data.frame(lambda = num(fit$lambda), df = fit$df, dev_ratio = num(fit$dev.ratio),
                       a0 = num(fit$a0)), coef), sprintf("%s-%d.csv", name, k))
  cat(sprintf("%-16s pmax = %d: %d lambdas, df %s; %s\n", name, k, length(fit$lambda),
              paste(range(fit$df), collapse = ".."), r$msg))
}
d <- read.csv("data/diabetes.csv")
xd <- as.matrix(d[, names(d) != "progression"]); yd <- d$progression
gauss <- function(k, ...) glmnet(xd, yd, pmax = k, thresh = 1e-14, ...)
lengths("diabetes-lasso", ncol(xd), gauss)
lengths("diabetes-naive", ncol(xd), function(k) gauss(k, type.gaussian = "naive"))
for (k in c(2, 4, 7)) path("diabetes-lasso", k, gauss)
# a lambda sequence of the user's: pmax applies to it too (dfmax does not)
user <- exp(seq(log(40), log(0.01), length.out = 20))
csv(data.frame(lambda = num(user)), "user-lambdas.csv")
lengths("diabetes-user", ncol(xd), function(k) gauss(k, lambda = user))
path("diabetes-user", 7, function(k) gauss(k, lambda = user))
# unpenalized variables enter at the first lambda: with more of them than pmax, an empty model
lengths("diabetes-unpenalized", ncol(xd),
        function(k) gauss(k, penalty.factor = c(0, 0, 0, rep(1, 7))))
# ridge: every variable enters at the first lambda
lengths("diabetes-ridge", ncol(xd), function(k) gauss(k, alpha = 0))
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")]); yb <- factor(b$diagnosis)
binom <- function(k) glmnet(xb, yb, family = "binomial", pmax = k, thresh = 1e-14)
lengths("breast_cancer", ncol(xb), binom)
path("breast_cancer", 8, binom)
g <- read.csv("data/cgd.csv")
xg <- as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                     "log_followup_years")])
og <- log(g$followup_days / 365.25)
pois <- function(k) glmnet(xg, g$infections, family = "poisson", offset = og, pmax = k,
                           thresh = 1e-14)
lengths("cgd", ncol(xg), pois)
path("cgd", 5, pois)
w <- read.csv("data/wine.csv")
xw <- as.matrix(w[, names(w) != "cultivar"]); yw <- factor(w$cultivar)
lengths("wine", ncol(xw), function(k) glmnet(xw, yw, family = "multinomial", pmax = k,
                                            thresh = 1e-14))
lengths("wine-grouped", ncol(xw), function(k) glmnet(xw, yw, family = "multinomial",
                                                    type.multinomial = "grouped", pmax = k,
                                                    thresh = 1e-14))
# cv.glmnet passes pmax to the folds' glmnet (its ...), each fold fitting its own sequence
foldid <- read.csv("core/src/test/resources/ref/real/diabetes-foldid.csv")$fold
cv <- quiet(cv.glmnet(xd, yd, pmax = 7, foldid = foldid, thresh = 1e-14))$fit
csv(data.frame(lambda = num(cv$lambda), cvm = num(cv$cvm), cvsd = num(cv$cvsd)),
    "cv-diabetes-lasso-7.csv")
csv(data.frame(lambda_min = num(cv$lambda.min), lambda_1se = num(cv$lambda.1se)),
    "cv-diabetes-lasso-7-select.csv")
cat(sprintf("cv diabetes-lasso-7: %d lambdas, lambda.min %.6g, lambda.1se %.6g\n",
            length(cv$lambda), cv$lambda.min, cv$lambda.1se))
# with a lambda sequence of the user's the folds fit it too, each cut where its own count
# exceeds pmax, and are predicted at their last lambda beyond (predict's s = lambda)
cv <- quiet(cv.glmnet(xd, yd, lambda = user, pmax = 7, foldid = foldid, thresh = 1e-14))$fit
csv(data.frame(lambda = num(cv$lambda), cvm = num(cv$cvm), cvsd = num(cv$cvsd)),
    "cv-diabetes-user-7.csv")
cat(sprintf("cv diabetes-user-7: %d lambdas, lambda.min %.6g\n", length(cv$lambda),
            cv$lambda.min))
