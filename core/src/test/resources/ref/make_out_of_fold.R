# cv.glmnet(keep = TRUE)'s out-of-fold predictions (fit.preval) and roc.glmnet on them, on the
# real data of data/, for OutOfFoldGlmnetTest (core). The same files, columns and fold ids as
# make_real_data.R (ref/real/TAG-foldid.csv), type.measure = "deviance", glmnet's defaults
# otherwise (standardize = TRUE, alpha = 1, default lambda sequence).
# Run from the repository's root:  Rscript core/src/test/resources/ref/make_out_of_fold.R
# (R 4.2.2, glmnet 4.1-6). Writes into core/src/test/resources/ref/real/:
#   TAG-out-of-fold[-exact].csv.gz  one row per data row: fold, then fit.preval (glmnet's link
#       scale, predict()'s default: eta, with the offset for cgd) at each lambda, s0, s1, ...
#       (multinomial: CLASS.s0 ... for each class, class by class); values to 12 significant
#       digits (glmnet's own accuracy is far coarser). "-exact": at thresh = 1e-14, maxit = 1e7; without: glmnet's default thresh.
#   diabetes-relaxed-out-of-fold-exact.csv.gz  cv.glmnet(relax = TRUE, gamma = c(0, 0.5, 1),
#       keep = TRUE)'s fit.preval, one matrix per gamma: fold, then g0.s0 ... g0.5.s0 ... g1.s0
#       ..., gamma by gamma (glmnet adds no gamma here, 1 being among them).
#   breast_cancer-roc.csv  roc.glmnet(fit.preval, newy = y) of the exact file's columns s5, s20,
#       s40 and the last: column (the s index), FPR, TPR, one row per distinct score, highest
#       first, computed from the file's 12-digit values (what the test reads back), to 17
#       digits. roc.glmnet is deterministic: rows of one score make one point (tapply).
suppressMessages(library(glmnet))
stopifnot(packageVersion("glmnet") == "4.1.6")
out <- "core/src/test/resources/ref/real"
foldid <- function(tag) read.csv(file.path(out, paste0(tag, "-foldid.csv")))$fold
write_preval <- function(cv, folds, name) {
  p <- cv$fit.preval
  if (length(dim(p)) == 3) {  # multinomial: n x K x nlambda
    cols <- do.call(cbind, lapply(seq_len(dim(p)[2]), function(k) p[, k, ]))
    colnames(cols) <- unlist(lapply(dimnames(p)[[2]], function(k)
      paste0(k, ".s", seq_len(dim(p)[3]) - 1)))
  } else {
    cols <- p
    colnames(cols) <- paste0("s", seq_len(ncol(p)) - 1)
  }
  stopifnot(all(cv$foldid == folds), !anyNA(cols))
  body <- apply(cols, 2, function(v) sprintf("%.12g", v))
  con <- gzfile(file.path(out, name), "w")
  writeLines(paste(c("fold", colnames(cols)), collapse = ","), con)
  writeLines(apply(cbind(as.character(folds), body), 1, paste, collapse = ","), con)
  close(con)
  cat(sprintf("%-40s %d rows, %d lambdas\n", name, nrow(cols), length(cv$lambda)))
}
run <- function(tag, x, y, family, exact, ...) {
  folds <- foldid(tag)
  cv <- if (exact) {
    cv.glmnet(x, y, family = family, foldid = folds, keep = TRUE, thresh = 1e-14, maxit = 1e7,
              ...)
  } else {
    cv.glmnet(x, y, family = family, foldid = folds, keep = TRUE, ...)
  }
  write_preval(cv, folds, paste0(tag, "-out-of-fold", if (exact) "-exact" else "", ".csv.gz"))
  invisible(cv)
}
b <- read.csv("data/breast_cancer.csv")
xb <- as.matrix(b[, !names(b) %in% c("id", "diagnosis")])
yb <- factor(b$diagnosis)
run("breast_cancer", xb, yb, "binomial", FALSE)
cvb <- run("breast_cancer", xb, yb, "binomial", TRUE)
columns <- unique(c(5, 20, 40, length(cvb$lambda) - 1))
rounded <- apply(cvb$fit.preval[, columns + 1], 2, function(v) as.numeric(sprintf("%.12g", v)))
roc <- roc.glmnet(rounded, newy = yb)
csv <- do.call(rbind, lapply(seq_along(columns), function(j)
  data.frame(column = columns[j], FPR = sprintf("%.17g", roc[[j]]$FPR),
             TPR = sprintf("%.17g", roc[[j]]$TPR))))
write.csv(csv, file.path(out, "breast_cancer-roc.csv"), row.names = FALSE, quote = FALSE)
w <- read.csv("data/wine.csv")
run("wine", as.matrix(w[, names(w) != "cultivar"]), factor(w$cultivar), "multinomial", FALSE)
g <- read.csv("data/cgd.csv")
run("cgd", as.matrix(g[, !names(g) %in% c("id", "infections", "followup_days",
                                          "log_followup_years")]),
    g$infections, "poisson", TRUE, offset = log(g$followup_days / 365.25))
d <- read.csv("data/diabetes.csv")
run("diabetes", as.matrix(d[, names(d) != "progression"]), d$progression, "gaussian", TRUE)
folds <- foldid("diabetes")
cvr <- cv.glmnet(as.matrix(d[, names(d) != "progression"]), d$progression, foldid = folds,
                 relax = TRUE, gamma = c(0, 0.5, 1), keep = TRUE, thresh = 1e-14, maxit = 1e7)
stopifnot(length(cvr$fit.preval) == 3)
cols <- do.call(cbind, lapply(seq_along(cvr$fit.preval), function(g) {
  p <- cvr$fit.preval[[g]]
  colnames(p) <- paste0("g", c(0, 0.5, 1)[g], ".s", seq_len(ncol(p)) - 1)
  p
}))
body <- apply(cols, 2, function(v) sprintf("%.12g", v))
con <- gzfile(file.path(out, "diabetes-relaxed-out-of-fold-exact.csv.gz"), "w")
writeLines(paste(c("fold", colnames(cols)), collapse = ","), con)
writeLines(apply(cbind(as.character(folds), body), 1, paste, collapse = ","), con)
close(con)
cat(sprintf("%-40s %d rows, %d lambdas x 3 gammas\n", "diabetes-relaxed-out-of-fold-exact.csv.gz",
            nrow(cols), length(cvr$lambda)))
