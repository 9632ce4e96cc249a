#!/usr/bin/env Rscript
# R's forecast::ets and the M4 Naive2 on every series of a long-format
# panel, the last h points held out, for the comparison in docs/panel.md
# (measurement only: nothing is tuned on it).
#
#   Rscript scripts/panel_ets.R FILE ID_COL VALUE_COL H M [N] > scores.csv
#
# FILE is long format (id, date, value; rows of a series in date order),
# M the seasonal period (1: none), N the number of series to score (the
# first N; all by default: ets takes seconds a series). Prints one CSV row per series:
# id,method,smape,mase — sMAPE in percent (M4), MASE scaled by the
# in-sample seasonal naive's mean absolute error (lag M, lag 1 when the
# series is too short), as classic.Evaluate scores them. Naive2 is the
# naive forecast of the series seasonally adjusted by classical
# multiplicative decomposition when the M4 90 % autocorrelation test finds
# a season. Empty cells (NA) in a series' training part are filled with
# forecast::na.interp (seasonal interpolation) before fitting; a series
# with an empty cell among its last h values is not scored.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 5) stop("usage: panel_ets.R FILE ID_COL VALUE_COL H M [N]")
d <- read.csv(args[1], stringsAsFactors = FALSE)
id <- args[2]; val <- args[3]; h <- as.integer(args[4]); m <- as.integer(args[5])

smape <- function(a, f) mean(200 * abs(a - f) / (abs(a) + abs(f)))
mase <- function(a, f, tr, m) {
  lag <- if (m >= 1 && length(tr) > m) m else 1
  mean(abs(a - f)) / mean(abs(diff(tr, lag = lag)))
}
seasonal <- function(x, m) {
  if (m <= 1 || length(x) < 3 * m) return(FALSE)
  r <- acf(x, lag.max = m, plot = FALSE)$acf[-1]
  abs(r[m]) > qnorm(0.95) * sqrt((1 + 2 * sum(r[seq_len(m - 1)]^2)) / length(x))
}
naive2 <- function(tr, h, m) {
  x <- ts(tr, frequency = m)
  if (seasonal(tr, m)) {
    si <- decompose(x, type = "multiplicative")$figure
    adj <- tr / rep(si, length.out = length(tr))
    idx <- (length(tr) + seq_len(h) - 1) %% m + 1
    return(rep(tail(adj, 1), h) * si[idx])
  }
  rep(tail(tr, 1), h)
}
cat("id,method,smape,mase\n")
ids <- unique(d[[id]])
if (length(args) >= 6) ids <- head(ids, as.integer(args[6]))
for (s in ids) {
  y <- d[d[[id]] == s, val]
  n <- length(y)
  if (n <= h + 2) next
  tr <- y[1:(n - h)]; a <- y[(n - h + 1):n]
  if (anyNA(a)) next  # a missing value in the holdout: not scored
  if (anyNA(tr)) tr <- as.numeric(na.interp(ts(tr, frequency = m)))
  fe <- as.numeric(forecast(ets(ts(tr, frequency = m)), h = h)$mean)
  fn <- naive2(tr, h, m)
  cat(sprintf("%s,ets_r,%.10g,%.10g\n", s, smape(a, fe), mase(a, fe, tr, m)))
  cat(sprintf("%s,naive2,%.10g,%.10g\n", s, smape(a, fn), mase(a, fn, tr, m)))
}
