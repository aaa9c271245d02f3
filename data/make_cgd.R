# Writes data/cgd.csv from R's survival package (run from the repository root; data/make_data.py
# runs it): the placebo-controlled trial of gamma interferon in chronic granulomatous disease
# (Fleming and Harrington 1991, appendix D.2), one row per patient, the number of serious
# infections during follow-up as a count with its exposure (days of follow-up), for a Poisson
# rate model with offset log(follow-up in years).
library(survival)
d <- cgd0
times <- as.matrix(d[, paste0("etime", 1:7)])
infections <- rowSums(!is.na(times))
# The same counts as the survival package's one-line-per-event version, cgd.
stopifnot(all(infections == tapply(cgd$status, cgd$id, sum)[as.character(d$id)]))
stopifnot(all(is.na(times) | times <= d$futime), all(d$futime > 0))
yes <- function(code) as.integer(code == 1)   # cgd0 codes steroids and propylac 1 = yes, 2 = no
out <- data.frame(
  id = d$id,
  infections = infections,
  followup_days = d$futime,
  log_followup_years = sprintf("%.10g", log(d$futime / 365.25)),
  treatment_rifn_g = as.integer(d$treat == 1),  # 1 gamma interferon, 0 placebo (cgd's labels)
  female = as.integer(d$sex == 2),
  age = d$age,
  height = d$height,
  weight = d$weight,
  inherit_autosomal = as.integer(d$inherit == 2),  # 1 autosomal recessive, 0 X-linked
  steroids = yes(d$steroids),
  prophylactic_antibiotics = yes(d$propylac),
  center_us_nih = as.integer(d$hos.cat == 1),
  center_us_other = as.integer(d$hos.cat == 2),
  center_europe_amsterdam = as.integer(d$hos.cat == 3),
  center_europe_other = as.integer(d$hos.cat == 4))
write.csv(out, "data/cgd.csv", row.names = FALSE, quote = FALSE)
