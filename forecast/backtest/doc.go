// Package backtest evaluates a whole run at rolling origins: forecast.Train
// repeated on the series cut at several origins, each scored on the H
// points after its cut, so one lucky or unlucky stretch does not decide.
// Run returns every origin's Result, each method's mean metrics and the
// LSTM's interval coverage; ByStep scores the errors and the coverage per
// forecast step. `forecaster backtest`, the window's Backtest view and the
// developer's defaults table all call Run.
package backtest
