# Near-aliased columns for AdaptivePenaltyTest: whether R's lm (lm.fit's QR, tol = 1e-7) gives
# a column NA, when the column is another one plus a little noise and both have a mean far from
# 0. Run from the repository's root:
#   Rscript core/src/test/resources/ref/make_aliased_near.R   (R 4.2.2)
# dqrdc2 sets a column aside when what is left of it, after the columns before (the intercept's
# among them), is below tol times its norm as given: the raw column, not the centered one.
# Here a has mean 100 and sd 1; b = a + 3e-7 z is left with ~3e-7 of its centered norm but
# ~3e-9 of its raw norm (NA), c = a + 1e-4 z with ~1e-6 of its raw norm (estimated).
# Writes core/src/test/resources/ref/aliased/near.csv (a, b, c, y) and near-lm.csv (column,
# aliased: whether lm(y ~ a + <column>) gives it NA).
out <- "core/src/test/resources/ref/aliased"
dir.create(out, showWarnings = FALSE)
g <- function(v) sprintf("%.17g", v)
set.seed(7)
n <- 50
a <- 100 + rnorm(n)
z <- rnorm(n)
b <- a + 3e-7 * z
c <- a + 1e-4 * z
y <- 2 * a + rnorm(n)
write.csv(data.frame(a = g(a), b = g(b), c = g(c), y = g(y)), file.path(out, "near.csv"),
  row.names = FALSE, quote = FALSE)
na <- function(col) is.na(coef(lm(y ~ a + get(col)))[3])
verdict <- data.frame(column = c("b", "c"), aliased = c(na("b"), na("c")))
print(verdict)
write.csv(verdict, file.path(out, "near-lm.csv"), row.names = FALSE, quote = FALSE)
