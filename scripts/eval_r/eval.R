# Independent evaluation, R side (issue 11): writes 15 series from R's
# `datasets` package — none of them in ../shared/data or sampledata, never
# used to tune or choose anything — as CSV files, and forecasts each one's
# last h points with forecast::ets, forecast::auto.arima, forecast::thetaf
# and their mean, fitted on the points before them.
#
#   Rscript scripts/eval_r/eval.R OUTDIR
#
# writes OUTDIR/<name>.csv (time,value: the whole series; the time column
# as a user would meet it — an index 1…n, years, decimal quarters or
# months as R's time() gives them, or dates), OUTDIR/index.csv (name, file,
# frequency, season m, horizon h) and OUTDIR/r_forecasts.csv (one row per
# series, method and step: mean, 80 % and 95 % bounds, seconds the fit
# took). The Go driver (go run ./scripts/eval_r) scores these and our
# defaults on the same points and writes docs/evaluation.md.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "/tmp/forecaster-eval"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

dax <- EuStockMarkets[, "DAX"]
# business days from Monday 1 July 1991, as the bundled FTSE/SMI/CAC file
bdays <- local({
  d <- seq(as.Date("1991-07-01"), by = "day", length.out = 3000)
  d <- d[!(format(d, "%u") %in% c("6", "7"))]
  d[seq_along(dax)]
})
dates <- function(y) { # first of the month / quarter
  tt <- time(y); yr <- floor(tt + 1e-9); k <- round((tt - yr) * 12) + 1
  sprintf("%04d-%02d-01", yr, k)
}
S <- list(
  list(name = "WWWusage", y = WWWusage, m = 1, h = 10, freq = "minute index 1…100", time = "index"),
  list(name = "Nile", y = Nile, m = 1, h = 6, freq = "yearly", time = "year"),
  list(name = "lynx", y = lynx, m = 1, h = 6, freq = "yearly", time = "year"),
  list(name = "LakeHuron", y = LakeHuron, m = 1, h = 6, freq = "yearly", time = "year"),
  list(name = "airmiles", y = airmiles, m = 1, h = 6, freq = "yearly", time = "year"),
  list(name = "JohnsonJohnson", y = JohnsonJohnson, m = 4, h = 8, freq = "quarterly", time = "decimal"),
  list(name = "UKgas", y = UKgas, m = 4, h = 8, freq = "quarterly", time = "decimal"),
  list(name = "austres", y = austres, m = 4, h = 8, freq = "quarterly", time = "decimal"),
  list(name = "nottem", y = nottem, m = 12, h = 12, freq = "monthly", time = "decimal"),
  list(name = "UKDriverDeaths", y = UKDriverDeaths, m = 12, h = 12, freq = "monthly", time = "date"),
  list(name = "sunspot.month", y = sunspot.month, m = 12, h = 12, freq = "monthly", time = "decimal"),
  list(name = "ldeaths", y = ldeaths, m = 12, h = 12, freq = "monthly", time = "date"),
  list(name = "USAccDeaths54", y = window(USAccDeaths, end = c(1977, 6)), m = 12, h = 18, freq = "monthly", time = "date"),
  list(name = "fdeaths54", y = window(fdeaths, end = c(1978, 6)), m = 12, h = 18, freq = "monthly", time = "date"),
  list(name = "DAX", y = ts(as.numeric(dax), frequency = 5), m = 5, h = 14, freq = "business daily", time = "bday")
)

index <- data.frame()
rows <- list()
for (s in S) {
  y <- as.numeric(s$y)
  n <- length(y)
  tm <- switch(s$time,
    index = as.character(seq_len(n)),
    year = as.character(round(as.numeric(time(s$y)))),
    decimal = format(as.numeric(time(s$y)), digits = 12),
    date = dates(s$y),
    bday = format(bdays))
  file <- paste0(s$name, ".csv")
  write.csv(data.frame(time = tm, value = y), file.path(out, file), row.names = FALSE, quote = FALSE)
  index <- rbind(index, data.frame(name = s$name, file = file, frequency = s$freq, m = s$m, h = s$h))
  h <- s$h
  train <- ts(y[1:(n - h)], frequency = s$m)
  fc <- list()
  secs <- c()
  t0 <- proc.time()[["elapsed"]]; f <- forecast(ets(train), h = h); secs["ets"] <- proc.time()[["elapsed"]] - t0; fc$ets <- f
  t0 <- proc.time()[["elapsed"]]; f <- forecast(auto.arima(train), h = h); secs["arima"] <- proc.time()[["elapsed"]] - t0; fc$arima <- f
  t0 <- proc.time()[["elapsed"]]; f <- thetaf(train, h = h); secs["theta"] <- proc.time()[["elapsed"]] - t0; fc$theta <- f
  for (meth in names(fc)) {
    f <- fc[[meth]]
    rows[[length(rows) + 1]] <- data.frame(name = s$name, method = meth, step = seq_len(h), mean = as.numeric(f$mean),
      lo80 = as.numeric(f$lower[, 1]), hi80 = as.numeric(f$upper[, 1]), lo95 = as.numeric(f$lower[, 2]), hi95 = as.numeric(f$upper[, 2]),
      seconds = secs[[meth]], model = if (meth == "theta") "thetaf" else f$method)
  }
  # the mean of the three (no intervals: R has none for it)
  cm <- (as.numeric(fc$ets$mean) + as.numeric(fc$arima$mean) + as.numeric(fc$theta$mean)) / 3
  rows[[length(rows) + 1]] <- data.frame(name = s$name, method = "comb", step = seq_len(h), mean = cm,
    lo80 = NA, hi80 = NA, lo95 = NA, hi95 = NA, seconds = sum(secs), model = "mean of ets, auto.arima, thetaf")
  cat(sprintf("%-15s n=%4d m=%2d h=%2d  %s | %s | %.1fs\n", s$name, n, s$m, h, fc$ets$method, fc$arima$method, sum(secs)))
}
write.csv(index, file.path(out, "index.csv"), row.names = FALSE, quote = FALSE)
all <- do.call(rbind, rows)
all$model <- gsub(",", ";", all$model)
write.csv(all, file.path(out, "r_forecasts.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("R %s, forecast %s: wrote %d series to %s\n", getRversion(), packageVersion("forecast"), nrow(index), out))
