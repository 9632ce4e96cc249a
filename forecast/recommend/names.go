package recommend

// Method names: the keys of forecast.Result's Metrics, Holdout.Pred,
// Forecasts and Validation, and the candidates of the recommended forecast.
const (
	LSTM          = "lstm"
	Naive         = "naive"
	SeasonalNaive = "seasonal_naive"
	Drift         = "drift"
	ETS           = "ets" // Holt-Winters (classic.FitETS), the LSTM anchor's family
	// AutoETS is classic.AutoETS, forecast::ets: the ETS model of smallest
	// AICc over error, trend, damping and season.
	AutoETS = "auto_ets"
	// Theta is classic.Theta, forecast::thetaf.
	Theta = "theta"
	// ARIMA is arima.Auto, forecast::auto.arima's stepwise search.
	ARIMA = "arima"
	// Comb is the mean of auto_ets, arima and theta (of auto_ets and theta
	// where ARIMA is left out): the combination the M4 competition's
	// literature recommends over any one of them.
	Comb = "comb"
)

// Methods are the candidates in display order; on a tie of validation
// errors the earlier wins.
var Methods = []string{LSTM, Naive, SeasonalNaive, Drift, ETS, AutoETS, Theta, ARIMA, Comb}

// classicalMethods are the methods classicalForecasts fits.
var classicalMethods = []string{Naive, SeasonalNaive, Drift, ETS, AutoETS, Theta, ARIMA, Comb}
