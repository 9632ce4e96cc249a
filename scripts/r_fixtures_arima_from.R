# r_fixtures_arima_from.R: reference forecasts of a fitted ARIMA model applied
# to a longer stretch of its series, its coefficients fixed, from R's forecast
# package: forecast(Arima(y, model = fit), h), which arima.Model.ForecastFrom
# reproduces (package global forecasts a panel's validation windows so).
#
#   Rscript scripts/r_fixtures_arima_from.R [outfile]
#
# For each sample column: auto.arima fitted on all but the last 2h values,
# then applied to all but the last h and to the whole series. Writes one JSON
# file (forecast/classic/testdata/r_arima_from.json). The series are ours
# (sampledata/data); no dataset shipped with R is read here.

suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "forecast/classic/testdata/r_arima_from.json"
num <- function(x) paste0("[", paste(sprintf("%.17g", as.numeric(x)), collapse = ", "), "]")
samples <- list(
  list("air_passengers_monthly.csv", "passengers", 12),
  list("uk_seatbelts_front_rear_monthly.csv", "front", 12),
  list("us_macro_quarterly.csv", "realgdp", 4),
  list("us_macro_quarterly.csv", "unemp", 4),
  list("new_haven_temp_yearly.csv", "mean_temp_f", 1),
  list("shop_sales_daily.csv", "sales", 7)
)
cases <- character(0)
for (s in samples) {
  y <- as.numeric(read.csv(file.path("sampledata/data", s[[1]]))[[s[[2]]]])
  m <- s[[3]]
  h <- if (m > 1) 2 * m else 10
  n <- length(y)
  fit <- auto.arima(ts(head(y, n - 2 * h), frequency = m))
  at <- function(k) as.numeric(forecast(Arima(ts(head(y, k), frequency = m), model = fit), h = h)$mean)
  cases <- c(cases, sprintf('{"name": "%s_%s", "m": %d, "h": %d, "fit_n": %d, "method": "%s", "y": %s, "from": [%d, %d], "mean": [%s, %s]}',
    sub("\\.csv$", "", s[[1]]), s[[2]], m, h, n - 2 * h, forecast:::arima.string(fit), num(y),
    n - h, n, num(at(n - h)), num(at(n))))
  cat(s[[2]], forecast:::arima.string(fit), "\n")
}
writeLines(paste0("[\n", paste(cases, collapse = ",\n"), "\n]"), out)
