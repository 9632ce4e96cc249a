package tsdata

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// MissingPolicy says how missing values (and the rows inserted for gaps in
// the calendar) are filled.
type MissingPolicy int

const (
	MissingInterpolate MissingPolicy = iota // linear interpolation (default); edges take the nearest value
	MissingForwardFill                      // last observation carried forward; leading gaps take the first value
	MissingDrop                             // rows with a missing value are dropped; gaps are not filled
)

func (m MissingPolicy) String() string {
	switch m {
	case MissingForwardFill:
		return "ffill"
	case MissingDrop:
		return "drop"
	}
	return "interpolate"
}

// ParseMissingPolicy parses "interpolate" (or "linear", ""), "ffill"
// (or "forward"), "drop".
func ParseMissingPolicy(s string) (MissingPolicy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "interpolate", "linear":
		return MissingInterpolate, nil
	case "ffill", "forward", "forward-fill", "pad":
		return MissingForwardFill, nil
	case "drop":
		return MissingDrop, nil
	}
	return 0, fmt.Errorf("forecast: unknown missing-value policy %q (want interpolate, ffill or drop)", s)
}

// SeriesSpec picks the columns of a series. An empty DateCol uses the
// proposed date column (Table.DateColumn); "-" or "none" uses the row index.
// An empty ValueCol uses the first numeric column.
type SeriesSpec struct {
	DateCol    string
	ValueCol   string
	Covariates []string
	Missing    MissingPolicy
}

// Series is a cleaned series: sorted, one value per timestamp, regular on
// its calendar (gaps filled per the missing policy), no NaN. Its arrays may
// be those of the Table it came from (see Table.Series): read-only.
type Series struct {
	Name       string
	Times      []time.Time // nil when indexed by row
	Values     []float64
	Covariates [][]float64 // Covariates[j][i]: covariate j (named CovNames[j]) at step i
	CovNames   []string
	Freq       calendar.Freq
}

// Len returns the number of observations.
func (s *Series) Len() int { return len(s.Values) }

// Head returns the first n observations of s (s itself when n ≥ Len), sharing
// its arrays: the series as it was known n points in.
func (s *Series) Head(n int) *Series {
	if n >= s.Len() {
		return s
	}
	t := *s
	t.Values = s.Values[:n]
	if s.Times != nil {
		t.Times = s.Times[:n]
	}
	t.Covariates = make([][]float64, len(s.Covariates))
	for j, c := range s.Covariates {
		t.Covariates[j] = c[:n]
	}
	return &t
}

// FutureTimes returns the h timestamps after the last observation on the
// series' calendar, or nil for a row-indexed series.
func (s *Series) FutureTimes(h int) []time.Time {
	if len(s.Times) == 0 || s.Freq.Unit == calendar.FreqNone {
		return nil
	}
	last := s.Times[len(s.Times)-1]
	out := make([]time.Time, h)
	for k := range out {
		out[k] = s.Freq.Next(last, k+1)
	}
	return out
}

// maxExamples is the number of examples kept per issue in a Report.
const maxExamples = 5

