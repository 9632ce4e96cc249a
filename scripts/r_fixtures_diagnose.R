#!/usr/bin/env Rscript
# Reference values for package forecast/diagnose, computed with R on our own
# samples (sampledata/data), written as JSON into forecast/diagnose/testdata.
# The Go tests read these files, so they need no R.
#
#   make fixtures-diagnose      (or: Rscript scripts/r_fixtures_diagnose.R
#                                from the module root)
#
# Needs Debian's r-base-core and r-cran-forecast (forecast 8.20 here).
# Each fixture stores the input series x exactly as R used it; the Go tests
# check that tsdata reads the same numbers from the CSV, then compare:
#   acf, pacf      stats::acf / stats::pacf (lag.max as forecast::Acf's default)
#   ljung_box      stats::Box.test(type = "Ljung-Box") at min(2m, round(T/5))
#                  (10 without a season), fitdf 0
#   stl            stats::stl(s.window = "periodic") with every other argument
#                  at R's default, and the strengths of FPP3 §4.3
#   candidates     the same STL and strengths for other seasonal periods
#   residuals      Box.test with fitdf, forecast::checkresiduals' lag, qqnorm,
#                  nclass.FD, mean and sd for residuals of fitted models
#   nclass_fd      nclass.FD on columns with many ties and on daily changes
# Gaps in the calendar are inserted and every missing value is filled by
# linear interpolation (edges: the nearest value), as tsdata does by default.

suppressPackageStartupMessages(library(forecast))

out_dir <- "forecast/diagnose/testdata"
data_dir <- "sampledata/data"
if (!dir.exists(out_dir)) stop("run from the module root (", out_dir, " not found)")

# ---- JSON writing (no jsonlite in Debian's r-base-core) -------------------
num <- function(v) {
  s <- sprintf("%.17g", v)
  s[is.na(v)] <- "null"
  s[is.infinite(v)] <- "null"
  s
}
arr <- function(v) paste0("[", paste(num(as.numeric(v)), collapse = ","), "]")
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
obj <- function(...) {
  kv <- list(...)
  kv <- kv[!vapply(kv, is.null, logical(1))]
  paste0("{", paste(paste0(str(names(kv)), ":", unlist(kv)), collapse = ","), "}")
}
write_json <- function(name, text) {
  path <- file.path(out_dir, paste0(name, ".json"))
  writeLines(text, path)
  cat("wrote", path, "\n")
}

# ---- reading a sample as tsdata does ---------------------------------------
read_series <- function(file, col, by) {
  d <- read.csv(file.path(data_dir, file), stringsAsFactors = FALSE)
  v <- d[[col]]
  if (is.null(by)) return(as.numeric(v)) # yearly: the rows as they are
  t <- as.Date(d[[1]])
  full <- seq(min(t), max(t), by = by)
  x <- rep(NA_real_, length(full))
  x[match(t, full)] <- v
  ok <- !is.na(x)
  approx(which(ok), x[ok], xout = seq_along(x), rule = 2)$y
}

# ---- the numbers ----------------------------------------------------------
acf_lags <- function(n, m) min(max(floor(10 * log10(n)), 2 * m), n - 1)
lb_lag <- function(n, m) min(if (m > 1) 2 * m else 10, round(n / 5))

stl_part <- function(x, m) {
  fit <- stl(ts(x, frequency = m), s.window = "periodic")
  s <- as.numeric(fit$time.series[, "seasonal"])
  tr <- as.numeric(fit$time.series[, "trend"])
  r <- as.numeric(fit$time.series[, "remainder"])
  obj(period = num(m),
      t_window = num(fit$win[["t"]]), l_window = num(fit$win[["l"]]),
      strength_trend = num(max(0, 1 - var(r) / var(tr + r))),
      strength_seasonal = num(max(0, 1 - var(r) / var(s + r))),
      trend = arr(tr), seasonal = arr(s), remainder = arr(r))
}

series_fixture <- function(name, file, col, by, m, candidates = integer(0)) {
  x <- read_series(file, col, by)
  n <- length(x)
  K <- acf_lags(n, m)
  L <- lb_lag(n, m)
  a <- acf(x, lag.max = K, plot = FALSE)$acf[-1]
  p <- pacf(x, lag.max = K, plot = FALSE)$acf
  lb <- Box.test(x, lag = L, type = "Ljung-Box", fitdf = 0)
  st <- if (m >= 2 && n > 2 * m) stl_part(x, m) else NULL
  cand <- vapply(candidates, function(mm) stl_part(x, mm), character(1))
  write_json(name, obj(
    file = str(file), column = str(col), period = num(m), x = arr(x),
    lags = num(K), acf = arr(a), pacf = arr(p),
    band = num(qnorm(0.975) / sqrt(n)),
    ljung_box = obj(lags = num(L), fitdf = num(0),
                    q = num(lb$statistic[[1]]), p = num(lb$p.value)),
    stl = if (is.null(st)) "null" else st,
    candidates = paste0("[", paste(cand, collapse = ","), "]")))
}

