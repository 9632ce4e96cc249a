package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/sampledata"
	"github.com/forecaster-dev/forecaster/ui/i18n"
)

// translationFile reads a language's translations: English text → text.
func translationFile(t *testing.T, code string) map[string]string {
	t.Helper()
	name := map[string]string{"zh": "zh_Hans", "de": "de"}[code]
	data, err := os.ReadFile(filepath.Join("i18n", "translations", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// newTestUIIn is newTestUI with the language stored in the preferences, as
// View → Language does.
func newTestUIIn(t *testing.T, code string, tr app.TrainFunc) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(i18n.Pref, code)
	u := NewWithSession(a, app.NewSession(tr))
	t.Cleanup(func() { i18n.Setup("en") })
	t.Cleanup(u.closeAndWait)
	u.uiMu.Lock() // before the first layout, as newTestUI
	t.Cleanup(u.uiMu.Unlock)
	u.Window().Resize(fyne.NewSize(1280, 820))
	return u
}

// shownTexts is every text drawn in o: the canvas.Text objects its
// widgets' renderers lay out, visible ones only.
func shownTexts(o fyne.CanvasObject, out *[]string) {
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *canvas.Text:
		if strings.TrimSpace(v.Text) != "" {
			*out = append(*out, v.Text)
		}
		return
	case *fyne.Container:
		for _, c := range v.Objects {
			shownTexts(c, out)
		}
		return
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			shownTexts(c, out)
		}
	}
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z']+`)

// keptWords are the Latin words the window shows in every language: names
// (methods, tests, formats, keys), the settings' values (the CLI's and
// the model file's words, which the help texts use), and the data's own
// text (column and file names, the samples' sources).
func keptWords(t *testing.T, code string) map[string]bool {
	kept := map[string]bool{}
	add := func(s string) {
		for _, w := range latinWord.FindAllString(s, -1) {
			kept[strings.ToLower(w)] = true
		}
	}
	add(`LSTM MASE sMAPE MAPE RMSE MAE CSV PNG SVG ACF PACF STL ETS Holt Winters Ljung Box Q p lr Ctrl Esc Alt
		Forecaster Xavier He Hyndman Koehler FPP Fyne Go gonum ppm CO FTSE SMI CAC GDP US NaN Inf`)
	for _, f := range config.Fields() {
		add(f.Name)
		for _, c := range f.Choices() {
			add(c)
		}
	}
	for _, s := range sampledata.List() {
		add(s.Source + " " + s.File + " " + s.DateCol + " " + s.ValueCol + " " + s.ID)
	}
	add("passengers month") // the sample's columns
	// What the translations themselves keep in Latin letters.
	for _, s := range translationFile(t, code) {
		add(s)
	}
	return kept
}

// englishWords are the words of the English texts the window translates:
// a shown word among them that the language does not keep is an
// untranslated text.
func englishWords(t *testing.T) map[string]bool {
	words := map[string]bool{}
	for s := range translationFile(t, "de") {
		for _, w := range latinWord.FindAllString(s, -1) {
			words[strings.ToLower(w)] = true
		}
	}
	// Words of texts that were never passed to T at all.
	for _, w := range strings.Fields("the and of to is a no with for on in at by or not from this that are be it open file data train training forecast run stop settings loading ready idle none") {
		words[w] = true
	}
	return words
}

// TestWindowSpeaksItsLanguage walks every widget of every tab (and the
// menus) in Chinese and German, before and after a training run, and finds
// no English word that the language does not keep (TestKeysTranslated in
// package i18n checks that each text has a translation; this checks that
// each text shown goes through one).
func TestWindowSpeaksItsLanguage(t *testing.T) {
	english := englishWords(t)
	for _, code := range []string{"zh", "de"} {
		t.Run(code, func(t *testing.T) {
			u := newTestUIIn(t, code, fakeTrain(4, time.Millisecond))
			if i18n.Lang() != code {
				t.Fatalf("Lang() = %q; want %q", i18n.Lang(), code)
			}
			kept := keptWords(t, code)
			var found []string
			check := func(where string) {
				var texts []string
				shownTexts(u.Window().Content(), &texts)
				for _, m := range u.Window().MainMenu().Items {
					texts = append(texts, m.Label)
					for _, it := range m.Items {
						texts = append(texts, it.Label)
						if it.ChildMenu != nil {
							for _, c := range it.ChildMenu.Items {
								texts = append(texts, c.Label)
							}
						}
					}
				}
				for _, s := range texts {
					for _, w := range latinWord.FindAllString(s, -1) {
						lw := strings.ToLower(w)
						if english[lw] && !kept[lw] {
							found = append(found, where+": "+w+" in "+strings.ReplaceAll(s, "\n", " "))
							break
						}
					}
				}
			}
			for i := range u.Tabs.Items {
				act(u, func() { u.Tabs.SelectIndex(i) })
				check("empty, tab " + u.Tabs.Items[i].Text)
			}
			openSample(t, u, "air_passengers")
			act(u, func() { u.Tabs.SelectIndex(0) })
			eventually(t, u, "the series described", func() bool { return u.Data.Diag.Desc != nil })
			act(u, func() { u.Set.Entries["epochs"].SetText("5") }) // a short run, on a busy machine too
			if !u.Set.Valid() {
				t.Fatalf("settings invalid in %s: %s", code, u.Set.Status.Text)
			}
			act(u, func() { test.Tap(u.Tr.TrainButton) })
			eventually(t, u, "training to finish", func() bool { return u.Session.State() == app.Done })
			eventually(t, u, "the forecast to show", func() bool { return u.Fc.ShowsRunID == 1 })
			for i := range u.Tabs.Items {
				act(u, func() { u.Tabs.SelectIndex(i) })
				check("trained, tab " + u.Tabs.Items[i].Text)
			}
			// A file of many series: the series pane beside the tabs and
			// its All series tab.
			openFile(t, u, filepath.Join("..", "sampledata", "data", "us_macro_quarterly.csv"))
			act(u, u.Panel.OpenColumns)
			eventually(t, u, "the series pane", func() bool { return u.Panel.Title.Text != "" && len(u.Panel.List.Shown()) > 1 })
			act(u, func() { u.Tabs.SelectIndex(len(u.Tabs.Items) - 1) })
			check("series pane, tab " + u.Tabs.Items[len(u.Tabs.Items)-1].Text)
			for _, v := range []*widget.Select{u.Data.SampleSelect, u.Data.MissingSelect, u.Data.DateSelect} {
				for _, o := range v.Options {
					for _, w := range latinWord.FindAllString(o, -1) {
						if lw := strings.ToLower(w); english[lw] && !kept[lw] {
							found = append(found, "select option: "+o)
							break
						}
					}
				}
			}
			for _, f := range found {
				t.Error(f)
			}
		})
	}
}
