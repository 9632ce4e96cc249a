#!/usr/bin/env Rscript
# Fixtures for arima.Model.Filter: a model fitted by forecast::auto.arima on
# the first points of a bundled sample, then applied with its coefficients
# fixed to a longer and a shorter stretch of the same series
# (forecast::Arima(y, model = fit)), and its forecasts from there.
# Written by: Rscript scripts/r_fixtures_arima_filter.R (R 4.2.2,
# forecast 8.20); read by forecast/classic/arima's TestFilterMatchesR.
suppressMessages(library(forecast))
library(jsonlite)
options(digits = 15)
datadir <- "sampledata/data"
samples <- list(
  list("air_passengers_monthly.csv", "passengers", 12),
  list("uk_seatbelts_front_rear_monthly.csv", "front", 12),
  list("us_macro_quarterly.csv", "realgdp", 4),
  list("eu_stock_ftse_smi_cac_daily.csv", "CAC", 5),
  list("new_haven_temp_yearly.csv", "mean_temp_f", 1)
)
cases <- list()
for (s in samples) {
  y <- as.numeric(read.csv(file.path(datadir, s[[1]]))[[s[[2]]]])
  m <- s[[3]]
  if (s[[1]] == "eu_stock_ftse_smi_cac_daily.csv") y <- head(y, 400)
  h <- if (m > 1) m else 6
  n <- length(y)
  nfit <- n - 2 * h
  fit <- auto.arima(ts(head(y, nfit), frequency = m))
  filters <- lapply(c(n, nfit - h, nfit), function(nf) {
    ref <- Arima(ts(head(y, nf), frequency = m), model = fit)
    list(n = nf, mean = as.numeric(forecast(ref, h = h)$mean))
  })
  cases[[length(cases) + 1]] <- list(name = paste(s[[1]], s[[2]]), m = m, h = h, y = y,
    n_fit = nfit, model = forecast:::arima.string(fit), coef = I(as.numeric(coef(fit))), filters = filters)
}
write(toJSON(cases, auto_unbox = TRUE, digits = NA), "forecast/classic/testdata/arima_filter.json")
