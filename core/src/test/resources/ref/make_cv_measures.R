# cv.glmnet's type.measure other than "deviance" on the real data of data/, for CvMeasureGlmnetTest
# (core). The same files, columns and fold ids as make_real_data.R (ref/real/TAG-foldid.csv),
# glmnet's defaults otherwise (standardize = TRUE, alpha = 1, default lambda sequence, thresh
# 1e-7), except diabetes (gaussian), run at thresh 1e-14 as that script's "exact" reference.
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_cv_measures.R
# (R 4.2.2, glmnet 4.1-6). Writes into core/src/test/resources/ref/real/:
#   TAG-cv-measures.csv         lambda, then cvm_M and cvsd_M for each measure M of the family
#   TAG-cv-measures-select.csv  lambda_min_M, lambda_1se_M for each measure M (one row)
# for breast_cancer (binomial: auc, class, mse, mae), breast_cancer_weighted (the same with
# observation weights 1 + (i mod 3), i the 1-based row: auc, class, mse), wine (multinomial:
# class, mse, mae), cgd (poisson with the offset log(followup_days / 365.25): mse, mae) and
# diabetes (gaussian: mae).
#
# cv.glmnet's weighted AUC (auc.mat, always called with weights) ranks the probabilities
# 1/(1 + exp(-eta)) and breaks their ties at random (runif; the seed below makes the files
# reproducible). At small lambda breast cancer's probabilities round to exactly 1 in double for
# many rows (eta > 37), benign rows among them, so a fold's AUC there is partly a coin toss;
# tikhonov ranks eta itself. The column ties_auc says, per lambda, whether some fold had rows of
# both classes at one probability (1) or not (0): only where it is 0 is cvm_auc a reference.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
csv <- function(df, name) {
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}
foldid <- function(tag) read.csv(file.path(out, paste0(tag, "-foldid.csv")))$fold
run <- function(tag, fold_tag, x, y, family, measures, ...) {
  folds <- foldid(fold_tag)
  curves <- NULL
  chosen <- data.frame(row.names = 1)
  for (m in measures) {
    set.seed(2026)
    cv <- cv.glmnet(x, y, family = family, foldid = folds, type.measure = m, keep = TRUE, ...)
    stopifnot(!grepl("Deviance", cv$name))  # no fallback (auc with < 10 rows a fold)
    if (is.null(curves)) curves <- data.frame(lambda = cv$lambda)
    stopifnot(length(cv$lambda) == nrow(curves), all(cv$lambda == curves$lambda))
    curves[[paste0("cvm_", m)]] <- cv$cvm
    curves[[paste0("cvsd_", m)]] <- cv$cvsd
    if (m == "auc") {
      second <- as.integer(y) == 2
      curves$ties_auc <- sapply(seq_along(cv$lambda), function(j) {
        p <- 1 / (1 + exp(-cv$fit.preval[, j]))
        as.integer(any(sapply(unique(folds), function(k) {
          f <- folds == k
          length(intersect(p[f & second], p[f & !second])) > 0
        })))
      })
    }
    chosen[[paste0("lambda_min_", m)]] <- cv$lambda.min
    chosen[[paste0("lambda_1se_", m)]] <- cv$lambda.1se
    cat(sprintf("%-24s %-5s %-28s lambda.min #%d, lambda.1se #%d\n", tag, m, cv$name,
                cv$index[1], cv$index[2]))
  }
  csv(curves, paste0(tag, "-cv-measures.csv"))
  csv(chosen, paste0(tag, "-cv-measures-select.csv"))
}
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")])
yb <- factor(b$diagnosis)
run("breast_cancer", "breast_cancer", xb, yb, "binomial", c("auc", "class", "mse", "mae"))
run("breast_cancer_weighted", "breast_cancer", xb, yb, "binomial", c("auc", "class", "mse"),
    weights = 1 + seq_len(nrow(xb)) %% 3)
w <- read.csv("data/wine.csv")
run("wine", "wine", as.matrix(w[, names(w) != "cultivar"]), factor(w$cultivar), "multinomial",
    c("class", "mse", "mae"))
g <- read.csv("data/cgd.csv")
run("cgd", "cgd", as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                                 "log_followup_years")]),
    g$infections, "poisson", c("mse", "mae"), offset = log(g$followup_days / 365.25))
d <- read.csv("data/diabetes.csv")
run("diabetes", "diabetes", as.matrix(d[, names(d) != "progression"]), d$progression,
    "gaussian", c("mae"), thresh = 1e-14, maxit = 1e7)
