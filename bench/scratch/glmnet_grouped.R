# glmnet 4.1-6's grouped multinomial lasso on the cases of bench/scratch/GroupedPasses.java:
# the default path (and cv.glmnet with 10 folds) at thresh THRESH (1e-7 is its default),
# maxit 1e7, the median elapsed seconds of REPEATS fits after one untimed (0: one fit).
#   Rscript bench/scratch/glmnet_grouped.R REPEATS cv|nocv THRESH FILE:TARGET...
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
repeats <- as.integer(args[1]); cv <- args[2] == "cv"; thresh <- as.numeric(args[3])
for (spec in args[-(1:3)]) {
  parts <- strsplit(spec, ":")[[1]]
  d <- read.csv(parts[1])
  y <- factor(d[[parts[2]]]); x <- as.matrix(d[, names(d) != parts[2]])
  x <- x[, apply(x, 2, sd) > 0, drop = FALSE]
  {
    time <- function(f) {
      t <- sapply(0:repeats, function(r) system.time(f())[["elapsed"]])
      median(if (repeats > 0) t[-1] else t)   # REPEATS 0: one cold fit
    }
    path <- time(function() glmnet(x, y, family = "multinomial", type.multinomial = "grouped",
                                   thresh = thresh, maxit = 1e7))
    fit <- glmnet(x, y, family = "multinomial", type.multinomial = "grouped", thresh = thresh,
                  maxit = 1e7)
    line <- sprintf("glmnet %s thresh=%.0e nlambda=%d npasses=%d path_s=%.4f", basename(parts[1]),
                    thresh, length(fit$lambda), fit$npasses, path)
    if (cv) {
      set.seed(0)
      foldid <- sample(rep(1:10, length.out = nrow(x)))
      cvs <- time(function() cv.glmnet(x, y, family = "multinomial",
                                       type.multinomial = "grouped", thresh = thresh,
                                       maxit = 1e7, foldid = foldid))
      line <- sprintf("%s cv10_s=%.3f", line, cvs)
    }
    cat(line, "\n")
  }
}
