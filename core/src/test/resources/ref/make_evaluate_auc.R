# The AUC that `tikhonov evaluate` (Evaluation.auc) reports for a binomial model, from glmnet, for
# EvaluationAucGlmnetTest (core). On data/breast_cancer.csv, with glmnet's exact path of
# make_real_data.R (default lambda sequence, thresh = 1e-14, maxit = 1e7), on the training rows:
#   lambda       each lambda of the path
#   auc_link     glmnet:::auc(y, eta): survival's concordance of the linear predictor, ties ½
#                (what tikhonov ranks: eta tells apart rows whose probabilities round alike)
#   auc_assess   assess.glmnet(fit, newx, newy)$auc, a user's call: it ranks the probabilities
#                1/(1 + exp(-eta)) and breaks their ties at random (seeded here)
#   ties         1 where rows of both classes share a probability (auc_assess is then partly a
#                coin toss and no reference), else 0
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_evaluate_auc.R
# (R 4.2.2, glmnet 4.1-6). Writes core/src/test/resources/ref/real/breast_cancer-auc.csv.
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
b <- read.csv("data/breast_cancer.csv")
x <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")])
y <- factor(b$diagnosis)
second <- as.integer(y) == 2
fit <- glmnet(x, y, family = "binomial", thresh = 1e-14, maxit = 1e7)
eta <- predict(fit, newx = x, type = "link")
set.seed(2026)
assessed <- assess.glmnet(fit, newx = x, newy = y)$auc
out <- data.frame(
  lambda = fit$lambda,
  auc_link = sapply(seq_along(fit$lambda), function(j) glmnet:::auc(as.integer(second), eta[, j])),
  auc_assess = as.numeric(assessed),
  ties = sapply(seq_along(fit$lambda), function(j) {
    p <- 1 / (1 + exp(-eta[, j]))
    as.integer(length(intersect(p[second], p[!second])) > 0)
  }))
write.csv(out, "core/src/test/resources/ref/real/breast_cancer-auc.csv", row.names = FALSE,
          quote = FALSE)
cat(sprintf("%d lambdas, %d with ties; largest |auc_link - auc_assess| without ties: %.1e\n",
            nrow(out), sum(out$ties),
            max(c(0, abs(out$auc_link - out$auc_assess)[out$ties == 0]))))