// Series extracts, sorts and cleans one series from the table: it picks
// the columns, puts the rows in time order (counting out-of-order rows and
// duplicates), infers the frequency, counts missing values, fills the gaps
// of the calendar, and fills or drops missing values. The Report describes
// what was found and done; errors are *InputError.
//
// What needs no change is not copied: when the rows are in time order, each
// with a date, the Series' times are the date column's array, and a value
// or covariate column without a missing value is used as it is. Series never
// writes to the Table.
func (t *Table) Series(spec SeriesSpec) (*Series, *Report, error) {
	rep := t.report(false)
	rep.Missing.Policy = spec.Missing.String()
	dateCol, valCol, covCols, err := t.pickColumns(spec, rep)
	if err != nil {
		return nil, nil, err
	}
	s := &Series{Name: valCol.Name}
	idx, times := t.timeOrder(dateCol, rep)
	if times != nil {
		s.Freq = calendar.InferFreq(times)
		if s.Freq.Unit == calendar.FreqNone && len(times) > 2 {
			rep.Warnings = append(rep.Warnings, "no regular frequency found; the series is used in row order without gap filling")
		}
	}
	// gather returns the column's values at the rows idx (all rows when
	// idx is nil: then, without a missing value, the column's own array).
	gather := func(c *Column) []float64 {
		if idx == nil {
			if !slices.ContainsFunc(c.Numbers, math.IsNaN) {
				return c.Numbers[:t.Rows:t.Rows]
			}
			return slices.Clone(c.Numbers)
		}
		v := make([]float64, len(idx))
		for k, r := range idx {
			v[k] = c.Numbers[r]
		}
		return v
	}
	vals := gather(valCol)
	covs := make([][]float64, len(covCols))
	for j, c := range covCols {
		covs[j] = gather(c)
	}
	t.countMissing(rep, vals, idx, times) // before gap filling
	if times != nil && s.Freq.Unit != calendar.FreqNone {
		times, vals, covs = t.fillGaps(rep, s.Freq, times, vals, covs, spec.Missing != MissingDrop)
	}
	if spec.Missing == MissingDrop {
		times, vals, covs = dropMissing(times, vals, covs)
	} else {
		fillMissing(vals, spec.Missing)
		for j := range covs {
			if allNaN(covs[j]) {
				return nil, nil, &InputError{File: t.Name, Column: covCols[j].Name, Msg: "all values are missing",
					Hint: "choose another covariate column", Err: ErrAllMissing}
			}
			fillMissing(covs[j], spec.Missing)
		}
	}
	if len(vals) == 0 || allNaN(vals) {
		return nil, nil, &InputError{File: t.Name, Column: valCol.Name, Msg: "all values are missing",
			Hint: "choose another value column", Err: ErrAllMissing}
	}
	s.Times, s.Values, s.Covariates = times, vals, covs
	if len(covs) == 0 {
		s.Covariates = nil
	}
	for _, c := range covCols {
		s.CovNames = append(s.CovNames, c.Name)
	}
	rep.SeriesLength = len(vals)
	rep.Frequency = s.Freq.String()
	rep.SeasonalPeriod = s.Freq.SeasonalPeriod()
	if len(times) > 0 {
		rep.Start, rep.End = calendar.FormatDate(times[0]), calendar.FormatDate(times[len(times)-1])
	}
	return s, rep, nil
}

