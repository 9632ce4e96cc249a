# r_fixtures_classic.R: reference fixtures for forecast/classic from R's
# forecast package (ets, thetaf, auto.arima) on the bundled samples.
#
#   Rscript scripts/r_fixtures_classic.R [outdir]      (make fixtures-r)
#
# Writes one JSON file per case into forecast/classic/testdata/r/: the series,
# its seasonal period m and horizon h, and what R selects, estimates and
# forecasts. A case is a sample column, whole ("full") or without its last h
# values ("train", the fit a holdout evaluation makes). Needs r-base-core and
# r-cran-forecast (scripts/setup.sh r); the Go tests need only the JSON.
#
# The series are ours (sampledata/data, the same files as ../shared/data);
# no dataset shipped with R is read here.

suppressPackageStartupMessages(library(forecast))
options(digits = 15) # auto.arima(trace = TRUE) prints each model's criterion with cat()

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "forecast/classic/testdata/r"
datadir <- "sampledata/data"
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

# ---- a small JSON writer (no jsonlite in Debian's r-cran-forecast) ----------

arr <- function(x) structure(list(x), class = "jsonarray") # always an array
num <- function(x) {
  if (is.null(x) || length(x) == 0 || !is.finite(x)) return("null")
  sprintf("%.17g", x)
}
tojson <- function(x, indent = "") {
  ind2 <- paste0(indent, "  ")
  if (inherits(x, "jsonarray")) {
    v <- x[[1]]
    if (is.character(v)) return(paste0("[", paste0('"', v, '"', collapse = ", "), "]"))
    return(paste0("[", paste(vapply(as.numeric(v), num, ""), collapse = ", "), "]"))
  }
  if (is.list(x)) {
    if (is.null(names(x))) {
      items <- vapply(x, tojson, "", indent = ind2)
      return(paste0("[\n", ind2, paste(items, collapse = paste0(",\n", ind2)), "\n", indent, "]"))
    }
    items <- mapply(function(k, v) paste0('"', k, '": ', tojson(v, ind2)), names(x), x)
    return(paste0("{\n", ind2, paste(items, collapse = paste0(",\n", ind2)), "\n", indent, "}"))
  }
  if (is.logical(x)) return(if (isTRUE(x)) "true" else "false")
  if (is.character(x)) return(paste0('"', gsub('"', '\\\\"', x), '"'))
  if (length(x) == 1) return(num(x))
  tojson(arr(x), indent)
}

# ---- two corrections to forecast 8.20's ETS forecasts -------------------------
#
# class1 (additive-error intervals) puts the seasonal smoothing gamma on the
# third state, which for a model without trend is the second seasonal state:
# ETS(A,N,A) and ETS(M,N,A) get wrong variances. Fixed upstream in forecast
# commit 84689588 (G[p - m + 1, 1] <- gamma); applied here the same way.
#
# class3 (multiplicative error and season) uses the undamped matrices for a
# damped trend: H1 = (1, 1) gives the one-step mean (l + b)s where the
# model's own recursions (etscalc) predict (l + phi*b)s. Corrected here with
# H1 = (1, phi), F1 = ((1, phi), (0, phi)), G1 = (alpha, beta)' (1, phi).
#
# Fixtures hold the corrected values; "r820" keeps the uncorrected ones
# where they differ, so the size of each correction stays on record.

patch <- function(f, edits) {
  src <- deparse(f, width.cutoff = 500L)
  for (e in edits) {
    hit <- grep(e[1], src, fixed = TRUE)
    stopifnot(length(hit) == 1)
    src[hit] <- sub(e[1], e[2], src[hit], fixed = TRUE)
  }
  g <- eval(parse(text = src))
  environment(g) <- environment(f)
  g
}
orig <- list(class1 = forecast:::class1, class3 = forecast:::class3)
fixed <- list(
  class1 = patch(orig$class1, list(c('G[3, 1] <- par["gamma"]', 'G[p - m + 1, 1] <- par["gamma"]'))),
  class3 = patch(orig$class3, list(
    c('F1 <- rbind(c(1, 1), c(0, ifelse(damped, par["phi"], 1)))',
      'ph <- ifelse(damped, par["phi"], 1); H1 <- matrix(c(1, ph), nrow = 1); F1 <- rbind(c(1, ph), c(0, ph))'),
    c('G1 <- rbind(c(par["alpha"], par["alpha"]), c(par["beta"], par["beta"]))',
      'G1 <- rbind(c(par["alpha"], par["alpha"] * ph), c(par["beta"], par["beta"] * ph))')))
)
use <- function(fs) for (k in names(fs)) assignInNamespace(k, fs[[k]], "forecast")

