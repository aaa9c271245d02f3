# glmnet 4.1-6 at single settings (lambda = l, alpha = a, standardize = FALSE) on the data of
# conversions.json (make_conversions.py), for docs/objective.md's glmnet row.
# Run: Rscript make_glmnet_conversions.R   (writes glmnet-conversions.csv beside this script)
# The gaussian y there has standard deviation s_y = 2.3 (divisor n), not 1: glmnet fits y/s_y
# and scales back, so for a < 1 its lambda is not tikhonov's; the binomial fit has no such step.
# Columns: family, l, a, s_y (the sd of the target glmnet scales by; 1 for binomial), a0, b1..b3.
# Each fit is certified here by the KKT conditions of glmnet's own scaled problem (printed).
suppressMessages(library(glmnet))
suppressMessages(library(jsonlite))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
setwd(here)
ref <- fromJSON("conversions.json")
n <- length(ref$y); p <- length(ref$x) / n
x <- matrix(ref$x, n, p, byrow = TRUE)
sd_n <- function(v) sqrt(mean((v - mean(v))^2))

rows <- list()
fit_one <- function(family, y, l, a) {
  # A short decreasing sequence ending at l: glmnet warns against a single lambda.
  fit <- glmnet(x, y, family = family, alpha = a, lambda = l * c(4, 2, 1),
                standardize = FALSE, thresh = 1e-14, maxit = 1e7)
  b <- as.numeric(fit$beta[, 3]); a0 <- as.numeric(fit$a0[3])
  s <- if (family == "gaussian") sd_n(y) else 1
  # KKT on glmnet's scale: y/s with lambda l/s, for (1/n) sum loss + pen (1/2 for gaussian).
  if (family == "gaussian") {
    r <- (y - a0 - x %*% b) / s
    g <- as.numeric(t(x) %*% r) / n; bs <- b / s; lam <- l / s
  } else {
    mu <- 1 / (1 + exp(-(a0 + x %*% b)))
    g <- as.numeric(t(x) %*% (y - mu)) / n; bs <- b; lam <- l
  }
  v <- ifelse(bs != 0, abs(g - lam * (1 - a) * bs - lam * a * sign(bs)),
              pmax(0, abs(g) - lam * a))
  cat(sprintf("%-8s l = %-5g a = %-4g largest KKT violation / lambda = %.2e\n",
              family, l, a, max(v) / lam))
  rows[[length(rows) + 1]] <<- data.frame(family = family, l = l, a = a, s_y = s, a0 = a0,
                                          b1 = b[1], b2 = b[2], b3 = b[3])
}
fit_one("gaussian", ref$y, 0.5, 0)
fit_one("gaussian", ref$y, 0.3, 0.5)
fit_one("gaussian", ref$y, 0.3, 1)
fit_one("binomial", ref$yb, 0.05, 0)
fit_one("binomial", ref$yb, 0.05, 0.5)
out <- do.call(rbind, rows)
num <- sapply(out, is.numeric)
out[num] <- lapply(out[num], function(v) sprintf("%.17g", v))
write.csv(out, "glmnet-conversions.csv", row.names = FALSE, quote = FALSE)
