package panel

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// Spec picks the columns of a panel.
type Spec struct {
	// DateCol as in tsdata.SeriesSpec: empty proposes one, "-" or "none"
	// uses each series' rows in file order.
	DateCol string
	// IDCols name the series (long format); empty for a wide file.
	IDCols []string
	// ValueCols are the columns to forecast; "*" alone is every numeric
	// column but the date and the ids.
	ValueCols []string
	Missing   tsdata.MissingPolicy
	// StaticCols (long format only) are columns that describe a series
	// rather than a date — a store's region, a product's category, or the
	// id column itself: one value per series, kept in Member.Static. A
	// global model can take them as inputs.
	StaticCols []string
	// AutoStatic (long format) adds to StaticCols every other column that
	// holds one value per series (the window offers them as inputs).
	AutoStatic bool
}

// IsPanel reports whether spec asks for more than one series: an id
// column, several value columns or "*".
func (s Spec) IsPanel() bool {
	return len(s.IDCols) > 0 || len(s.ValueCols) > 1 || len(s.ValueCols) == 1 && s.ValueCols[0] == "*"
}

// MinPoints is the fewest observed values a series needs to be kept: with
// fewer, neither its frequency nor any forecast can be told.
const MinPoints = 3

// Member is one series of a panel.
type Member struct {
	ID     string
	Series *tsdata.Series // its Name is ID
	Report *tsdata.Report
	// Table holds the series' rows of the file: its date column (when it
	// has one) and its value column, renamed ID. Table.Series with
	// ValueCol ID gives Series again; the two share their arrays.
	Table *tsdata.Table
	// Static holds the series' value of each of Panel.Static, as text
	// ("" where every cell of the series is missing).
	Static []string
}

// Panel is the series of one file, sorted by ID (byte order), all on one
// calendar.
type Panel struct {
	IDName  string   // the id column's header in outputs: the id columns joined with "/", or "series"
	Static  []string // Spec.StaticCols as found in the file
	Members []Member
	Freq    calendar.Freq
	Report  *Report
}

// Member returns the series called id.
func (p *Panel) Member(id string) (*Member, bool) {
	i, ok := sort.Find(len(p.Members), func(i int) int { return strings.Compare(id, p.Members[i].ID) })
	if !ok {
		return nil, false
	}
	return &p.Members[i], true
}

// ErrFrequencies is matched (errors.Is) by the error of a file whose series
// have different frequencies.
var ErrFrequencies = errors.New("panel: series of different frequencies")

// Shard returns the shard, 0 to n-1, of the series called id: FNV-1a
// 64-bit of the id's bytes modulo n.
func Shard(id string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}

// ParseShard parses "i/n" (0 ≤ i < n).
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("panel: shard %q is not i/n with 0 ≤ i < n (e.g. 0/4 … 3/4)", s)
	}
	return i, n, nil
}

// Keep returns a panel of the members for which keep is true, sharing
// them; its report is p's.
func (p *Panel) Keep(keep func(id string) bool) *Panel {
	q := *p
	q.Members = nil
	for _, m := range p.Members {
		if keep(m.ID) {
			q.Members = append(q.Members, m)
		}
	}
	return &q
}

