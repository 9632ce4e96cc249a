package forecast

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// TestETSPathMatchesForecast: the precomputed ETS anchor for origin t and
// step k equals the model with the same parameters filtered over z[:t] from
// scratch, then Forecast(k+1)[k] — for a model FitETS chose on the training
// part and for every kind of model FitETS can produce. The path repeats
// run's and Forecast's arithmetic in the same order, so the values agree
// to the last bit on amd64; the 1e-12 relative tolerance only allows a
// compiler to fuse multiply-adds differently in the two places (Go may on
// arm64, say).
func TestETSPathMatchesForecast(t *testing.T) {
	s := airPassengers(t)
	z := s.Values
	trainEnd := 100
	fitted, err := fitETSAnchor(z, trainEnd, 12)
	if err != nil {
		t.Fatal(err)
	}
	if fitted.Season != classic.SeasonMultiplicative {
		t.Errorf("FitETS on the first 100 months chose %s; want Holt-Winters multiplicative", fitted)
	}
	cases := map[string]*etsAnchor{
		"fitted":          fitted,
		"additive":        {Season: classic.SeasonAdditive, Trend: true, M: 12, Alpha: 0.4, Beta: 0.05, Gamma: 0.3, Phi: 1, Scale: 600},
		"damped":          {Season: classic.SeasonNone, Trend: true, Damped: true, M: 1, Alpha: 0.6, Beta: 0.2, Phi: 0.9, Scale: 600},
		"holt":            {Season: classic.SeasonNone, Trend: true, M: 1, Alpha: 0.6, Beta: 0.2, Phi: 1, Scale: 600},
		"simple":          {Season: classic.SeasonNone, M: 1, Alpha: 0.3, Phi: 1, Scale: 600},
		"simple unscaled": {Season: classic.SeasonNone, M: 1, Alpha: 0.5, Phi: 1, Scale: 1},
	}
	const h = 7
	for name, a := range cases {
		if err := a.validate(12); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := newETSPath(a, z, h)
		first := 1
		switch {
		case a.Season != classic.SeasonNone:
			first = 24
		case a.Trend:
			first = 2
		}
		if _, ok := p.At(first-1, 0); ok {
			t.Errorf("%s: origin %d, before the filter's first causal state, has an ETS anchor", name, first-1)
		}
		for _, tt := range []int{max(first, 3), 30, 61, trainEnd, trainEnd + 17, len(z)} {
			e := a.model()
			x := make([]float64, tt)
			for i := range x {
				x[i] = z[i] / a.Scale
			}
			e.Trace(x)
			want := e.Forecast(h)
			for k := range h {
				got, ok := p.At(tt, k)
				if !ok || !approxEqual(got, want[k], 1e-12) {
					t.Errorf("%s: origin %d step %d: path %v (ok %v); filtered from scratch %v", name, tt, k, got, ok, want[k])
				}
			}
		}
	}
}