# ---- the cases ---------------------------------------------------------------

# file, column, seasonal period (as tsdata.Freq.SeasonalPeriod gives it)
samples <- list(
  list("air_passengers_monthly.csv", "passengers", 12),
  list("uk_seatbelts_front_rear_monthly.csv", "front", 12),
  list("uk_seatbelts_front_rear_monthly.csv", "rear", 12),
  list("us_macro_quarterly.csv", "realgdp", 4),
  list("us_macro_quarterly.csv", "realcons", 4),
  list("us_macro_quarterly.csv", "unemp", 4),
  list("shop_sales_daily.csv", "sales", 7),
  list("eu_stock_ftse_smi_cac_daily.csv", "FTSE", 5),
  list("eu_stock_ftse_smi_cac_daily.csv", "SMI", 5),
  list("eu_stock_ftse_smi_cac_daily.csv", "CAC", 5),
  list("mauna_loa_co2_weekly_with_gaps.csv", "co2", 52),
  list("sunspots_yearly.csv", "sunspots", 1),
  list("new_haven_temp_yearly.csv", "mean_temp_f", 1),
  list("treering_yearly_long.csv", "ring_width", 1)
)

fc_json <- function(f) {
  list(mean = arr(f$mean), lower80 = arr(f$lower[, 1]), upper80 = arr(f$upper[, 1]),
       lower95 = arr(f$lower[, 2]), upper95 = arr(f$upper[, 2]))
}

ets_json <- function(fit, h) {
  use(orig)
  raw <- forecast(fit, h = h, level = c(80, 95))
  use(fixed)
  f <- forecast(fit, h = h, level = c(80, 95))
  out <- list(
    method = fit$method,
    par = as.list(fit$par[intersect(c("alpha", "beta", "gamma", "phi"), names(fit$par))]),
    initstate = arr(fit$initstate),
    loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic,
    sigma2 = fit$sigma2, mse = fit$mse
  )
  out <- c(out, fc_json(f))
  if (max(abs(c(raw$mean - f$mean, raw$upper - f$upper))) > 1e-9 * max(abs(f$mean))) {
    out$r820 <- fc_json(raw)
  }
  out
}

# checkresiduals' Ljung-Box test of a fitted model, as forecast 8.20 runs it:
# lag max(df + 3, min(2m or 10, round(n/5))), df its model's degrees of
# freedom (forecast:::modeldf.ets, modeldf.Arima).
check_json <- function(fit, df) {
  capture.output(lb <- checkresiduals(fit, plot = FALSE))
  list(q = unname(lb$statistic), lags = unname(lb$parameter) + df, fitdf = df, p = lb$p.value)
}

ets_case <- function(y, h) {
  fit <- ets(y)
  out <- ets_json(fit, h)
  # the selected model's innovations (y - yhat, or (y - yhat)/yhat with
  # multiplicative error), one-step fits and residual check
  out$residuals <- arr(residuals(fit))
  out$fitted <- arr(fitted(fit))
  out$npar <- length(fit$par)
  out$check <- check_json(fit, forecast:::modeldf.ets(fit))
  # Every candidate auto selection considers, fitted alone as ets(y, model, damped).
  cands <- list()
  pos <- min(y) > 0
  for (e in c("A", "M")) for (tr in c("N", "A")) for (s in c("N", "A", "M")) for (d in c(TRUE, FALSE)) {
    if (tr == "N" && d) next
    if (e == "A" && s == "M") next
    if (e == "M" && !pos) next
    if (s != "N" && (frequency(y) == 1 || frequency(y) > 24)) next
    name <- paste0("ETS(", e, ",", tr, if (d) "d" else "", ",", s, ")")
    r <- tryCatch(ets(y, model = paste0(e, tr, s), damped = d), error = function(err) err)
    if (inherits(r, "error")) {
      cands[[length(cands) + 1]] <- list(method = name, error = conditionMessage(r))
    } else {
      cands[[length(cands) + 1]] <- ets_json(r, h)
    }
  }
  out$candidates <- cands
  out
}