// Split cuts the table into its series per spec and cleans each. Errors
// are for the file as a whole (a column that cannot serve, different
// frequencies, no series left); a series that fails alone is skipped and
// listed in the report.
func Split(t *tsdata.Table, spec Spec) (*Panel, error) {
	dateName := spec.DateCol
	if dateName == "" {
		dateName = t.DateColumn
	}
	if dateName == "-" || strings.EqualFold(dateName, "none") {
		dateName = ""
	}
	var dateCol *tsdata.Column
	if dateName != "" {
		c, ok := t.Column(dateName)
		if !ok {
			return nil, unknown(t, dateName, "-date-col")
		}
		dateCol, dateName = c, c.Name
	}
	ids, err := idColumns(t, spec.IDCols, dateName)
	if err != nil {
		return nil, err
	}
	vals, err := valueColumns(t, spec.ValueCols, dateName, ids)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: t.Name, Rows: t.Rows, DateColumn: dateName, ValueColumns: vals,
		Warnings: append([]string{}, t.Warnings...), Skipped: []Skip{}}
	p := &Panel{IDName: "series", Report: rep}
	var groups []group
	if len(ids) > 0 {
		rep.Format = "long"
		for _, c := range ids {
			rep.IDColumns = append(rep.IDColumns, c.Name)
		}
		p.IDName = strings.Join(rep.IDColumns, "/")
		groups = groupRows(t, ids, rep)
		if p.Static, err = staticColumns(t, spec.StaticCols, dateName, vals); err != nil {
			return nil, err
		}
		if spec.AutoStatic {
			p.Static = append(p.Static, autoStatic(t, groups, dateName, vals, ids, p.Static)...)
		}
		if len(groups) == 1 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("the id column %s holds one value (%s): the file is a single series", p.IDName, groups[0].id))
		}
	} else {
		rep.Format = "wide"
		if len(spec.StaticCols) > 0 {
			return nil, &tsdata.InputError{File: t.Name, Column: spec.StaticCols[0], Msg: "a static column needs a long file: a wide file's series are its columns, with no row of their own to describe them",
				Hint: "give -id-col for a long file (one row per series and date), or leave out -static-col", Err: tsdata.ErrUnknownColumn}
		}
		all := make([]int, t.Rows)
		for r := range all {
			all[r] = r
		}
		groups = []group{{rows: all}}
	}
	for _, g := range groups {
		static, err := staticValues(t, p.Static, g)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			id := g.id
			switch {
			case id == "":
				id = v
			case len(vals) > 1:
				id += "/" + v
			}
			m, skip := cut(t, g.rows, dateCol, v, id, spec.Missing)
			if skip != "" {
				rep.Skipped = append(rep.Skipped, Skip{ID: id, Reason: skip})
				continue
			}
			m.Static = static
			p.Members = append(p.Members, m)
		}
	}
	slices.SortFunc(p.Members, func(a, b Member) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(rep.Skipped, func(a, b Skip) int { return strings.Compare(a.ID, b.ID) })
	if err := p.checkFrequency(t.Name); err != nil {
		return nil, err
	}
	if len(p.Members) == 0 {
		return nil, &tsdata.InputError{File: t.Name, Msg: fmt.Sprintf("no series to forecast: all %d were skipped (%s)", len(rep.Skipped), skipText(rep.Skipped, 3)),
			Hint: "check the id, date and value columns", Err: tsdata.ErrTooShort}
	}
	rep.summarise(p)
	return p, nil
}

// group is the rows of one series in file order.
type group struct {
	id   string
	rows []int
}

// cut extracts one series: the rows of its id, trimmed of missing values
// before its first and after its last value, cleaned by tsdata. skip is
// the reason when it cannot serve.
func cut(t *tsdata.Table, rows []int, dateCol *tsdata.Column, val, id string, pol tsdata.MissingPolicy) (Member, string) {
	vc, _ := t.Column(val)
	rows = trim(rows, dateCol, vc.Numbers)
	n := 0
	for _, r := range rows {
		if !math.IsNaN(vc.Numbers[r]) {
			n++
		}
	}
	if n < MinPoints {
		return Member{}, fmt.Sprintf("%d values; a series needs at least %d", n, MinPoints)
	}
	cols := []string{val}
	spec := tsdata.SeriesSpec{DateCol: "-", ValueCol: val, Missing: pol}
	if dateCol != nil {
		cols = []string{dateCol.Name, val}
		spec.DateCol = dateCol.Name
	}
	sub, err := t.Subset(rows, cols...)
	if err != nil {
		return Member{}, err.Error()
	}
	sub.Columns[len(cols)-1].Name = id
	spec.ValueCol = id
	s, rep, err := sub.Series(spec)
	if err != nil {
		var ie *tsdata.InputError
		if errors.As(err, &ie) {
			return Member{}, ie.Msg
		}
		return Member{}, err.Error()
	}
	rep.Columns = nil
	return Member{ID: id, Series: s, Report: rep, Table: sub}, ""
}