series_fixture("air_passengers", "air_passengers_monthly.csv", "passengers", "month", 12)
series_fixture("co2_weekly", "mauna_loa_co2_weekly_with_gaps.csv", "co2", "week", 52)
series_fixture("shop_sales", "shop_sales_daily.csv", "sales", "day", 7, candidates = c(7L, 365L))
series_fixture("new_haven_temp", "new_haven_temp_yearly.csv", "mean_temp_f", NULL, 1)

# ---- residual checks --------------------------------------------------------
residual_case <- function(label, fit, m) {
  r <- as.numeric(na.omit(residuals(fit)))
  lb_default <- NULL
  capture.output(lb_default <- checkresiduals(fit, plot = FALSE))
  lag <- lb_default$parameter[["df"]]
  # the fitted degrees of freedom as checkresiduals counts them (ARIMA:
  # p + q + P + Q, the mean not counted; seasonal naive: 0)
  fitdf <- if (inherits(fit, "forecast")) 0 else
    sum(arimaorder(fit)[c("p", "q", "P", "Q")], na.rm = TRUE) # forecast:::modeldf.Arima
  lag <- lag + fitdf
  lb <- Box.test(r, lag = lag, type = "Ljung-Box", fitdf = fitdf)
  qq <- qqnorm(r, plot.it = FALSE)
  o <- order(qq$y)
  obj(method = str(label), period = num(m), fitdf = num(fitdf), residuals = arr(r),
      lags = num(acf_lags(length(r), m)),
      acf = arr(acf(r, lag.max = acf_lags(length(r), m), plot = FALSE)$acf[-1]),
      ljung_box = obj(lags = num(lag), fitdf = num(fitdf),
                      q = num(lb$statistic[[1]]), p = num(lb$p.value)),
      checkresiduals = obj(q = num(lb_default$statistic[[1]]), p = num(lb_default$p.value),
                           df = num(lb_default$parameter[["df"]])),
      mean = num(mean(r)), sd = num(sd(r)), fd_bins = num(nclass.FD(r)),
      qq_theoretical = arr(qq$x[o]), qq_sample = arr(qq$y[o]))
}

air <- ts(read_series("air_passengers_monthly.csv", "passengers", "month"), frequency = 12)
cases <- c(
  # naive: residuals y_t - y_{t-1}, no fitted parameters; the season is left
  residual_case("naive", naive(air), 12),
  # seasonal naive: residuals y_t - y_{t-12}, no fitted parameters
  residual_case("seasonal naive", snaive(air), 12),
  # the airline model on log passengers: two fitted coefficients (fitdf = 2)
  residual_case("ARIMA(0,1,1)(0,1,1)[12] on log", Arima(log(air), order = c(0, 1, 1), seasonal = c(0, 1, 1)), 12))
nh <- ts(read_series("new_haven_temp_yearly.csv", "mean_temp_f", NULL), frequency = 1)
cases <- c(cases,
  # a yearly series: no season, an AR(1) with mean (fitdf = 1)
  residual_case("ARIMA(1,0,0) with mean", Arima(nh, order = c(1, 0, 0)), 1))
write_json("residuals", paste0("[", paste(cases, collapse = ",\n"), "]"))

# ---- histogram bins -----------------------------------------------------------
# nclass.FD on raw columns with many ties (its fallbacks when the IQR is 0)
# and on daily changes of a stock index.
fd_case <- function(file, column, differenced) {
  x <- read.csv(file.path(data_dir, file))[[column]]
  if (differenced) x <- diff(x)
  obj(file = str(file), column = str(column), differenced = if (differenced) "true" else "false",
      x = arr(x), bins = num(nclass.FD(x)))
}
write_json("nclass_fd", paste0("[", paste(c(
  fd_case("shop_sales_daily.csv", "promo", FALSE),
  fd_case("uk_seatbelts_front_rear_monthly.csv", "law", FALSE),
  fd_case("eu_stock_ftse_smi_cac_daily.csv", "FTSE", TRUE)), collapse = ",\n"), "]"))
