# R's AIC and BIC of a weighted least-squares fit with rows of weight 0, for
# InformationCriteriaWeightZeroTest (core). Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_weight0_criteria.R
# (R 4.2.2). Reads pois.csv (x1..x8 and the weights w, n = 400) and glm2.csv (the gaussian
# target yg), sets the weights of rows 4, 18, 100, 250 and 333 (1-based) to 0 and fits
# lm(yg ~ x1 + ... + x8, weights = w). stats:::logLik.lm drops the rows of weight 0 (its N is
# the rows of positive weight, nobs.lm is sum(w != 0)), so R's AIC and BIC are those of the
# fit without them; the script checks that, refitting without the rows, and writes here
#   weight0-criteria.csv  one row: n (all rows), n_positive, p, aic, bic (R's, with the
#                         zero-weight rows in the data), aic_removed, bic_removed (without
#                         them), constant
# where constant = Σ log(uᵢ) − n₊(log 2π + 1) over the rows of positive weight,
# uᵢ = n₊·wᵢ/Σw: tikhonov's D = n₊·log(Σuᵢeᵢ²/n₊) is R's −2·logLik plus this constant, and
# tikhonov leaves the intercept and σ² out of df, so at λ = 0 tikhonov's AIC is
# aic − 2·(p + 2) + 2·p + constant and its BIC bic − log(n₊)·(p + 2) + log(n₊)·p + constant.
dir <- "core/src/test/resources/ref"
d <- read.csv(file.path(dir, "pois.csv"))
y <- read.csv(file.path(dir, "glm2.csv"))$yg
x <- d[, paste0("x", 1:8)]
w <- d$w
w[c(4, 18, 100, 250, 333)] <- 0
data <- cbind(x, yg = y)
fit <- lm(yg ~ ., data = data, weights = w)
kept <- w > 0
removed <- lm(yg ~ ., data = data[kept, ], weights = w[kept])
stopifnot(all.equal(AIC(fit), AIC(removed)), all.equal(BIC(fit), BIC(removed)))
m <- sum(kept)
u <- m * w[kept] / sum(w)
out <- data.frame(n = nrow(x), n_positive = m, p = ncol(x), aic = AIC(fit), bic = BIC(fit),
                  aic_removed = AIC(removed), bic_removed = BIC(removed),
                  constant = sum(log(u)) - m * (log(2 * pi) + 1))
write.csv(format(out, digits = 17), file.path(dir, "weight0-criteria.csv"), row.names = FALSE,
          quote = FALSE)
print(out, digits = 12)
