package i18n

import (
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// templates are the English messages (fmt formats) of other packages that
// the window translates: the errors users meet most, from reading a file
// (tsdata) and checking settings (config). This is the one place that knows
// their wording; TestTemplatesMatch produces each of them and checks that
// it is found here, so a change of wording there fails a test here.
var templates = []string{
	// tsdata: what is wrong
	"file is empty",
	"file has no rows",
	"file has a header but no data rows",
	"file is larger than %d MiB",
	"binary data (invalid UTF-8), not a CSV text file",
	"binary data (NUL bytes), not a CSV text file",
	"binary data (control characters), not a CSV text file",
	"line is longer than %d bytes",
	"record is longer than %d bytes",
	"more than %d columns",
	"quoted field is never closed",
	"unexpected text after a closing quote",
	"all values are missing",
	"no numeric column to forecast (columns: %s)",
	"no such column (columns: %s)",
	"expected a date, found %q",
	"expected dates, found %s values",
	"is the date column",
	"expected a number, found the date %s",
	"expected a number, found %q",
	"expected numbers",
	"value %g is infinite or overflows float64",
	"too few rows for a time column",
	"a time column of numbers has a missing cell",
	"the time goes from %g to %g; it must increase",
	"steps of %g and %g; a time column needs one constant step",
	"%g is not a whole year plus a multiple of 1/%d",
	// tsdata: what to do
	"choose a CSV file",
	"choose a CSV text file saved as UTF-8",
	"choose a CSV text file (export it as CSV from the spreadsheet)",
	"export the data again: a header row and one row per date",
	"the file needs data rows below the header",
	"split the file or aggregate it to a coarser frequency",
	"is this really a CSV file? check the delimiter and line endings",
	"check the delimiter, or remove columns you do not need",
	"check for an unbalanced quote (\")",
	"close the quote or remove it",
	"quote the whole field, doubling quotes inside it (\"\")",
	"choose another covariate column",
	"choose another value column",
	"the file needs a column of numbers; check the delimiter and decimal separator",
	"a time column of numbers must increase by one constant step (1, 2, 3 … or 1990, 1991 … or 1990.00, 1990.25 …); choose another date column or none (row index)",
	"check the spelling",
	"use dates like 2006-01-02, or choose no date column (row index)",
	"fix the cell, mark it missing (leave it empty or write NA), or choose another value column",
	"fix the cell or mark it missing (NA)",
	// config: Validate and SetText
	"%s is out of range; use %s",
	"%s to %s",
	"a positive rate up to 10 (typical: 0.001 to 0.01)",
	"a positive threshold (typical: 1 to 5)",
	"seasonal_diff needs a season above 1; set season or use diff",
	"%s applies to the window scaler only (the %s scaler has no anchor); use auto",
	"seasonal needs a season above 1; set season or use auto",
	"ets needs the direct strategy: the recursive strategy would have to run the filter over its own predictions; use auto, naive or seasonal",
	"%q is not a whole number",
	"%q is not a whole number ≥ 0",
	"%q is not a number",
	"%q is not true or false",
	"%q is not one of %s",
	// tsdata: frequencies (calendar.Freq.String) and import warnings
	"every second", "every minute", "hourly", "daily", "business daily", "weekly", "monthly", "quarterly", "yearly",
	"none (row index)",
	"every %d seconds", "every %d minutes", "every %d hours", "every %d days", "every %d business days",
	"every %d weeks", "every %d months", "every %d quarters", "every %d years",
	"%s (month end)",
	"%d rows have fewer fields than columns; the missing cells are treated as missing values",
	"column %q: dates like 01/02/2006 are ambiguous in this file; read them month first (US). Set the day order to day first if they are day/month",
	"no regular frequency found; the series is used in row order without gap filling",
	"the time column %q is an index with no calendar; the series is used in its order (set the season if it has one)",
	"%d rows without a date were dropped",
	"%d timestamps are off the %s calendar; kept as they are",
	"gaps add up to more than %d missing steps; not filled (check the dates)",
	// tsdata: delimiter names (Report.Delimiter)
	"comma", "semicolon", "tab", "pipe",
	// tsdata/sheet: workbooks that cannot be read
	"a password-protected workbook, or an old .xls file, not read here",
	"save it again as .xlsx without a password, or export the sheet as CSV",
	"the workbook is password-protected or not in a format read here",
	"save it again without a password as .xlsx, or export the sheet as CSV",
	"no sheet called %s; the sheets are %s",
	"choose one of them",
	"the workbook has no sheet with data",
	"choose a workbook with a table of dates and values",
	"the sheet is empty",
	"choose another sheet: %s",
	"the workbook is damaged: %s",
	"open it in a spreadsheet program and save it again, or export the sheet as CSV",
	"a zip archive, but not a workbook (no xl/workbook.xml or content.xml inside)",
	"choose an .xlsx, .ods or CSV file",
	"sheet %s",
	// tsdata/sheet: the rows a workbook's import skipped (Report.Skipped)
	"row %d skipped", "row %d %s skipped",
	// forecast: why a run has no network (Result.Diagnosis)
	"series has %d rows; horizon %d needs at least %d", "only %d windows fit; lower the window or the horizon: %s",
	"No network: too few windows to train it (%s); the forecast comes from the classical methods (ETS, Theta, ARIMA and their mean) (recommended: %s).",
	"No network: too few windows to train it (%s); the forecast comes from the classical methods (ETS, Theta, ARIMA and their mean) (recommended: %s). Also: %s.",
	// forecast: the anchor the network corrects (Result.Anchor, classic.ETS.String)
	"Holt-Winters %s (m=%d), α=%s β=%s γ=%s", "damped Holt trend, α=%s β=%s φ=%s", "Holt linear trend, α=%s β=%s",
	"simple exponential smoothing, α=%s", "naive (the last value)", "seasonal naive (m=%d)", "multiplicative", "additive",
	// forecast/global: why a series is left out of the global model (Skipped.Reason)
	"%d points; the window (%d) and horizon (%d) need at least %d", "missing or infinite values; fill them on import",
	// app: the stages of scoring every series (PanelStatus.Stage, global.Phase)
	"fitting each series", "classical fits", "forecasting", "per-series LSTMs", "%s: %d/%d series", "fitting the series left out, each on its own",
	// app: the names of the edits Undo and Redo apply (Edit.Name)
	"column %s → %s", "date column %s → %s", "extra inputs (%d → %d)", "missing values %s → %s", "%d settings",
	"row number",
	// diagnose: residual verdicts, decomposition, candidate periods
	"residuals are all zero: the fit is exact, so there is nothing left to test",
	"residuals are all %g: the method is off by a constant, and nothing else is left to test",
	"no autocorrelation left (%s)",
	"autocorrelation left, spread over several lags (%s)",
	"autocorrelation left at lag %d: the model misses part of the season (%s)",
	"autocorrelation left at lag %d: the model misses part of the dependence on past values (%s)",
	"Ljung–Box p %s at lag %d",
	"= %g", "< %g",
	"no seasonal period (yearly or row-indexed data, or season 1): nothing to decompose",
	"minute", "hour", "day", "week", "year",
	// monitor.Diagnose: the Training tab's findings
	"Exploding gradient", "Early stop", "Stopped", "Non-finite gradient", "Gradient spikes", "Clipping almost always",
	"Clipping", "Vanishing gradient", "Vanishing gradient earlier", "Exploding gradient through time",
	"Exploding gradient earlier", "Saturated gates", "Training", "Healthy",
	"%s. Training stopped at the first non-finite loss; the weights of epoch %d are used.",
	"The loss became non-finite; training stopped and the last good weights (epoch %d) were kept. Enable clipping (norm, threshold 1) or lower the learning rate.",
	"Validation loss stopped improving; the weights of epoch %d were restored (patience %d).",
	"Stopped by you; the best weights so far (epoch %d) are kept.",
	"%d step(s) had a NaN or infinite loss or gradient and were skipped (nothing applied). Enable clipping or lower the learning rate.",
	"The gradient norm jumped to %.0f× its median %s with no clipping (the gradient-norm chart's peak). Set clipping to norm (threshold 1–5) to cap such steps.",
	"at step %.0f", "around steps %.0f–%.0f",
	"%.0f%% of steps were clipped at %g: the threshold bounds every update, which behaves like a smaller learning rate. Raise the threshold or lower the learning rate.",
	"%.1f%% of steps were clipped at %g (%s).",
	"Layer %d: the gradient reaching the oldest step of the window is %s of that at the newest (%s): the start of the window barely affects learning; layer %d's heat map fades to the left. Try forget bias 1, layer norm, orthogonal recurrent init or a shorter window.",
	"Layer %d: the gradient reaching the oldest step fell below %s of the newest (%s; lowest %s at epoch %d) and has recovered to %s.",
	"Layer %d: the gradient grows %.1e× from the newest step back to the oldest (%s); layer %d's heat map brightens to the left. Enable clipping, lower the learning rate or shorten the window.",
	"Layer %d: the gradient grew more than %.0e× back through the window (%s; largest %.1e× at epoch %d) and is now %s.",
	"Gate activations stuck near 0 or 1 (%s), where their gradient vanishes. Lower the learning rate, enable layer norm or use Xavier init.",
	"Gradients stayed finite and reached the whole window.",
	"in epoch %d of %d", "in every epoch, %d–%d", "in %d of %d epochs, between epochs %d and %d",
	"forget %.0f%%", "input %.0f%%", "output %.0f%%",
	// fit: the divergence diagnosis and the training loop's warnings
	"gradient norm rose %.0f× in %d steps, then the loss became non-finite",
	"the loss or gradient became non-finite",
	"enable clipping (clip norm, threshold 1) or lower the learning rate below %g",
	"lower the learning rate below %g (try %g)",
	"lower the clipping threshold or the learning rate, or enable layer normalisation",
	"the last good weights were kept",
	"Gradient norm rose %.0f× in %d steps, then the loss became non-finite",
	"The loss or gradient became non-finite",
	"vanishing gradient in layer %d: ‖∂L/∂h‖ at the first time step is %.1e of the last",
	"exploding gradient through time in layer %d: ‖∂L/∂h‖ grows %.1e× back to the first step",
	"saturated gates (forget %.0f%%, input %.0f%%, output %.0f%%): gradients through them vanish; lower the learning rate or enable layer normalisation",
}

type template struct {
	format string
	re     *regexp.Regexp
	verbs  []byte // the verb of each capture: 's', 'q', 'd', 'g', 'f' or 'e'
}

var compiled = compile(templates)

var verbRe = regexp.MustCompile(`%(\[[0-9]+\])?(\.[0-9]+)?[sqdgfe]`)

func compile(formats []string) []template {
	var ts []template
	for _, f := range formats {
		var verbs []byte
		var pattern strings.Builder
		pattern.WriteString("^")
		lit := func(s string) { pattern.WriteString(regexp.QuoteMeta(strings.ReplaceAll(s, "%%", "%"))) }
		last := 0
		for _, loc := range verbRe.FindAllStringIndex(f, -1) {
			lit(f[last:loc[0]])
			last = loc[1]
			verb := f[loc[1]-1]
			verbs = append(verbs, verb)
			switch verb {
			case 'q':
				pattern.WriteString(`("(?:[^"\\]|\\.)*")`)
			case 'd':
				pattern.WriteString(`(-?[0-9]+)`)
			case 'g', 'f', 'e':
				pattern.WriteString(`([-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|Inf|NaN))`)
			default:
				pattern.WriteString(`(.+?)`)
			}
		}
		lit(f[last:])
		pattern.WriteString("$")
		ts = append(ts, template{format: f, re: regexp.MustCompile(pattern.String()), verbs: verbs})
	}
	// The most specific first: "expected a number, found the date %s"
	// before "expected a number, found %q".
	sort.SliceStable(ts, func(i, j int) bool { return literalLen(ts[i].format) > literalLen(ts[j].format) })
	return ts
}

func literalLen(f string) int { return len(verbRe.ReplaceAllString(f, "")) }

// apply is the translation of the message that matched t (m: the
// submatches): numbers written for the language, %s parts translated in
// turn (an advice inside a message).
func (t template) apply(m []string) string {
	args := make([]any, len(t.verbs))
	for i, v := range t.verbs {
		switch v {
		case 'g', 'f', 'e', 'd':
			args[i] = Number(m[i+1])
		case 's':
			if _, err := strconv.ParseFloat(m[i+1], 64); err == nil {
				args[i] = Number(m[i+1]) // a value in "%s is out of range"
			} else {
				args[i] = Message(m[i+1])
			}
		default:
			args[i] = m[i+1]
		}
	}
	// Every capture is text now: the translation's verbs become %s,
	// keeping any explicit index (%[2]d → %[2]s, %.1f → %s).
	format := verbRe.ReplaceAllString(T(t.format), "%${1}s")
	return sprintf(format, args...)
}

// Message translates a message written in English by another package:
// a text with a translation, one that matches a template, or one made of
// such parts joined by "; " or ": ". Unknown text is returned as it is.
func Message(s string) string {
	if s == "" || Lang() == "en" {
		return s
	}
	if has(s) {
		return T(s)
	}
	for _, t := range compiled {
		if m := t.re.FindStringSubmatch(s); m != nil {
			return t.apply(m)
		}
	}
	for _, sep := range []string{"; ", ": "} {
		if a, b, ok := strings.Cut(s, sep); ok {
			return Message(a) + sep + Message(b)
		}
	}
	return s
}

// Error is err's message for the window (app.Message), translated: a
// tsdata.InputError part by part (file, row, column, what is wrong, what to
// do), anything else by Message.
func Error(err error) string {
	if err == nil {
		return ""
	}
	if Lang() == "en" {
		return app.Message(err)
	}
	var ie *tsdata.InputError
	if errors.As(err, &ie) {
		full, own := err.Error(), ie.Error()
		if i := strings.Index(full, own); i >= 0 {
			text := inputError(ie) + full[i+len(own):]
			if head := strings.TrimSuffix(full[:i], ": "); head != "" {
				if head = app.Message(errors.New(head)); head != "" {
					text = Message(head) + ": " + text
				}
			}
			return app.Clip(text, app.MaxMessage)
		}
	}
	return Message(app.Message(err))
}

// inputError is e's text (tsdata.InputError.Error) in the language in use.
func inputError(e *tsdata.InputError) string {
	var where []string
	if e.File != "" {
		where = append(where, e.File)
	}
	if e.Row > 0 {
		where = append(where, T("row %d", e.Row))
	}
	if e.Column != "" {
		where = append(where, T("column %s", strconv.Quote(e.Column)))
	}
	text := strings.Join(where, " ")
	if text != "" {
		text += ": "
	}
	text += Message(e.Msg)
	if e.Hint != "" {
		text += "; " + Message(e.Hint)
	}
	return text
}

// FieldLabel is the setting's label in the language in use (key
// "setting.NAME.label").
func FieldLabel(f config.Field) string { return Key("setting."+f.Name+".label", f.Label) }

// FieldHelp is the setting's help line in the language in use (key
// "setting.NAME.help").
func FieldHelp(f config.Field) string { return Key("setting."+f.Name+".help", f.Help) }

// GroupName is the settings group's name (key "group.NAME").
func GroupName(g config.Group) string { return Key("group."+g.String(), g.String()) }

// GroupSummary is what the group is about (key "group.NAME.summary").
func GroupSummary(g config.Group) string {
	return Key("group."+g.String()+".summary", g.Summary())
}

// SampleTitle is the sample's title in the language in use (key
// "sample.ID.title").
func SampleTitle(s sampledata.Sample) string { return Key("sample."+s.ID+".title", s.Title) }

// SampleSource is where the sample comes from (key "sample.ID.source"):
// the citation's names and titles stay, the words around them are
// translated.
func SampleSource(s sampledata.Sample) string { return Key("sample."+s.ID+".source", s.Source) }

// SampleDescription is the sample's description (key
// "sample.ID.description").
func SampleDescription(s sampledata.Sample) string {
	return Key("sample."+s.ID+".description", s.Description)
}

// EditName translates the name of an edit Undo and Redo apply
// (app.Edit.Name): a change of columns by its template, a change of
// settings by the settings' labels — "horizon 12 → 24" (one setting, with
// its values), "learning rate, epochs" (up to three) or "5 settings".
func EditName(name string) string {
	if Lang() == "en" {
		return name
	}
	if m := Message(name); m != name {
		return m
	}
	label := func(s string) (string, bool) {
		for _, f := range config.Fields() {
			if strings.ToLower(f.Label) == s {
				return FieldLabel(f), true
			}
		}
		return s, false
	}
	// One setting: its label, then "old → new".
	for _, f := range config.Fields() {
		if rest, ok := strings.CutPrefix(name, strings.ToLower(f.Label)+" "); ok && strings.Contains(rest, " → ") {
			return FieldLabel(f) + " " + rest
		}
	}
	parts := strings.Split(name, ", ")
	for i, p := range parts {
		l, ok := label(p)
		if !ok {
			return name
		}
		parts[i] = l
	}
	return strings.Join(parts, T(", "))
}