// TestETSAnchorNoLeakage: the ETS anchor's parameters depend on the training
// part only — changing every value from trainEnd on (validation windows and
// holdout) leaves them bit for bit the same, while a change before trainEnd
// does not — and the anchors of the training windows stay the same too.
func TestETSAnchorNoLeakage(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 2
	set.Anchor = config.AnchorETS
	r, err := Resolve(s, set)
	if err != nil {
		t.Fatal(err)
	}
	lay, err := NewPlan(s.Len(), r, true)
	if err != nil {
		t.Fatal(err)
	}
	trainEnd := lay.TrainEnd()
	if trainEnd >= s.Len()-12-5 {
		t.Fatalf("trainEnd %d leaves no validation part in %d points", trainEnd, s.Len())
	}
	train := func(v []float64) *Result {
		t.Helper()
		c := *s
		c.Values = v
		res, err := Train(context.Background(), &c, set, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Model.Prep.ETS == nil {
			t.Fatal("anchor ets gave no ETS anchor")
		}
		return res
	}
	base := train(s.Values)
	later := append([]float64(nil), s.Values...)
	for i := trainEnd; i < len(later); i++ {
		later[i] = later[i]*1.7 + float64(i%5)*20
	}
	changed := train(later)
	if *changed.Model.Prep.ETS != *base.Model.Prep.ETS {
		t.Errorf("changing values from %d on changed the ETS anchor:\n%+v\n%+v", trainEnd, *base.Model.Prep.ETS, *changed.Model.Prep.ETS)
	}
	pb, pc := base.Model.Prep.etsPath(s.Values, lay.O), changed.Model.Prep.etsPath(later, lay.O)
	for tt := lay.W; tt <= lay.TrainLast; tt++ {
		for k := range lay.O {
			a, _ := pb.At(tt, k)
			b, _ := pc.At(tt, k)
			if a != b {
				t.Fatalf("training origin %d step %d: anchor %v became %v", tt, k, a, b)
			}
		}
	}
	earlier := append([]float64(nil), s.Values...)
	earlier[trainEnd-1] *= 1.3
	if moved := train(earlier); *moved.Model.Prep.ETS == *base.Model.Prep.ETS {
		t.Errorf("changing value %d, inside the training part, left the ETS anchor unchanged: the test cannot see a fit", trainEnd-1)
	}
}

// TestAnchorChoiceAirPassengers: on the airline series (trend and a
// multiplicative season) auto picks Holt-Winters, and the forecast is
// reported with it; each explicit setting gives its anchor.
func TestAnchorChoiceAirPassengers(t *testing.T) {
	s := airPassengers(t)
	want := map[config.AnchorKind]string{
		config.AnchorAuto:     "Holt-Winters multiplicative (m=12)",
		config.AnchorETS:      "Holt-Winters multiplicative (m=12)",
		config.AnchorSeasonal: "seasonal naive (m=12)",
		config.AnchorNaive:    "naive",
	}
	for anchor, prefix := range want {
		set := quick(12)
		set.Epochs = 2
		set.Anchor = anchor
		res, err := Train(context.Background(), s, set, nil)
		if err != nil {
			t.Fatalf("%s: %v", anchor, err)
		}
		if !strings.HasPrefix(res.Anchor, prefix) || res.Model.Anchor() != res.Anchor {
			t.Errorf("anchor %s: result says %q, model %q; want %q…", anchor, res.Anchor, res.Model.Anchor(), prefix)
		}
	}
	set := quick(12)
	set.Scaler = config.ScaleZScore
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Anchor != "" {
		t.Errorf("zscore scaler reports anchor %q; want none", res.Anchor)
	}
}

// TestAnchorSettingRefused: combinations the anchor cannot serve are field
// errors naming the anchor.
func TestAnchorSettingRefused(t *testing.T) {
	for name, mod := range map[string]func(*config.Settings){
		"ets recursive":  func(s *config.Settings) { s.Anchor, s.Strategy = config.AnchorETS, config.StrategyRecursive },
		"ets zscore":     func(s *config.Settings) { s.Anchor, s.Scaler = config.AnchorETS, config.ScaleZScore },
		"naive minmax":   func(s *config.Settings) { s.Anchor, s.Scaler = config.AnchorNaive, config.ScaleMinMax },
		"seasonal m=1":   func(s *config.Settings) { s.Anchor, s.Season = config.AnchorSeasonal, 1 },
		"unknown anchor": func(s *config.Settings) { s.Anchor = config.AnchorKind(99) },
	} {
		set := config.DefaultSettings()
		mod(&set)
		var se config.SettingsError
		if !errors.As(set.Validate(), &se) || se.Field("anchor") == nil {
			t.Errorf("%s: Validate says %v; want an anchor error", name, set.Validate())
		}
	}
	// A season the window cannot hold is found once the window is resolved.
	s := airPassengers(t)
	set := quick(12)
	set.Anchor, set.Window = config.AnchorSeasonal, 8
	_, err := Train(context.Background(), s, set, nil)
	var fe *config.FieldError
	if !errors.As(err, &fe) || fe.Field != "anchor" {
		t.Errorf("seasonal anchor with window 8 < season 12: %v; want an anchor field error", err)
	}
}

// TestModelRoundTripETS: a model with the ETS anchor forecasts, after
// saving and loading, exactly what training forecast for the same data.
func TestModelRoundTripETS(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 5
	set.Anchor = config.AnchorETS
	res, err := TrainFull(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.Prep.ETS == nil {
		t.Fatal("no ETS anchor")
	}
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"alpha"`) {
		t.Fatalf("the model file has no ETS parameters")
	}
	m, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if *m.Prep.ETS != *res.Model.Prep.ETS {
		t.Errorf("loaded ETS anchor %+v; saved %+v", *m.Prep.ETS, *res.Model.Prep.ETS)
	}
	got, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range res.Forecast.Mean {
		if got.Mean[k] != want || got.Lower95[k] != res.Forecast.Lower95[k] {
			t.Errorf("step %d: loaded model forecasts %v; training forecast %v", k, got.Mean[k], want)
		}
	}
	// The anchor matters: without it the same networks forecast otherwise.
	m.Prep.ETS = nil
	other, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	if other.Mean[0] == got.Mean[0] {
		t.Errorf("dropping the ETS anchor left the forecast unchanged")
	}
}

// TestReadModelDamagedETS: damaged ETS anchor fields are ErrBadModel errors
// that say what is wrong.
func TestReadModelDamagedETS(t *testing.T) {
	set := quick(12)
	set.Epochs = 1
	set.Anchor = config.AnchorETS
	good := modelFileOf(t, airPassengers(t), set)
	etsAt := strings.Index(good, `"ets": {`)
	if etsAt < 0 {
		t.Fatal("no ets object in the model file")
	}
	// replace changes the first occurrence of old inside the ets object.
	replace := func(old, new string) string {
		i := strings.Index(good[etsAt:], old)
		if i < 0 {
			return good
		}
		return good[:etsAt+i] + new + good[etsAt+i+len(old):]
	}
	field := func(name string) string { // `"name": value` as written
		i := strings.Index(good[etsAt:], `"`+name+`": `)
		j := strings.IndexAny(good[etsAt+i:], ",\n}")
		return good[etsAt+i : etsAt+i+j]
	}
	cases := map[string]struct{ text, msg string }{
		"alpha NaN":      {replace(field("alpha"), `"alpha": NaN`), "invalid character"},
		"alpha 1.5":      {replace(field("alpha"), `"alpha": 1.5`), "[0, 1]"},
		"gamma negative": {replace(field("gamma"), `"gamma": -0.1`), "[0, 1]"},
		"m not season":   {replace(`"m": 12`, `"m": 7`), "m equal to the season"},
		"m zero":         {replace(`"m": 12`, `"m": 0`), "m equal to the season"},
		"season kind":    {replace(`"season": "multiplicative"`, `"season": "cubic"`), "not none, additive or multiplicative"},
		"scale zero":     {replace(field("scale"), `"scale": 0`), "scale"},
		"phi":            {replace(`"phi": 1`, `"phi": 0.5`), "φ"},
		"huge beta":      {replace(field("beta"), `"beta": 1e999`), "cannot unmarshal"},
		"recursive":      {strings.Replace(good, `"strategy": "direct"`, `"strategy": "recursive"`, 1), "recursive"},
		"ets dropped":    {good[:etsAt] + good[strings.Index(good, `"spread"`):], "does not match"},
	}
	for name, c := range cases {
		if c.text == good {
			t.Errorf("%s: the damage did not apply", name)
			continue
		}
		_, err := ReadModel(strings.NewReader(c.text))
		if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err %v; want ErrBadModel saying %q", name, err, c.msg)
		}
	}
	if _, err := ReadModel(strings.NewReader(good)); err != nil {
		t.Errorf("the undamaged file: %v", err)
	}
}

// TestReadModelBeforeETS: a model file written before the anchor setting
// and the ETS anchor existed (testdata/model_v1_seasonal_anchor.json, saved
// by `forecaster train -csv air_passengers_monthly.csv -horizon 6 -epochs 3
// -hidden 4` at commit f565494) loads with its seasonal-naive anchor and
// forecasts what that version's `forecaster predict` printed.
func TestReadModelBeforeETS(t *testing.T) {
	m, err := LoadModel(dataPath(t, "model_v1_seasonal_anchor.json"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Settings.Anchor != config.AnchorAuto || m.Prep.ETS != nil || m.Prep.Anchor != 12 || m.Anchor() != "seasonal naive (m=12)" {
		t.Errorf("anchor setting %q, ETS %v, lag %d (%q); want auto, none, 12", m.Settings.Anchor, m.Prep.ETS, m.Prep.Anchor, m.Anchor())
	}
	fc, err := m.Predict(airPassengers(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{418.86009020728085, 401.59290677430295, 425.7007863100337, 469.2560693683609, 480.8118015333185, 547.014158861734}
	for k, w := range want {
		if math.Abs(fc.Mean[k]-w) > 1e-9*w {
			t.Errorf("step %d: %v; the version that wrote the file forecast %v", k, fc.Mean[k], w)
		}
	}
}

// TestETSAnchorOddHistories: a model with a multiplicative Holt-Winters
// anchor forecasts from histories the filter cannot serve everywhere — just
// the window long, with zeros, with a negative value — falling back to the
// lag anchor where the filter has no finite state, without a panic and with
// finite forecasts.
func TestETSAnchorOddHistories(t *testing.T) {
	s := airPassengers(t)
	set := quick(12)
	set.Epochs = 2
	set.Anchor = config.AnchorETS
	res, err := Train(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Model
	if m.Prep.ETS.Season != classic.SeasonMultiplicative {
		t.Fatalf("anchor %s; want multiplicative Holt-Winters", m.Anchor())
	}
	W := m.Settings.Window
	short := *s
	short.Values, short.Times = s.Values[:W], s.Times[:W]
	zeros := *s
	zeros.Values = append([]float64(nil), s.Values...)
	for i := 30; i < 60; i++ {
		zeros.Values[i] = 0
	}
	negative := *s
	negative.Values = append([]float64(nil), s.Values...)
	negative.Values[100] = -50
	for name, c := range map[string]*tsdata.Series{"window only": &short, "zeros": &zeros, "negative": &negative} {
		fc, err := m.Predict(c)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, v := range fc.Mean {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: forecast %v", name, fc.Mean)
				break
			}
		}
	}
	if p := newETSPath(m.Prep.ETS, s.Values[:23], 12); p != nil {
		t.Errorf("a path over 23 points, short of the two seasons the initial state needs")
	}
	p := newETSPath(m.Prep.ETS, zeros.Values, 12)
	valid := 0
	for tt := 0; tt <= len(zeros.Values); tt++ {
		for k := range 12 {
			if v, ok := p.At(tt, k); ok {
				valid++
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("origin %d step %d: non-finite anchor %v reported as valid", tt, k, v)
				}
			}
		}
	}
	if valid == 0 {
		t.Errorf("no origin has an anchor before the zeros either")
	}
}

// longSeasonal is 360 months of a seasonal series with a trend and noise
// (seeded): enough training windows for the anchor inputs.
func longSeasonal() *tsdata.Series {
	r := rand.New(rand.NewPCG(8, 9))
	s := &tsdata.Series{Name: "long", Freq: calendar.Freq{Unit: calendar.FreqMonth, K: 1}}
	t0 := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 360 {
		s.Times = append(s.Times, t0.AddDate(0, i, 0))
		s.Values = append(s.Values, 200+0.5*float64(i)+30*math.Sin(2*math.Pi*float64(i)/12)+5*r.NormFloat64())
	}
	return s
}

// TestAnchorInputs: with the window scaler, the direct strategy and at
// least minAnchorInputWindows training windows, the network's inputs at
// every step are the scaled value, then the anchor's H steps from the
// window's origin scaled the same way (checked against prep.anchor and
// In.Forward directly); a short series (airline passengers, 67 windows)
// and the recursive strategy have none; a model file whose anchor_inputs
// disagree with its settings is refused.
func TestAnchorInputs(t *testing.T) {
	s := longSeasonal()
	set := quick(6)
	set.Epochs = 1
	res, err := TrainFull(context.Background(), s, set, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Model.Prep
	if p.AnchorIn != 6 || p.inputs() != 7 || res.Model.nets[0].Config().InputSize != 7 {
		t.Fatalf("anchor inputs %d, inputs %d, network %d; want 6, 7, 7", p.AnchorIn, p.inputs(), res.Model.nets[0].Config().InputSize)
	}
	z, err := p.transform(s.Values)
	if err != nil {
		t.Fatal(err)
	}
	ep := p.etsPath(z, 6)
	W, t0 := res.Settings.Window, 300
	x := make([]float64, W*7)
	p.window(x, z, ep, nil, t0, W)
	for st := range W {
		if want := p.In.Forward(z[t0-W+st], z[t0-1]); x[st*7] != want {
			t.Errorf("step %d: value %v; want %v", st, x[st*7], want)
		}
		for k := range 6 {
			if want := p.In.Forward(p.anchor(z, ep, t0, k), z[t0-1]); x[st*7+1+k] != want {
				t.Errorf("step %d: anchor input %d = %v; want %v", st, k, x[st*7+1+k], want)
			}
		}
	}

	short, err := Train(context.Background(), airPassengers(t), func() config.Settings { c := quick(12); c.Epochs = 1; return c }(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if short.Model.Prep.AnchorIn != 0 {
		t.Errorf("airline passengers with a holdout (67 windows): %d anchor inputs; want none", short.Model.Prep.AnchorIn)
	}
	rec := quick(6)
	rec.Epochs, rec.Strategy = 1, config.StrategyRecursive
	r, err := TrainFull(context.Background(), s, rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Model.Prep.AnchorIn != 0 {
		t.Errorf("recursive: %d anchor inputs; want none", r.Model.Prep.AnchorIn)
	}

	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	if !strings.Contains(good, `"anchor_inputs": 6`) {
		t.Fatal(`no "anchor_inputs": 6 in the model file`)
	}
	_, err = ReadModel(strings.NewReader(strings.Replace(good, `"anchor_inputs": 6`, `"anchor_inputs": 5`, 1)))
	if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "5 anchor inputs") {
		t.Errorf("anchor_inputs 5 with horizon 6: %v; want ErrBadModel naming them", err)
	}
	m, err := ReadModel(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Predict(s)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range res.Forecast.Mean {
		if got.Mean[k] != want {
			t.Errorf("step %d: the loaded model forecasts %v; training forecast %v", k, got.Mean[k], want)
		}
	}
}