// pickColumns finds the date column (nil: the row index), the value column
// and the covariates of spec, and notes the first two in rep.
func (t *Table) pickColumns(spec SeriesSpec, rep *Report) (dateCol, valCol *Column, covCols []*Column, err error) {
	dateName := spec.DateCol
	if dateName == "" {
		dateName = t.DateColumn
	}
	if dateName == "-" || strings.EqualFold(dateName, "none") {
		dateName = ""
	}
	if dateName != "" {
		c, ok := t.Column(dateName)
		if !ok {
			return nil, nil, nil, t.unknownColumn(dateName)
		}
		switch {
		case c.Type == TypeDate:
			dateCol = c
		case c.Type == TypeNumber:
			// A column of numbers chosen as the time: years, R-style
			// fractional years (1990.25) or a plain index (1, 2, 3 …).
			times, err := t.numericTimes(c)
			if err != nil {
				return nil, nil, nil, err
			}
			if times != nil {
				dc := *c
				dc.Type, dc.Times = TypeDate, times
				dc.DateLayout = "numbers: years"
				if times[1].Year() == times[0].Year() {
					dc.DateLayout = "numbers: fractional years"
				}
				dateCol = &dc
			} else {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("the time column %q is an index with no calendar; the series is used in its order (set the season if it has one)", c.Name))
			}
		default:
			return nil, nil, nil, t.notDateError(c)
		}
	}
	rep.DateColumn, rep.DateLayout = "", ""
	if dateCol != nil {
		rep.DateColumn = dateCol.Name
		rep.DayFirst = dateCol.DayFirst
		rep.DateLayout = dateCol.DateLayout
	}
	valName := spec.ValueCol
	if valName == "" {
		for i := range t.Columns {
			c := &t.Columns[i]
			if c.Type == TypeNumber && (dateCol == nil || c.Name != dateCol.Name) && c.Name != dateName {
				valName = c.Name
				break
			}
		}
		if valName == "" {
			hint := "the file needs a column of numbers; check the delimiter and decimal separator"
			if t.Workbook != nil {
				hint = fmt.Sprintf("sheet %q has no column of numbers; choose the sheet that holds the data (%s)", t.Workbook.Sheet, strings.Join(t.Workbook.Sheets, ", "))
			}
			return nil, nil, nil, &InputError{File: t.Name, Msg: "no numeric column to forecast (columns: " + strings.Join(t.ColumnNames(), ", ") + ")",
				Hint: hint, Err: ErrNoNumericColumn}
		}
	}
	if valCol, err = t.numericColumn(valName, dateCol); err != nil {
		return nil, nil, nil, err
	}
	rep.ValueColumn = valCol.Name
	covCols = make([]*Column, len(spec.Covariates))
	for j, name := range spec.Covariates {
		if covCols[j], err = t.numericColumn(name, dateCol); err != nil {
			return nil, nil, nil, err
		}
	}
	return dateCol, valCol, covCols, nil
}

// timeOrder returns the rows to use, in time order, and their times (nil
// without a date column): rows without a date are dropped, out-of-order rows
// sorted (stably), and of duplicate timestamps the last row in file order is
// kept; each is counted in rep. idx is nil when every row is used as it is
// (no date column, or every row dated and later than the one before); the
// times are then the date column's own array.
func (t *Table) timeOrder(dateCol *Column, rep *Report) (idx []int, times []time.Time) {
	if dateCol == nil {
		return nil, nil
	}
	if ts := dateCol.Times[:t.Rows:t.Rows]; increasing(ts) {
		return nil, ts
	}
	idx = make([]int, 0, t.Rows)
	droppedNoDate := 0
	for r := 0; r < t.Rows; r++ {
		if calendar.IsNoTime(dateCol.Times[r]) {
			droppedNoDate++
			continue
		}
		idx = append(idx, r)
	}
	if droppedNoDate > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d rows without a date were dropped", droppedNoDate))
	}
	ts := dateCol.Times
	for k := 1; k < len(idx); k++ {
		if ts[idx[k]].Before(ts[idx[k-1]]) {
			rep.OutOfOrder.Count++
			if len(rep.OutOfOrder.Examples) < maxExamples {
				rep.OutOfOrder.Examples = append(rep.OutOfOrder.Examples, fmt.Sprintf("row %d: %s after %s",
					t.Line(idx[k]), calendar.FormatDate(ts[idx[k]]), calendar.FormatDate(ts[idx[k-1]])))
			}
		}
	}
	if rep.OutOfOrder.Count > 0 {
		sort.SliceStable(idx, func(a, b int) bool { return ts[idx[a]].Before(ts[idx[b]]) })
	}
	// duplicates: keep the last row in file order (stable sort keeps it last)
	out := idx[:0]
	for k, r := range idx {
		if k+1 < len(idx) && ts[idx[k+1]].Equal(ts[r]) {
			rep.Duplicates.Count++
			if len(rep.Duplicates.Examples) < maxExamples {
				rep.Duplicates.Examples = append(rep.Duplicates.Examples, fmt.Sprintf("row %d: %s (kept row %d)",
					t.Line(r), calendar.FormatDate(ts[r]), t.Line(lastDup(idx, k, ts))))
			}
			continue
		}
		out = append(out, r)
	}
	idx = out
	times = make([]time.Time, len(idx))
	for k, r := range idx {
		times[k] = ts[r]
	}
	return idx, times
}

