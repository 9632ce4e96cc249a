// Package diagnose answers an analyst's two questions about a series and a
// forecast: what is in the series (trend, season, autocorrelation), and is
// anything left in a method's residuals. Every number equals R's: the
// tests compare with fixtures that scripts/r_fixtures_diagnose.R computes
// with R on the bundled samples (`make fixtures-diagnose`; the tests need
// no R). Functions take plain slices; Describe takes a tsdata.Series and
// returns what `forecaster diagnose -json` prints.
//
// # Autocorrelation
//
// ACF(x, K) returns r_1…r_K as R's stats::acf: x is centred, c_k =
// Σ_{t=1}^{T−k} x_t x_{t+k} / T (the biased estimator, divided by T at every
// lag) and r_k = c_k/c_0. PACF(x, K) returns φ_11…φ_KK as stats::pacf, by
// the Durbin–Levinson recursion on those r_k. Band(T) = 1.96/√T (exactly
// qnorm(0.975)/√T, as R's plots) is the half-width of the 95 % band under
// white noise. DefaultLags(T, m) = max(⌊10·log10 T⌋, 2m), at most T−1,
// as forecast::Acf.
//
// LjungBox(x, h, fitdf) is stats::Box.test(type = "Ljung-Box"): Q =
// T(T+2) Σ_{k=1}^{h} r_k²/(T−k) against χ² with h − fitdf degrees of
// freedom, where fitdf is the number of parameters a model estimated
// (0 for a raw series or a naive method; p+q+P+Q for an ARIMA). P is the
// upper tail computed directly, so it stays accurate where R's 1 − pchisq
// rounds to 0. LjungBoxLag(T, m) is FPP's lag, min(2m, T/5) rounded, 10
// instead of 2m without a season; ResidualLag raises it to fitdf + 3 as
// forecast::checkresiduals does.
//
// Means are accumulated with compensation (R uses long double); with it
// ACF and PACF agree with R to the last bit on the samples, and the
// Durbin–Levinson recursion, which amplifies rounding on a near-unit-root
// series such as CO2, stays within 1e-14 of R.
//
// # Decomposition
//
// STL(x, m) is stats::stl(ts(x, frequency = m), s.window = "periodic") with
// R's defaults, a port of R's src/library/stats/src/stl.f (Cleveland et al.
// 1990): two inner iterations of [cycle-subseries loess of degree 0 over a
// window of 10T+1, extended one cycle each way → low-pass filter (moving
// averages of m, m and 3, then loess of span nextodd(m)) → seasonal =
// subseries smooth − low-pass → trend = loess of span
// nextodd(⌈1.5m/(1−1.5/(10T+1))⌉) of x − seasonal], loess fitted every
// ⌈span/10⌉ points and interpolated between; no robustness iterations. The
// seasonal values are then averaged over each cycle position (periodic),
// and remainder = x − seasonal − trend. The strengths are FPP3 §4.3's:
// F_T = max(0, 1 − Var(R)/Var(T+R)), F_S = max(0, 1 − Var(R)/Var(S+R)).
//
// CandidatePeriods lists the periods a calendar leaves open (hourly: 24
// and 168; daily: 7 and 365 …) and SeasonCandidates measures the seasonal
// strength of each. A period that is a multiple of another (168 of 24)
// repeats the shorter cycle inside its own, so its strength is at least
// about as high: the longer season adds something only when it is clearly
// stronger.
//
// # Residuals
//
// CheckResiduals(res, opts) gives for one fitted method what FPP's
// checkresiduals shows: ACF with band, Ljung–Box at ResidualLag with the
// model's fitdf, a histogram (Freedman–Diaconis bins as nclass.FD) with the
// mean and standard deviation of its normal curve, the normal Q–Q points
// (qqnorm: sorted residuals against qnorm(ppoints(T))), and a Finding with
// a one-line verdict: "no autocorrelation left (Ljung–Box p = 0.23 at lag
// 24)" when p ≥ 0.05, otherwise the lag whose autocorrelation lies furthest
// outside the band, "…: the model misses part of the season" when it is a
// multiple of m.
//
// # Bad input
//
// Errors are values of the types in errors.go and match the sentinels with
// errors.Is: a non-finite value (*NonFiniteError, ErrNonFinite); a lag
// beyond T−1 (*LagError naming the largest allowed, ErrLagTooLarge); a
// constant series, whose correlations are 0/0 (*ConstantError,
// ErrConstant); STL on a series of at most two seasons (*ShortError,
// ErrTooShort) or with m < 2 (ErrNoSeason). Describe gives ACF and PACF for
// a series too short for STL, with the reason in STLReason. Residuals that
// are all zero or all equal are not an error: CheckResiduals returns the
// Finding ZeroResiduals or ConstantResiduals with a verdict that says so.
// No result holds NaN or ±Inf.
//
// # Invariants
//
// No function modifies its input. Results share no memory with the input.
// Same input, same output, bit for bit.
package diagnose
