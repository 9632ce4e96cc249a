package i18n

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// TestTemplatesMatch produces the errors users meet most — bad CSV files
// and out-of-range settings — and checks that the window translates each
// part of them: a change of wording in tsdata or config that the templates
// do not follow fails here.
func TestTemplatesMatch(t *testing.T) {
	files := map[string]string{
		"empty":       "",
		"header only": "date,sales\n",
		"binary":      "date,sales\x00\n2020-01-01,1\n",
		"bad quote":   "date,sales\n2020-01-01,\"1\n",
		"after quote": "date,sales\n2020-01-01,\"1\"x\n",
	}
	series := map[string]struct {
		csv  string
		spec tsdata.SeriesSpec
	}{
		"no numbers":     {"date,name\n2020-01-01,a\n2020-01-02,b\n", tsdata.SeriesSpec{DateCol: "date", ValueCol: "name"}},
		"not a number":   {"date,sales\n2020-01-01,1\n2020-01-02,abc\n2020-01-03,2\n", tsdata.SeriesSpec{DateCol: "date", ValueCol: "sales"}},
		"not a date":     {"date,sales\nx,1\ny,2\nz,2\n", tsdata.SeriesSpec{DateCol: "date", ValueCol: "sales"}},
		"no column":      {"date,sales\n2020-01-01,1\n2020-01-02,2\n", tsdata.SeriesSpec{DateCol: "date", ValueCol: "price"}},
		"date as value":  {"date,sales\n2020-01-01,1\n2020-01-02,2\n", tsdata.SeriesSpec{DateCol: "", ValueCol: "date"}},
		"all missing":    {"date,sales,x\n2020-01-01,,1\n2020-01-02,NA,2\n", tsdata.SeriesSpec{DateCol: "date", ValueCol: "sales"}},
		"time decreases": {"t,sales\n3,1\n2,2\n1,3\n", tsdata.SeriesSpec{DateCol: "t", ValueCol: "sales"}},
		"uneven steps":   {"t,sales\n1,1\n2,2\n4,3\n", tsdata.SeriesSpec{DateCol: "t", ValueCol: "sales"}},
	}
	var errs []error
	for name, csv := range files {
		_, err := tsdata.ReadCSV(strings.NewReader(csv), "sales.csv", tsdata.ReadOptions{})
		if err == nil {
			t.Fatalf("%s: ReadCSV accepted %q", name, csv)
		}
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	for name, c := range series {
		tab, err := tsdata.ReadCSV(strings.NewReader(c.csv), "sales.csv", tsdata.ReadOptions{})
		if err == nil {
			_, _, err = tab.Series(c.spec)
		}
		if err == nil {
			t.Fatalf("%s: %q with %+v accepted", name, c.csv, c.spec)
		}
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	defer Setup("en")
	for _, code := range []string{"zh", "de"} {
		Setup(code)
		for _, err := range errs {
			var ie *tsdata.InputError
			if !errors.As(err, &ie) {
				t.Errorf("%v: not an InputError", err)
				continue
			}
			for _, part := range []string{ie.Msg, ie.Hint} {
				if part != "" && Message(part) == part {
					t.Errorf("%s: %q (of %v) is not translated", code, part, err)
				}
			}
			if got := Error(err); !strings.Contains(got, Message(ie.Msg)) || !strings.Contains(got, ie.File) {
				t.Errorf("%s: Error(%v) = %q; want the file and the translated message", code, err, got)
			}
		}
	}

	bad := config.DefaultSettings()
	bad.LR = -1
	bad.Clip = config.ClipNorm
	bad.ClipMax = 0
	bad.Window = 1
	bad.Transform = config.TransformSeasonalDiff
	bad.Season = 1
	bad.Anchor = config.AnchorETS
	bad.Strategy = config.StrategyRecursive
	var se config.SettingsError
	if !errors.As(bad.Validate(), &se) || len(se) < 4 {
		t.Fatalf("Validate() = %v; want at least 4 field errors", bad.Validate())
	}
	var parseErrs []string
	for _, c := range []struct{ field, text string }{{"epochs", "many"}, {"seed", "-3"}, {"lr", "fast"}, {"layernorm", "maybe"}, {"clip", "always"}} {
		f, _ := config.FieldByName(c.field)
		s := config.DefaultSettings()
		if err := f.SetText(&s, c.text); err != nil {
			parseErrs = append(parseErrs, err.Error())
		} else {
			t.Errorf("%s.SetText(%q) accepted", c.field, c.text)
		}
	}
	for _, code := range []string{"zh", "de"} {
		Setup(code)
		for _, f := range se {
			if got := Message(f.Msg); got == f.Msg || strings.Contains(got, "out of range") {
				t.Errorf("%s: %s: %q translated as %q", code, f.Field, f.Msg, got)
			}
		}
		for _, m := range parseErrs {
			if got := Message(m); got == m {
				t.Errorf("%s: %q is not translated", code, m)
			}
		}
	}
}

// TestMessage: numbers inside a message follow the language, a text with
// no template stays as it is, and an advice inside a message is
// translated too.
func TestMessage(t *testing.T) {
	defer Setup("en")
	Setup("de")
	for _, c := range []struct{ in, want string }{
		{"value 12345.5 is infinite or overflows float64", "der Wert 12.345,5 ist unendlich oder sprengt float64"},
		{"0.5 is out of range; use 1 to 4", "0,5 liegt außerhalb des Bereichs; verwenden Sie 1 bis 4"},
		{"-1 is out of range; use a positive rate up to 10 (typical: 0.001 to 0.01)", "-1 liegt außerhalb des Bereichs; verwenden Sie eine positive Rate bis 10 (typisch: 0,001 bis 0,01)"},
		{"12.5% of steps were clipped at 1 (norm).", "12,5% der Schritte wurden bei 1 geclippt (norm)."},
		{"Layer 2: the gradient grows 1.5e+03× from the newest step back to the oldest (in every epoch, 1–40); layer 2's heat map brightens to the left. Enable clipping, lower the learning rate or shorten the window.",
			"Schicht 2: der Gradient wächst vom neuesten zum ältesten Schritt um das 1,5e+03-Fache (in jeder Epoche, 1–40); die Heatmap von Schicht 2 wird nach links heller. Aktivieren Sie Clipping, senken Sie die Lernrate oder kürzen Sie das Fenster."},
		{"No network: too few windows to train it (series has 48 rows; horizon 12 needs at least 55); the forecast comes from the classical methods (ETS, Theta, ARIMA and their mean) (recommended: ETS+ARIMA+Theta mean).",
			"Kein Netz: zu wenige Fenster zum Training (die Reihe hat 48 Zeilen; Horizont 12 braucht mindestens 55); die Prognose stammt von den klassischen Verfahren (ETS, Theta, ARIMA und ihr Mittel) (empfohlen: Mittel aus ETS+ARIMA+Theta)."},
		{"Holt-Winters multiplicative (m=12), α=0.249 β=0.0454 γ=0.744", "Holt-Winters multiplikativ (m=12), α=0,249 β=0,0454 γ=0,744"},
		{"seasonal naive (m=12)", "saisonal naiv (m=12)"},
		{"something nobody wrote a template for", "something nobody wrote a template for"},
	} {
		if got := Message(c.in); got != c.want {
			t.Errorf("Message(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	Setup("en")
	if got := Message("file is empty"); got != "file is empty" {
		t.Errorf("en: Message = %q", got)
	}
}

// TestEditName: the names app.Edits gives the Edit menu read in German
// with the settings' German labels, the values kept.
func TestEditName(t *testing.T) {
	name := func(change func(*config.Settings)) string {
		var h app.Edits
		a := config.DefaultSettings()
		b := a
		change(&b)
		h.Settings(a, b)
		return h.UndoName()
	}
	one := name(func(s *config.Settings) { s.Horizon = 24 })
	two := name(func(s *config.Settings) { s.LR, s.Epochs = 0.5, 7 })
	many := name(func(s *config.Settings) { s.LR, s.Epochs, s.Horizon, s.Hidden = 0.5, 7, 24, 3 })
	defer Setup("en")
	Setup("de")
	for _, c := range []struct{ in, want string }{
		{one, "Horizont 12 → 24"},
		{two, "Epochen, Lernrate"},
		{many, "4 Einstellungen"},
		{"column sales → price", "Spalte sales → price"},
		{"something else", "something else"},
	} {
		if got := EditName(c.in); got != c.want {
			t.Errorf("EditName(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	Setup("en")
	if got := EditName(one); got != one {
		t.Errorf("English: EditName(%q) = %q", one, got)
	}
}

// TestWorkbookErrors: a sheet name the workbook lacks (the message lists
// its sheets), a password-protected or legacy workbook and a zip that is
// not a workbook read in German, every part translated.
func TestWorkbookErrors(t *testing.T) {
	dir := t.TempDir()
	ole := filepath.Join(dir, "locked.xlsx") // an encrypted .xlsx is an OLE file
	if err := os.WriteFile(ole, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), 0o644); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(dir, "archive.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if w, err := zw.Create("readme.txt"); err != nil {
		t.Fatal(err)
	} else {
		w.Write([]byte("not a workbook"))
	}
	zw.Close()
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, sheet string
	}{
		{filepath.Join("..", "..", "forecast", "tsdata", "testdata", "air_passengers.xlsx"), "Nope"},
		{ole, ""},
		{zipPath, ""},
	}
	var errs []error
	for _, c := range cases {
		_, err := tsdata.ReadFile(c.path, tsdata.ReadOptions{Sheet: c.sheet})
		if err == nil {
			t.Fatalf("%s (sheet %q) was read", c.path, c.sheet)
		}
		errs = append(errs, err)
	}
	defer Setup("en")
	Setup("de")
	for _, err := range errs {
		msg := app.Message(err)
		got := Error(err)
		// Each clause of the English message is translated: none is left.
		for _, part := range strings.FieldsFunc(msg, func(r rune) bool { return r == ';' || r == ':' }) {
			part = strings.TrimSpace(part)
			if len(part) > 12 && strings.Contains(got, part) && !strings.HasPrefix(part, "\"") && !strings.HasSuffix(part, ".xlsx") {
				t.Errorf("%q: %q is still English in %q", msg, part, got)
			}
		}
	}
	for _, err := range errs {
		t.Log(Error(err))
	}
	if got := Error(errs[0]); !strings.Contains(got, "Passengers") && !strings.Contains(got, "\"") {
		t.Errorf("the missing sheet's message lost the sheets' names: %q", got)
	}
}
