// Command shortsim measures candidate forecasts for a series too short for
// validation origins — two or three seasons asked for a long horizon,
// where the recommended forecast cannot be chosen on validation and falls
// to recommend.Default — on segments of the bundled series.
//
// Every segment of n points, step points apart, is forecast from its first
// n−h points by each candidate and scored on its last h with the M4
// competition's OWA against Naive2; the mean over the segments is printed,
// best first, with how many segments each beats the seasonal naive's MASE
// on. Bundled series only (sampledata/data): the data rule of docs/
// evaluation.md holds.
//
//	go run ./scripts/shortsim -set monthly -n 54 -h 18
//	go run ./scripts/shortsim -set quarterly -n 20 -h 8
//	go run ./scripts/shortsim -set yearly -n 18 -h 6
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

var pipeline bool

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

type series struct {
	name string
	v    []float64
	m    int
}

// column reads the numeric values of column c of a bundled CSV file.
func column(dir, file string, c int) ([]float64, error) {
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []float64
	for _, r := range rows[1:] {
		if v, err := strconv.ParseFloat(r[c], 64); err == nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// candidates are the forecasts compared: methods alone and means of several.
var candidates = map[string][]string{
	"comb": {recommend.Comb}, "auto_ets": {recommend.AutoETS}, "theta": {recommend.Theta}, "arima": {recommend.ARIMA},
	"seasonal_naive": {recommend.SeasonalNaive}, "ets (Holt-Winters)": {recommend.ETS},
	"auto_ets+theta": {recommend.AutoETS, recommend.Theta}, "auto_ets+arima": {recommend.AutoETS, recommend.ARIMA},
	"comb+seasonal_naive":           {recommend.Comb, recommend.SeasonalNaive},
	"auto_ets+theta+seasonal_naive": {recommend.AutoETS, recommend.Theta, recommend.SeasonalNaive},
}

func main() {
	set := flag.String("set", "monthly", "the series: monthly (airline passengers, seatbelts front and rear), quarterly (US GDP, consumption, unemployment) or yearly (sunspots, the first 600 tree rings, New Haven)")
	n := flag.Int("n", 54, "points per segment")
	h := flag.Int("h", 18, "horizon: the last h points of each segment are scored")
	step := flag.Int("step", 6, "points between segments' starts")
	dir := flag.String("data", "sampledata/data", "the bundled data folder")
	pipe := flag.Bool("pipeline", false, "forecast each segment as the command line does (forecast.TrainFull, the recommended forecast chosen on its validation origins) and compare that with the candidates; segments long enough for the network are skipped")
	flag.Parse()
	pipeline = *pipe
	if err := run(*set, *dir, *n, *h, *step); err != nil {
		fmt.Fprintln(os.Stderr, "shortsim:", err)
		os.Exit(1)
	}
}

func run(set, dir string, n, h, step int) error {
	type src struct {
		name, file string
		col, m     int
	}
	var srcs []src
	switch set {
	case "monthly":
		srcs = []src{{"air", "air_passengers_monthly.csv", 1, 12}, {"front", "uk_seatbelts_front_rear_monthly.csv", 1, 12}, {"rear", "uk_seatbelts_front_rear_monthly.csv", 2, 12}}
	case "quarterly":
		srcs = []src{{"gdp", "us_macro_quarterly.csv", 1, 4}, {"cons", "us_macro_quarterly.csv", 2, 4}, {"unemp", "us_macro_quarterly.csv", 3, 4}}
	case "yearly":
		srcs = []src{{"sunspots", "sunspots_yearly.csv", 1, 1}, {"tree", "treering_yearly_long.csv", 1, 1}, {"new_haven", "new_haven_temp_yearly.csv", 1, 1}}
	default:
		return fmt.Errorf("-set %q: use monthly, quarterly or yearly", set)
	}
	if h < 1 || n <= h || step < 1 {
		return fmt.Errorf("need 0 < h < n and step ≥ 1")
	}
	sum, beat := map[string]float64{}, map[string]int{}
	segments, skipped := 0, 0
	origins := map[int]int{}
	recNames := map[string]int{}
	var cov [3]float64
	var wid float64
	for _, s := range srcs {
		v, err := column(dir, s.file, s.col)
		if err != nil {
			return err
		}
		if s.name == "tree" {
			v = v[:600]
		}
		for st := 0; st+n <= len(v); st += step {
			hist, act := v[st:st+n-h], v[st+n-h:st+n]
			sel, err := recommend.SelectAsync(hist, s.m).Wait(context.Background())
			if err != nil {
				return err
			}
			f := recommend.Forecasts(hist, h, s.m, sel)
			if pipeline {
				set := config.DefaultSettings()
				set.Horizon, set.Season = h, s.m
				res, err := forecast.TrainFull(context.Background(), &tsdata.Series{Name: s.name, Values: hist}, set, nil)
				if err != nil {
					return err
				}
				if res.Model != nil {
					skipped++
					continue
				}
				f.Mean["recommended"] = res.Forecasts[forecast.MethodRecommended].Mean
				recNames[res.Recommended]++
				rf := res.Forecasts[forecast.MethodRecommended]
				for k, a := range act {
					cov[0] += b2f(a >= rf.Lower80[k] && a <= rf.Upper80[k])
					cov[1] += b2f(a >= rf.Lower95[k] && a <= rf.Upper95[k])
					cov[2]++
					wid += (rf.Upper95[k] - rf.Lower95[k]) / (2 * classic.MASEScale(hist, s.m))
				}
				f.Mean["default"] = recommend.Default(sel, s.m).Combine(f.Mean)
				org := len(hist) - h - max(8, 2*s.m) + 1
				if org < 0 {
					org = 0
				}
				origins[org]++
				for _, k := range []int{2, 3, 5, 8} {
					name := fmt.Sprintf("default below %d origins", k)
					if org < k {
						f.Mean[name] = f.Mean["default"]
					} else {
						f.Mean[name] = f.Mean["recommended"]
					}
				}
				f.Mean["recommended+default"] = recommend.Choice{Parts: []string{"recommended", "default"}}.Combine(f.Mean)
				// the two single methods of lowest validation error, averaged
				type sc struct {
					name string
					e    float64
				}
				var ss []sc
				for _, name := range recommend.Methods {
					if e, ok := res.Validation[name]; ok && !math.IsNaN(e) && name != recommend.LSTM {
						ss = append(ss, sc{name, e})
					}
				}
				sort.SliceStable(ss, func(i, j int) bool { return ss[i].e < ss[j].e })
				if len(ss) >= 2 {
					f.Mean["pair"] = recommend.Choice{Parts: []string{ss[0].name, ss[1].name}}.Combine(f.Mean)
				} else {
					f.Mean["pair"] = f.Mean["default"]
				}
				if org == 0 {
					f.Mean["E"] = f.Mean["default"]
				} else {
					f.Mean["E"] = f.Mean[recommend.Comb]
				}
			}
			n2 := classic.Naive2(hist, h, s.m)
			n2s, n2m := classic.SMAPE(act, n2), classic.MASE(act, n2, hist, s.m)
			sn := classic.MASE(act, f.Mean[recommend.SeasonalNaive], hist, s.m)
			segments++
			cands := candidates
			if pipeline {
				cands = map[string][]string{"comb": {recommend.Comb}, "recommended": {"recommended"}, "default": {"default"}, "recommended+default": {"recommended+default"}, "pair": {"pair"}, "E": {"E"}}
				for _, k := range []int{2, 3, 5, 8} {
					name := fmt.Sprintf("default below %d origins", k)
					cands[name] = []string{name}
				}
			}
			for name, parts := range cands {
				p := recommend.Choice{Parts: parts}.Combine(f.Mean)
				if p == nil {
					p = f.Mean[recommend.Comb] // a part missing (ARIMA left out): as the app would, the combination
				}
				if p == nil {
					return fmt.Errorf("%s segment %d: no combination", s.name, st)
				}
				mase := classic.MASE(act, p, hist, s.m)
				sum[name] += classic.OWA(classic.SMAPE(act, p), mase, n2s, n2m)
				if mase < sn {
					beat[name]++
				}
			}
		}
	}
	var names []string
	for k := range sum {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return sum[names[i]] < sum[names[j]] })
	fmt.Printf("%s, %d segments of %d points, horizon %d, %d apart\n", set, segments, n, h, step)
	if pipeline {
		fmt.Printf("skipped %d (long enough for the network); validation origins: %v; recommended: %v\n", skipped, origins, recNames)
		fmt.Printf("recommended forecast's coverage: 80 %% %.3f, 95 %% %.3f; mean 95 %% half-width %.2f in-sample seasonal-naive errors\n", cov[0]/cov[2], cov[1]/cov[2], wid/cov[2])
	}
	for _, k := range names {
		fmt.Printf("%-30s OWA %.3f  MASE below seasonal naive on %d\n", k, sum[k]/float64(segments), beat[k])
	}
	return nil
}