// increasing reports whether ts holds dates only, each later than the one
// before.
func increasing(ts []time.Time) bool {
	for k, tm := range ts {
		if calendar.IsNoTime(tm) || k > 0 && !ts[k-1].Before(tm) {
			return false
		}
	}
	return true
}

// countMissing counts the missing values (NaN) of vals, rows idx (nil: all
// rows), in rep.
func (t *Table) countMissing(rep *Report, vals []float64, idx []int, times []time.Time) {
	for k, v := range vals {
		if math.IsNaN(v) {
			rep.Missing.Count++
			if len(rep.Missing.Examples) < maxExamples {
				r := k
				if idx != nil {
					r = idx[k]
				}
				ex := fmt.Sprintf("row %d", t.Line(r))
				if times != nil {
					ex += " (" + calendar.FormatDate(times[k]) + ")"
				}
				rep.Missing.Examples = append(rep.Missing.Examples, ex)
			}
		}
	}
}

// dropMissing returns the steps where neither the value nor a covariate is
// missing: the arrays given when none is, new arrays otherwise (those given
// may be the Table's).
func dropMissing(times []time.Time, vals []float64, covs [][]float64) ([]time.Time, []float64, [][]float64) {
	missing := func(k int) bool {
		bad := math.IsNaN(vals[k])
		for j := range covs {
			bad = bad || math.IsNaN(covs[j][k])
		}
		return bad
	}
	keep := 0
	for k := range vals {
		if !missing(k) {
			keep++
		}
	}
	if keep == len(vals) {
		return times, vals, covs
	}
	nv := make([]float64, 0, keep)
	nc := make([][]float64, len(covs))
	for j := range nc {
		nc[j] = make([]float64, 0, keep)
	}
	var nt []time.Time
	if times != nil {
		nt = make([]time.Time, 0, keep)
	}
	for k := range vals {
		if missing(k) {
			continue
		}
		nv = append(nv, vals[k])
		for j := range covs {
			nc[j] = append(nc[j], covs[j][k])
		}
		if times != nil {
			nt = append(nt, times[k])
		}
	}
	return nt, nv, nc
}

// numericTimes reads a column of numbers chosen as the time, as R's ts
// does: whole numbers from 1000 to 2999 one apart are years (1 January);
// numbers whose whole part is a year and whose steps are 1/4 or 1/12 are
// quarters or months (1990.25 is April 1990, 1990 + 5/12 June); any other
// strictly increasing column with one constant step is an index with no
// calendar, returned as nil times. A column that is not increasing, has
// missing cells or uneven steps is refused with the reason.
func (t *Table) numericTimes(c *Column) ([]time.Time, error) {
	v := c.Numbers
	bad := func(row int, msg string) error {
		return &InputError{File: t.Name, Row: row, Column: c.Name, Msg: msg,
			Hint: "a time column of numbers must increase by one constant step (1, 2, 3 … or 1990, 1991 … or 1990.00, 1990.25 …); choose another date column or none (row index)", Err: ErrNotDate}
	}
	if len(v) < 2 {
		return nil, bad(0, "too few rows for a time column")
	}
	for r, x := range v {
		if math.IsNaN(x) {
			return nil, bad(t.Line(r), "a time column of numbers has a missing cell")
		}
		if r > 0 && !(x > v[r-1]) {
			return nil, bad(t.Line(r), fmt.Sprintf("the time goes from %g to %g; it must increase", v[r-1], x))
		}
	}
	step := v[1] - v[0]
	for r := 2; r < len(v); r++ {
		if d := v[r] - v[r-1]; math.Abs(d-step) > 1e-6*math.Max(1, math.Abs(step)) {
			return nil, bad(t.Line(r), fmt.Sprintf("steps of %g and %g; a time column needs one constant step", step, d))
		}
	}
	lo, hi := v[0], v[len(v)-1]
	if lo < 1000 || hi >= 3000 {
		return nil, nil
	}
	per := 0 // periods per year
	switch {
	case math.Abs(step-1) < 1e-9 && lo == math.Trunc(lo):
		per = 1
	case math.Abs(step-0.25) < 1e-6:
		per = 4
	case math.Abs(step-1.0/12) < 1e-6:
		per = 12
	default:
		return nil, nil
	}
	times := make([]time.Time, len(v))
	for r, x := range v {
		year := math.Floor(x + 1e-9)
		k := int(math.Round((x - year) * float64(per)))
		if k < 0 || k >= per {
			return nil, bad(t.Line(r), fmt.Sprintf("%g is not a whole year plus a multiple of 1/%d", x, per))
		}
		times[r] = time.Date(int(year), time.Month(1+k*12/per), 1, 0, 0, 0, 0, time.UTC)
	}
	return times, nil
}