// trim drops the rows before the first observed value and after the last,
// in time order (file order without a date column).
func trim(rows []int, dateCol *tsdata.Column, v []float64) []int {
	key := func(r int) (float64, bool) {
		switch {
		case dateCol == nil:
			return float64(r), true
		case dateCol.Times != nil:
			tm := dateCol.Times[r]
			return float64(tm.Unix()), !calendar.IsNoTime(tm)
		default:
			x := dateCol.Numbers[r]
			return x, !math.IsNaN(x)
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		if k, ok := key(r); ok && !math.IsNaN(v[r]) {
			lo, hi = math.Min(lo, k), math.Max(hi, k)
		}
	}
	kept := 0
	for _, r := range rows {
		if k, ok := key(r); !ok || k >= lo && k <= hi {
			kept++
		}
	}
	if kept == len(rows) {
		return rows
	}
	out := make([]int, 0, kept)
	for _, r := range rows {
		if k, ok := key(r); !ok || k >= lo && k <= hi {
			out = append(out, r)
		}
	}
	return out
}

// checkFrequency refuses series on different calendars, naming the ids
// that differ from the most common frequency.
func (p *Panel) checkFrequency(file string) error {
	count := map[string]int{}
	byName := map[string]calendar.Freq{}
	for _, m := range p.Members {
		f := m.Series.Freq
		count[f.String()]++
		byName[f.String()] = f
	}
	if len(count) == 0 {
		return nil
	}
	common := ""
	for name, n := range count {
		if common == "" || n > count[common] || n == count[common] && name < common {
			common = name
		}
	}
	p.Freq = byName[common]
	if len(count) == 1 {
		return nil
	}
	var odd []string
	for _, m := range p.Members {
		if f := m.Series.Freq.String(); f != common {
			odd = append(odd, fmt.Sprintf("%s (%s)", m.ID, f))
		}
	}
	more := ""
	if len(odd) > 5 {
		more = fmt.Sprintf(" and %d more", len(odd)-5)
		odd = odd[:5]
	}
	are := fmt.Sprintf("%d series are %s", count[common], common)
	if count[common] == 1 {
		are = fmt.Sprintf("1 series is %s", common)
	}
	return &tsdata.InputError{File: file, Msg: fmt.Sprintf("series of different frequencies: %s, but not %s%s", are, strings.Join(odd, ", "), more),
		Hint: "put series of one frequency in a file, or aggregate them to one calendar", Err: ErrFrequencies}
}

// staticColumns checks the static columns: they exist and are neither the
// date nor a value column (an id column may be one).
func staticColumns(t *tsdata.Table, names []string, dateName string, vals []string) ([]string, error) {
	var out []string
	for _, n := range names {
		c, ok := t.Column(strings.TrimSpace(n))
		if !ok {
			return nil, unknown(t, n, "-static-col")
		}
		switch {
		case c.Name == dateName:
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: "is the date column: it changes along a series, a static column describes the whole series",
				Hint: "for -static-col choose a column with one value per series (a region, a category)", Err: tsdata.ErrUnknownColumn}
		case slices.Contains(vals, c.Name):
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: "is the value column being forecast, so it cannot also be a static input",
				Hint: "for -static-col choose a column with one value per series (a region, a category)", Err: tsdata.ErrUnknownColumn}
		}
		if !slices.Contains(out, c.Name) {
			out = append(out, c.Name)
		}
	}
	return out, nil
}

// autoStatic lists the columns, in file order, that hold one value per
// series and are none of the date, the values, the ids and the static
// columns already named.
func autoStatic(t *tsdata.Table, groups []group, dateName string, vals []string, ids []*tsdata.Column, named []string) []string {
	var out []string
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Name == dateName || slices.Contains(vals, c.Name) || slices.Contains(ids, c) || slices.Contains(named, c.Name) {
			continue
		}
		ok := true
		for _, g := range groups {
			if _, err := staticValues(t, []string{c.Name}, g); err != nil {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c.Name)
		}
	}
	return out
}

// staticValues is the value of each static column on the rows of g,
// refused when a column holds two values in one series.
func staticValues(t *tsdata.Table, names []string, g group) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		c, _ := t.Column(n)
		var k idCache
		for _, r := range g.rows {
			s, has := k.cell(c, r)
			switch {
			case !has:
			case out[i] == "":
				out[i] = s
			case s != out[i]:
				return nil, &tsdata.InputError{File: t.Name, Row: t.Line(r), Column: n, Msg: fmt.Sprintf("is not static: series %s has %q and %q in it", g.id, out[i], s),
					Hint: "a static column holds one value per series (a region, a category); leave this one out of -static-col", Err: tsdata.ErrNotNumber}
			}
		}
	}
	return out, nil
}

