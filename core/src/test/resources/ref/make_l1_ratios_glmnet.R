# cv.glmnet over several alpha on the same folds (glmnetUtils' cva.glmnet, as glmnet's
# documentation tells users to choose alpha), for L1RatiosCvTest (core).
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_l1_ratios_glmnet.R
# (R 4.2.2, glmnet 4.1-6). Reads binom.csv (n = 1000, p = 20, 0/1 y; the data of
# make_cv_classification.R) with its fold ids (i - 1) %% 10 + 1, runs
# cv.glmnet(family = "binomial", foldid = those, alpha = a) for each a of
# 0.1, 0.5, 1, 0.7, 0.9, 0.95, 0.99 with glmnet's defaults (standardize = TRUE, each alpha its
# own default lambda sequence, type.measure = "deviance", alignment "lambda") at
# thresh 1e-14, maxit 1e7, and writes here:
#   binom-l1ratios-cv.csv.gz   alpha, lambda, cvm, cvsd (each alpha's curve)
#   binom-l1ratios-select.csv  one row per alpha: alpha, lambda_min, lambda_1se, cvm_min (cvm
#                              at lambda.min), cvm_1se
#   binom-l1ratios-chosen.csv  rule (min, 1se), alpha, lambda, a0, x1..x20: the chosen pair
#                              (the alpha of the smallest cvm at lambda.min, with its
#                              lambda.min; the same alpha's lambda.1se) and its coefficients
# A binomial model, because its lambda and alpha are tikhonov's for every alpha: a gaussian
# cv.glmnet at alpha < 1 scales each fold's y by that fold's own standard deviation, so even
# on a y of unit variance (gauss.csv) its folds fit other objectives than ours (docs/objective.md;
# there, at alpha = 0.1, its cvm is 5e-4 and its cvsd 2e-2 away from ours).
# Reproducible byte for byte (given folds; gzip -n writes no time stamp).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
dir <- "core/src/test/resources/ref"
d <- read.csv(file.path(dir, "binom.csv"))
x <- as.matrix(d[, names(d) != "y"])
foldid <- (seq_len(nrow(x)) - 1) %% 10 + 1
alphas <- c(0.1, 0.5, 1, 0.7, 0.9, 0.95, 0.99)
fits <- lapply(alphas, function(a) {
  cv.glmnet(x, d$y, family = "binomial", alpha = a, foldid = foldid, thresh = 1e-14,
            maxit = 1e7)
})
curves <- do.call(rbind, Map(function(a, f) {
  data.frame(alpha = a, lambda = f$lambda, cvm = f$cvm, cvsd = f$cvsd)
}, alphas, fits))
select <- do.call(rbind, Map(function(a, f) {
  data.frame(alpha = a, lambda_min = f$lambda.min, lambda_1se = f$lambda.1se,
             cvm_min = f$cvm[f$index["min", 1]], cvm_1se = f$cvm[f$index["1se", 1]])
}, alphas, fits))
best <- which.min(select$cvm_min)
chosen <- do.call(rbind, lapply(c("min", "1se"), function(rule) {
  f <- fits[[best]]
  s <- if (rule == "min") f$lambda.min else f$lambda.1se
  b <- as.numeric(coef(f, s = s))
  cbind(data.frame(rule = rule, alpha = alphas[best], lambda = s, a0 = b[1]),
        setNames(as.data.frame(t(b[-1])), colnames(x)))
}))
write.csv(curves, file.path(dir, "binom-l1ratios-cv.csv"), row.names = FALSE, quote = FALSE)
system2("gzip", c("-n", "-f", file.path(dir, "binom-l1ratios-cv.csv")))
write.csv(select, file.path(dir, "binom-l1ratios-select.csv"), row.names = FALSE,
          quote = FALSE)
write.csv(chosen, file.path(dir, "binom-l1ratios-chosen.csv"), row.names = FALSE,
          quote = FALSE)
print(select, digits = 8)
cat(sprintf("chosen alpha %s: lambda.min %.6g, lambda.1se %.6g\n", alphas[best],
            select$lambda_min[best], select$lambda_1se[best]))