func lastDup(idx []int, k int, ts []time.Time) int {
	j := k
	for j+1 < len(idx) && ts[idx[j+1]].Equal(ts[idx[k]]) {
		j++
	}
	return idx[j]
}

// maxGapFill bounds the rows inserted for gaps, so that a typo in a year
// cannot allocate millions of rows.
func maxGapFill(n int) int { return max(10*n, 10000) }

// fillGaps inserts NaN rows for the missing steps of the calendar (when
// insert is true) and reports them.
func (t *Table) fillGaps(rep *Report, f calendar.Freq, times []time.Time, vals []float64, covs [][]float64, insert bool) ([]time.Time, []float64, [][]float64) {
	type gap struct{ at, n int }
	var gaps []gap
	total, offGrid := 0, 0
	for k := 1; k < len(times); k++ {
		exp := f.Next(times[k-1], 1)
		if !times[k].After(exp) {
			if times[k].Before(exp) {
				offGrid++
			}
			continue
		}
		n := 0
		for e := exp; e.Before(times[k]) && total+n <= maxGapFill(len(times)); e = f.Next(e, 1) {
			n++
		}
		if n == 0 {
			continue
		}
		rep.Gaps.Count += n
		if len(rep.Gaps.Examples) < maxExamples {
			ex := fmt.Sprintf("%s missing", calendar.FormatDate(exp))
			if n > 1 {
				ex = fmt.Sprintf("%s … %s (%d missing)", calendar.FormatDate(exp), calendar.FormatDate(f.Next(times[k], -1)), n)
			}
			rep.Gaps.Examples = append(rep.Gaps.Examples, ex)
		}
		gaps = append(gaps, gap{k, n})
		total += n
	}
	if offGrid > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d timestamps are off the %s calendar; kept as they are", offGrid, f))
	}
	if total > maxGapFill(len(times)) {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("gaps add up to more than %d missing steps; not filled (check the dates)", maxGapFill(len(times))))
		return times, vals, covs
	}
	if !insert || total == 0 {
		return times, vals, covs
	}
	nt := make([]time.Time, 0, len(times)+total)
	nv := make([]float64, 0, len(times)+total)
	nc := make([][]float64, len(covs))
	for j := range nc {
		nc[j] = make([]float64, 0, len(times)+total)
	}
	g := 0
	for k := range times {
		if g < len(gaps) && gaps[g].at == k {
			e := f.Next(times[k-1], 1)
			for i := 0; i < gaps[g].n; i++ {
				nt = append(nt, e)
				nv = append(nv, math.NaN())
				for j := range nc {
					nc[j] = append(nc[j], math.NaN())
				}
				e = f.Next(e, 1)
			}
			g++
		}
		nt = append(nt, times[k])
		nv = append(nv, vals[k])
		for j := range nc {
			nc[j] = append(nc[j], covs[j][k])
		}
	}
	return nt, nv, nc
}

func allNaN(v []float64) bool {
	for _, x := range v {
		if !math.IsNaN(x) {
			return false
		}
	}
	return true
}