theta_case <- function(y, h) {
  f <- thetaf(y, h = h, level = c(80, 95))
  n <- length(y)
  m <- frequency(y)
  seasonal <- FALSE
  if (m > 1 && !is.constant(y) && n > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    seasonal <- (abs(r[m]) / stat > qnorm(0.95))
  }
  # thetaf's fitted values are the SES fit of the (adjusted) series,
  # reseasonalised, and its residuals y minus them; checkresiduals gives
  # thetaf no test (modeldf has no method for its model).
  c(list(alpha = unname(f$model$alpha), drift = unname(f$model$drift),
         sigma2 = unname(f$model$sigma), seasonal = seasonal,
         residuals = arr(f$residuals), fitted = arr(f$fitted)), fc_json(f))
}

arima_case <- function(y, h) {
  m <- frequency(y)
  tr <- capture.output(fit <- auto.arima(y, trace = TRUE))
  # the differencing auto.arima chose, and the statistics behind it
  D <- fit$arma[7]
  dx <- if (D > 0) diff(y, lag = m, differences = D) else y
  seas <- if (m > 1 && length(y) > 2 * m) forecast:::seas.heuristic(y) else NA_real_
  kpss <- urca::ur.kpss(dx, type = "mu", use.lag = trunc(3 * sqrt(length(dx)) / 13))@teststat
  f <- forecast(fit, h = h, level = c(80, 95))
  # the stepwise search's trace: every model visited and its criterion, then
  # (with approximation) the refits by exact likelihood in order of the search's IC
  refit_at <- grep("re-fitting", tr)
  parse <- function(lines) lapply(grep("^ ARIMA", lines, value = TRUE), function(s) {
    parts <- strsplit(s, ":")[[1]]
    list(model = trimws(parts[1]), ic = as.numeric(parts[2]))
  })
  search <- if (length(refit_at)) tr[seq_len(refit_at - 1)] else tr
  refit <- if (length(refit_at)) tr[-seq_len(refit_at)] else character(0)
  c(list(
    method = forecast:::arima.string(fit),
    arma = arr(fit$arma), # p, q, P, Q, m, d, D
    coef_names = arr(names(fit$coef)), coef = arr(unname(fit$coef)),
    sigma2 = fit$sigma2, loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic,
    approximation = (length(y) > 150 | m > 12),
    seas_strength = seas, kpss_first = kpss,
    ndiffs = ndiffs(dx), nsdiffs = if (m > 1 && length(y) > 2 * m) nsdiffs(y) else 0,
    trace = parse(search), refits = parse(refit),
    residuals = arr(residuals(fit)), check = check_json(fit, forecast:::modeldf.Arima(fit))
  ), fc_json(f))
}

for (s in samples) {
  file <- s[[1]]; col <- s[[2]]; m <- s[[3]]
  tab <- read.csv(file.path(datadir, file))
  y <- as.numeric(tab[[col]])
  if (anyNA(y)) y <- as.numeric(na.contiguous(ts(y))) # longest stretch without gaps
  h <- if (m > 1) 2 * m else 10
  base <- sub("\\.csv$", "", file)
  for (variant in c("full", "train")) {
    yy <- if (variant == "full") y else head(y, -h)
    yt <- ts(yy, frequency = m)
    name <- paste(base, col, variant, sep = "_")
    cat(name, "n =", length(yy), "m =", m, "h =", h, "\n")
    case <- list(name = name, file = file, column = col, variant = variant,
                 m = m, h = h, r_version = R.version.string,
                 forecast_version = as.character(packageVersion("forecast")),
                 y = arr(yy))
    case$ets <- ets_case(yt, h)
    case$theta <- theta_case(yt, h)
    case$arima <- arima_case(yt, h)
    writeLines(tojson(case), file.path(outdir, paste0(name, ".json")))
  }
}
