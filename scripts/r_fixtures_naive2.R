# Naive2 fixtures for forecast/classic (TestNaive2AgainstR): the M4
# competition organisers' Naive2 ("Benchmarks and Evaluation.R",
# M4-methods repository: SeasonalityTest and the Naive2 lines of
# Benchmarks), applied to bundled series, each without its last h points.
#
#   Rscript scripts/r_fixtures_naive2.R forecast/classic/testdata/m4/naive2.json
suppressMessages(library(forecast))
library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "forecast/classic/testdata/m4/naive2.json"
data <- "/work/shared/data"

SeasonalityTest <- function(input, ppy) { # M4's, verbatim
  tcrit <- 1.645
  if (length(input) < 3 * ppy) {
    test_seasonal <- FALSE
  } else {
    xacf <- acf(input, plot = FALSE)$acf[-1, 1, 1]
    clim <- tcrit / sqrt(length(input)) * sqrt(cumsum(c(1, 2 * xacf^2)))
    test_seasonal <- (abs(xacf[ppy]) > clim[ppy])
    if (is.na(test_seasonal) == TRUE) { test_seasonal <- FALSE }
  }
  return(test_seasonal)
}
Naive2 <- function(input, fh) { # M4's Benchmarks(), the Naive2 lines
  ppy <- frequency(input); ST <- F
  if (ppy > 1) { ST <- SeasonalityTest(input, ppy) }
  if (ST == T) {
    Dec <- decompose(input, type = "multiplicative")
    des_input <- input / Dec$seasonal
    SIout <- head(rep(Dec$seasonal[(length(Dec$seasonal) - ppy + 1):length(Dec$seasonal)], fh), fh)
  } else {
    des_input <- input; SIout <- rep(1, fh)
  }
  list(forecast = as.numeric(naive(des_input, h = fh)$mean * SIout), seasonal = ST)
}

cases <- list(
  list(file = "air_passengers_monthly.csv", col = "passengers", m = 12, h = 12),
  list(file = "uk_seatbelts_front_rear_monthly.csv", col = "front", m = 12, h = 12),
  list(file = "uk_seatbelts_front_rear_monthly.csv", col = "rear", m = 12, h = 18),
  list(file = "us_macro_quarterly.csv", col = "realgdp", m = 4, h = 8),
  list(file = "us_macro_quarterly.csv", col = "unemp", m = 4, h = 8),
  list(file = "new_haven_temp_yearly.csv", col = "mean_temp_f", m = 1, h = 5),
  list(file = "sunspots_yearly.csv", col = NA, m = 1, h = 11)
)
res <- list()
for (c in cases) {
  d <- read.csv(file.path(data, c$file))
  col <- if (is.na(c$col)) names(d)[2] else c$col
  y <- d[[col]]
  hist <- ts(head(y, length(y) - c$h), frequency = c$m)
  f <- Naive2(hist, c$h)
  res[[length(res) + 1]] <- list(name = paste0(c$file, ":", col), m = c$m, h = c$h, hist = as.numeric(hist),
    seasonal = f$seasonal, naive2 = f$forecast)
}
writeLines(toJSON(res, digits = I(17), auto_unbox = TRUE), out)
cat(sprintf("wrote %d cases to %s\n", length(res), out))