// fillMissing replaces NaNs in place per policy (interpolate or ffill).
// Leading NaNs take the first value, trailing NaNs the last.
func fillMissing(v []float64, policy MissingPolicy) {
	first := -1
	for i, x := range v {
		if !math.IsNaN(x) {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	for i := 0; i < first; i++ {
		v[i] = v[first]
	}
	prev := first
	for i := first + 1; i < len(v); i++ {
		if math.IsNaN(v[i]) {
			continue
		}
		if i-prev > 1 {
			for k := prev + 1; k < i; k++ {
				if policy == MissingForwardFill {
					v[k] = v[prev]
				} else {
					w := float64(k-prev) / float64(i-prev)
					v[k] = v[prev]*(1-w) + v[i]*w
				}
			}
		}
		prev = i
	}
	for i := prev + 1; i < len(v); i++ {
		v[i] = v[prev]
	}
}

func (t *Table) unknownColumn(name string) error {
	return &InputError{File: t.Name, Column: name, Msg: "no such column (columns: " + strings.Join(t.ColumnNames(), ", ") + ")",
		Hint: "check the spelling", Err: ErrUnknownColumn}
}

func (t *Table) notDateError(c *Column) error {
	for r, s := range c.Text {
		if s != "" && !isMissing([]byte(s)) {
			if k, _ := calendar.GuessKind([]byte(s)); k == calendar.KindNone {
				return &InputError{File: t.Name, Row: t.Line(r), Column: c.Name, Msg: "expected a date, found " + quoteCell(s),
					Hint: "use dates like 2006-01-02, or choose no date column (row index)", Err: ErrNotDate}
			}
		}
	}
	return &InputError{File: t.Name, Column: c.Name, Msg: "expected dates, found " + c.Type.String() + " values",
		Hint: "use dates like 2006-01-02, or choose no date column (row index)", Err: ErrNotDate}
}

// numericColumn returns the named column when it can serve as values.
func (t *Table) numericColumn(name string, dateCol *Column) (*Column, error) {
	c, ok := t.Column(name)
	if !ok {
		return nil, t.unknownColumn(name)
	}
	if c == dateCol {
		return nil, &InputError{File: t.Name, Column: c.Name, Msg: "is the date column", Hint: "choose another value column", Err: ErrNotNumber}
	}
	if c.Numbers == nil {
		np := &numParser{dec: '.'}
		if t.DecimalComma {
			np.dec = ','
		}
		for r, s := range c.Text {
			b := []byte(s)
			if isMissing(b) {
				continue
			}
			if _, ok := np.parse(b); !ok {
				return nil, &InputError{File: t.Name, Row: t.Line(r), Column: c.Name, Msg: "expected a number, found " + quoteCell(s),
					Hint: "fix the cell, mark it missing (leave it empty or write NA), or choose another value column", Err: ErrNotNumber}
			}
		}
		for r, tm := range c.Times {
			return nil, &InputError{File: t.Name, Row: t.Line(r), Column: c.Name, Msg: "expected a number, found the date " + calendar.FormatDate(tm),
				Hint: "choose another value column", Err: ErrNotNumber}
		}
		return nil, &InputError{File: t.Name, Column: c.Name, Msg: "expected numbers", Hint: "choose another value column", Err: ErrNotNumber}
	}
	if c.nonFinite > 0 {
		r := c.nonFinite - 1
		return nil, &InputError{File: t.Name, Row: t.Line(r), Column: c.Name, Msg: fmt.Sprintf("value %g is infinite or overflows float64", c.Numbers[r]),
			Hint: "fix the cell or mark it missing (NA)", Err: ErrNonFinite}
	}
	if c.Missing == len(c.Numbers) {
		return nil, &InputError{File: t.Name, Column: c.Name, Msg: "all values are missing", Hint: "choose another value column", Err: ErrAllMissing}
	}
	return c, nil
}