// idColumns finds the id columns.
func idColumns(t *tsdata.Table, names []string, dateName string) ([]*tsdata.Column, error) {
	var out []*tsdata.Column
	for _, n := range names {
		c, ok := t.Column(strings.TrimSpace(n))
		if !ok {
			return nil, unknown(t, n, "-id-col")
		}
		if c.Name == dateName {
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: "is the date column and cannot name the series",
				Hint: "choose the column that names the series (a store, product or ticker) for -id-col, or another -date-col", Err: tsdata.ErrUnknownColumn}
		}
		if slices.Contains(out, c) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// valueColumns resolves the value columns: "*" to every numeric column but
// the date and the ids; each must hold numbers.
func valueColumns(t *tsdata.Table, names []string, dateName string, ids []*tsdata.Column) ([]string, error) {
	isID := func(c *tsdata.Column) bool { return slices.Contains(ids, c) }
	var numeric []string
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Type == tsdata.TypeNumber && c.Numbers != nil && c.Name != dateName && !isID(c) {
			numeric = append(numeric, c.Name)
		}
	}
	if len(names) == 0 || len(names) == 1 && names[0] == "*" {
		if len(numeric) == 0 {
			return nil, &tsdata.InputError{File: t.Name, Msg: "no numeric column to forecast (columns: " + strings.Join(t.ColumnNames(), ", ") + ")",
				Hint: "the file needs columns of numbers; check the delimiter and decimal separator", Err: tsdata.ErrNoNumericColumn}
		}
		if len(names) == 0 && len(ids) > 0 {
			return numeric[:1], nil
		}
		return numeric, nil
	}
	pick := "pick one of the numeric columns (" + strings.Join(numeric, ", ") + ")"
	if len(numeric) == 0 {
		pick = "the file has no other numeric column"
	}
	var out []string
	for _, n := range names {
		c, ok := t.Column(strings.TrimSpace(n))
		if !ok {
			return nil, unknown(t, n, "-value-col")
		}
		switch {
		case isID(c):
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: "is an id column: it names the series, it is not a value to forecast",
				Hint: "for -value-col " + pick, Err: tsdata.ErrNotNumber}
		case c.Name == dateName:
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: "is the date column", Hint: "for -value-col " + pick, Err: tsdata.ErrNotNumber}
		case c.Numbers == nil:
			ex := ""
			for _, s := range c.Text {
				if s != "" {
					ex = fmt.Sprintf(" such as %q", s)
					break
				}
			}
			hint := "for -value-col " + pick
			if c.Type == tsdata.TypeText {
				hint += "; if it names the series, give it as -id-col"
			}
			return nil, &tsdata.InputError{File: t.Name, Column: c.Name, Msg: fmt.Sprintf("holds %s values%s, not numbers", c.Type, ex),
				Hint: hint, Err: tsdata.ErrNotNumber}
		}
		if !slices.Contains(out, c.Name) {
			out = append(out, c.Name)
		}
	}
	return out, nil
}

func unknown(t *tsdata.Table, name, flag string) error {
	return &tsdata.InputError{File: t.Name, Column: name, Msg: "no such column (columns: " + strings.Join(t.ColumnNames(), ", ") + ")",
		Hint: "check the spelling of " + flag, Err: tsdata.ErrUnknownColumn}
}

// groupRows groups the table's rows by their id cells, in file order
// within a group; rows with a missing id are dropped and counted.
func groupRows(t *tsdata.Table, ids []*tsdata.Column, rep *Report) []group {
	index := map[string]int{}
	var groups []group
	var buf []byte
	noID := 0
	cells := make([]idCache, len(ids))
	for r := 0; r < t.Rows; r++ {
		buf = buf[:0]
		ok := true
		for j, c := range ids {
			s, has := cells[j].cell(c, r)
			if !has {
				ok = false
				break
			}
			if j > 0 {
				buf = append(buf, '/')
			}
			buf = append(buf, s...)
		}
		if !ok {
			noID++
			continue
		}
		g, seen := index[string(buf)]
		if !seen {
			g = len(groups)
			key := string(buf)
			index[key] = g
			groups = append(groups, group{id: key})
		}
		groups[g].rows = append(groups[g].rows, r)
	}
	if noID > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d rows without an id were dropped", noID))
	}
	return groups
}

// idCache remembers the last number of a numeric id column and its text,
// so that the rows of one series (consecutive in most files) format it once.
type idCache struct {
	x    float64
	text string
}

// cell is the text of an id cell; has is false for a missing cell.
func (k *idCache) cell(c *tsdata.Column, r int) (string, bool) {
	switch {
	case c.Text != nil:
		s := c.Text[r]
		return s, s != "" && !isMissingToken(s)
	case c.Numbers != nil:
		x := c.Numbers[r]
		if math.IsNaN(x) {
			return "", false
		}
		if x != k.x || k.text == "" {
			k.x, k.text = x, strconv.FormatFloat(x, 'f', -1, 64)
		}
		return k.text, true
	case c.Times != nil:
		tm := c.Times[r]
		if calendar.IsNoTime(tm) {
			return "", false
		}
		return calendar.FormatDate(tm), true
	}
	return "", false
}

// isMissingToken mirrors the reader's missing-value tokens for id cells.
func isMissingToken(s string) bool {
	switch strings.ToLower(s) {
	case "na", "n/a", "#n/a", "nan", "null", "none", "-", "?", ".":
		return true
	}
	return false
}

// span is a series' first and last timestamp as text.
func span(s *tsdata.Series) (string, string) {
	if len(s.Times) == 0 {
		return "", ""
	}
	return calendar.FormatDate(s.Times[0]), calendar.FormatDate(s.Times[len(s.Times)-1])
}
