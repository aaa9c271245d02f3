# cv.glmnet references for the binomial and multinomial cross-validation (CrossValidationTest).
# Reads binom.csv and multi.csv (this folder; the data of ../shared/ref/make_ref.R) and writes
#   binom-cv.csv, multi-cv.csv: lambda, cvm, cvsd (cv.glmnet's per-lambda mean deviance and SE)
#   binom-cv-select.csv, multi-cv-select.csv: lambda_min, lambda_1se
# with fold ids (i - 1) %% 10 + 1 (binomial) and (i - 1) %% 5 + 1 (multinomial), 1-based i,
# type.measure = "deviance", cv.glmnet's default alignment (each fold's own default sequence,
# predictions interpolated at the full data's lambda), thresh 1e-14.
# Run: Rscript make_cv_classification.R   (glmnet 4.1-6; R 4.2)
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
save_cv <- function(tag, cv) {
  write.csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd),
            paste0(tag, "-cv.csv"), row.names = FALSE)
  write.csv(data.frame(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se),
            paste0(tag, "-cv-select.csv"), row.names = FALSE)
}
b <- read.csv("binom.csv")
xb <- as.matrix(b[, setdiff(names(b), "y")])
foldb <- (seq_len(nrow(xb)) - 1) %% 10 + 1
save_cv("binom", cv.glmnet(xb, b$y, family = "binomial", alpha = 1, standardize = FALSE,
                          foldid = foldb, type.measure = "deviance", thresh = 1e-14,
                          maxit = 1e6))
m <- read.csv("multi.csv")
xm <- as.matrix(m[, setdiff(names(m), "y")])
foldm <- (seq_len(nrow(xm)) - 1) %% 5 + 1
save_cv("multi", cv.glmnet(xm, factor(m$y), family = "multinomial", alpha = 0.5,
                          standardize = TRUE, foldid = foldm, type.measure = "deviance",
                          thresh = 1e-14, maxit = 1e6))
