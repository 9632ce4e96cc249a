// Package arima is automatic ARIMA forecasting as R's forecast::auto.arima
// does it, on stats::arima's estimation, reproduced closely enough to
// select the same model and give the same forecasts as R.
//
// # Selection
//
// Auto(y, m) follows auto.arima(y) with its defaults (Hyndman & Khandakar
// 2008): D = 1 when an STL decomposition (s.window 11) gives a seasonal
// strength above 0.64 (only with more than 2m points), then d by repeated
// KPSS tests at 5 % (lag ⌊3√n/13⌋, at most 2); then the stepwise search
// from ARIMA(2,d,2)(1,D,1) (with the null, AR(1) and MA(1) models), moving
// one or two of p, q, P, Q at a time and toggling the mean or drift, to
// the smallest AICc, p, q ≤ 5, P, Q ≤ 2 (p, q < m with seasonal terms), at
// most 94 models. A model with an AR or MA root within 1.01 of the unit
// circle, or a negative coefficient variance, is rejected. For more than
// 150 points or m > 12 the search compares conditional-sum-of-squares fits
// (with R's offset) and then refits by exact likelihood, best first, until
// one is accepted. Search records the differencing, every model visited
// with its criterion, and the refits.
//
// # Estimation
//
// Fit(y, order, constant) is one candidate of that search, stats::arima by
// CSS then exact Gaussian likelihood: R's Kalman filter (ARIMA_Like, the
// diffuse differencing states with κ = 1e6, innovations with gain ≥ 1e4
// left out), Gardner et al.'s stationary covariance, the AR parts searched
// as atanh of their partial autocorrelations, MA roots inverted, the
// drift's or mean's start and scale from a regression on the differenced
// series, R's BFGS with finite differences and its Hessian (for the
// coefficient variances). Model.Forecast is KalmanForecast from the
// filtered state, with σ² as forecast adjusts it (Σe²/(n−d−mD−k+1)).
//
// # Agreement with R
//
// Tested on the fixtures of package classic (../testdata/r, from
// scripts/r_fixtures_classic.R). On the 26 cases with m ≤ 12 the same
// differencing, the same search path (every model visited, in order, with
// its criterion within 1e-6 relative but one local optimum noted in the
// test) and the same model as R; forecasts within 5.7e-8 and interval
// half-widths within 4.6e-7 relative. On weekly CO2 (m = 52) the searches
// part at the sixth model, ARIMA(1,1,0)(2,1,0)[52]: R's polyroot, on its
// degree-105 AR polynomial, reports a root of modulus 0.93 where the
// smallest modulus is 1.0101 (the seasonal factor's roots, |w|^(1/52) with
// |w|² = 1/0.3517), so R rejects the model as near-non-stationary; here
// roots are the companion matrix's eigenvalues and it is kept. The whole
// series then gets ARIMA(0,1,1)(2,1,0)[52], AICc 989.29 (R's own fit of
// it: 989.29; R's pick, ARIMA(2,1,1)(1,1,0)[52], has AICc 1032.66 in R
// and 1032.45 here, a higher likelihood found); the series without its
// last 104 weeks gets ARIMA(1,1,0)(1,1,0)[52], AICc 1046.95 (R 1046.95),
// where R's pick ARIMA(3,1,1)(1,1,0)[52] has 915.61 (915.61 here): after
// the paths part, 14 of the 15 exact refits are rejected. Set
// CLASSIC_R_SLOW=1 to run these two cases (16 s and 194 s here; 144 s
// and 36 s in R).
//
// # Invariants
//
// Inputs are never modified. NaN or infinite values, an empty series, or
// no estimable model give an error (classic.ErrNotFinite, ErrTooShort,
// ErrNoModel). A constant series gets ARIMA(0,0,0) with its value as mean
// and zero-width intervals; a series that differences to a constant (a
// line, a repeated seasonal pattern) gets auto.arima's model with the
// differences' mean as a fixed drift, whose intervals are as narrow as R's.
package arima
