# glmnet's dfmax (the default sequence ends after the first lambda, from the fifth on, whose fit
# has more than dfmax variables in the model) for MaxFeaturesGlmnetTest (core). Run from the
# repository's root:
#   Rscript core/src/test/resources/ref/make_dfmax.R        (R 4.2.2, glmnet 4.1-6)
# It reads data/ with read.csv as a user would (as make_real_data.R) and writes into
# core/src/test/resources/ref/dfmax/, for each CASE below, CASE.csv: lambda, df, dev_ratio of
# glmnet's default sequence with dfmax (thresh 1e-14), and cv-CASE.csv / cv-CASE-select.csv
# (cv.glmnet with the fold ids of ref/real/breast_cancer-foldid.csv: lambda, cvm, cvsd;
# lambda_min, lambda_1se). A user lambda sequence is fitted whole, dfmax or not: checked here.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/dfmax"
dir.create(out, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
path <- function(name, fit) {
  csv(data.frame(lambda = sprintf("%.17g", fit$lambda), df = fit$df,
                 dev_ratio = sprintf("%.17g", fit$dev.ratio)), paste0(name, ".csv"))
  cat(sprintf("%-22s %3d lambdas, df %s\n", name, length(fit$lambda),
              paste(range(fit$df), collapse = "..")))
}
d <- read.csv("data/diabetes.csv")
xd <- as.matrix(d[, names(d) != "progression"]); yd <- d$progression
path("diabetes-lasso-4", glmnet(xd, yd, dfmax = 4, thresh = 1e-14))
path("diabetes-ridge-4", glmnet(xd, yd, alpha = 0, dfmax = 4, thresh = 1e-14))
path("diabetes-lasso-0", glmnet(xd, yd, dfmax = 0, thresh = 1e-14))
given <- glmnet(xd, yd, lambda = c(10, 5, 2, 1, 0.5, 0.1), dfmax = 4, thresh = 1e-14)
stopifnot(length(given$lambda) == 6, max(given$df) > 4)
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")]); yb <- factor(b$diagnosis)
path("breast_cancer-lasso-5", glmnet(xb, yb, family = "binomial", dfmax = 5, thresh = 1e-14))
path("breast_cancer-enet05-8", glmnet(xb, yb, family = "binomial", alpha = 0.5, dfmax = 8,
                                      thresh = 1e-14))
w <- read.csv("data/wine.csv")
xw <- as.matrix(w[, names(w) != "cultivar"]); yw <- factor(w$cultivar)
path("wine-lasso-3", glmnet(xw, yw, family = "multinomial", dfmax = 3, thresh = 1e-14))
path("wine-grouped-3", glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped",
                              dfmax = 3, thresh = 1e-14))
foldid <- read.csv("core/src/test/resources/ref/real/breast_cancer-foldid.csv")$fold
cv <- cv.glmnet(xb, yb, family = "binomial", dfmax = 5, foldid = foldid, thresh = 1e-14)
csv(data.frame(lambda = sprintf("%.17g", cv$lambda), cvm = sprintf("%.17g", cv$cvm),
               cvsd = sprintf("%.17g", cv$cvsd)), "cv-breast_cancer-lasso-5.csv")
csv(data.frame(lambda_min = sprintf("%.17g", cv$lambda.min),
               lambda_1se = sprintf("%.17g", cv$lambda.1se)),
    "cv-breast_cancer-lasso-5-select.csv")
cat(sprintf("cv breast_cancer-lasso-5 %d lambdas, lambda.min %.6g, lambda.1se %.6g\n",
            length(cv$lambda), cv$lambda.min, cv$lambda.1se))
