package panel

import (
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

func read(t *testing.T, path string) *tsdata.Table {
	t.Helper()
	tab, err := tsdata.ReadFile(path, tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func readText(t *testing.T, text string) *tsdata.Table {
	t.Helper()
	tab, err := tsdata.ReadCSV(strings.NewReader(text), "test.csv", tsdata.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func ids(p *Panel) []string {
	var out []string
	for _, m := range p.Members {
		out = append(out, m.ID)
	}
	return out
}

// TestLongStores reads the generated three-store file (scripts/panelgen
// -flaws): each store keeps its own start and end, gaps, missing values and
// duplicates, and none collides with another store's dates.
func TestLongStores(t *testing.T) {
	tab := read(t, "testdata/stores_monthly_long.csv")
	p, err := Split(tab, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p); !slices.Equal(got, []string{"S1", "S2", "S3"}) {
		t.Fatalf("ids = %v; want S1 S2 S3", got)
	}
	if p.IDName != "store" || p.Freq.String() != "monthly" {
		t.Errorf("IDName, Freq = %q, %s; want store, monthly", p.IDName, p.Freq)
	}
	// lengths, spans and issues as panelgen writes them: store k starts k
	// months late and ends k months early; S2 lacks a month and a value,
	// S3 repeats a date; S1's last two rows close the file, after the other
	// stores' rows, yet in S1's own order, so nothing is out of order.
	want := []Summary{
		{ID: "S1", Length: 48, Start: "2015-01-01", End: "2018-12-01"},
		{ID: "S2", Length: 46, Start: "2015-02-01", End: "2018-11-01", Gaps: 1, Missing: 1},
		{ID: "S3", Length: 44, Start: "2015-03-01", End: "2018-10-01", Duplicates: 1},
	}
	for i, w := range want {
		if got := p.Report.Each[i]; got != w {
			t.Errorf("Each[%d] = %+v; want %+v", i, got, w)
		}
	}
	r := p.Report
	if r.Series != 3 || r.Shortest.ID != "S3" || r.Longest.ID != "S1" || r.WithGaps != 1 || r.WithMissing != 1 || r.WithDuplicates != 1 {
		t.Errorf("report = %+v", r)
	}
	if len(r.Worst) != 2 || r.Worst[0].ID != "S2" {
		t.Errorf("worst = %+v; want S2 (2 of 46 filled) before S3", r.Worst)
	}
	// the duplicate keeps the later row (the value, not panelgen's 1)
	s3, _ := p.Member("S3")
	if v := s3.Series.Values[3]; v == 1 || v < 100 {
		t.Errorf("S3 at its duplicate date = %g; want the later row's value", v)
	}
	// the missing month and the missing cell are interpolated
	s2, _ := p.Member("S2")
	for _, k := range []int{5, 9} {
		v := s2.Series.Values
		if w := (v[k-1] + v[k+1]) / 2; math.Abs(v[k]-w) > 1e-9 {
			t.Errorf("S2[%d] = %g; want the interpolation %g", k, v[k], w)
		}
	}
	txt := r.Text()
	for _, s := range []string{"series: 3 (138 points); length 44 to 48", "shortest: S3 (44", "with gaps: 1; with missing values: 1; with duplicate dates: 1"} {
		if !strings.Contains(txt, s) {
			t.Errorf("Text() lacks %q:\n%s", s, txt)
		}
	}
}

// TestLongEqualsWide reads us_macro_quarterly wide (-value-col '*') and
// melted to long format (scripts/panelgen -melt): the same series.
func TestLongEqualsWide(t *testing.T) {
	wide, err := Split(read(t, "../../../sampledata/data/us_macro_quarterly.csv"), Spec{ValueCols: []string{"*"}})
	if err != nil {
		t.Fatal(err)
	}
	long, err := Split(read(t, "testdata/us_macro_long.csv"), Spec{IDCols: []string{"series"}, ValueCols: []string{"value"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(wide); !slices.Equal(got, []string{"realcons", "realgdp", "unemp"}) {
		t.Fatalf("wide ids = %v", got)
	}
	if wide.IDName != "series" || wide.Report.Format != "wide" || long.Report.Format != "long" {
		t.Errorf("IDName %q, formats %s %s", wide.IDName, wide.Report.Format, long.Report.Format)
	}
	for i, w := range wide.Members {
		l := long.Members[i]
		if l.ID != w.ID || !slices.Equal(l.Series.Values, w.Series.Values) || !slices.EqualFunc(l.Series.Times, w.Series.Times, func(a, b time.Time) bool { return a.Equal(b) }) {
			t.Errorf("series %s: long and wide differ", w.ID)
		}
		if w.Series.Len() != 203 {
			t.Errorf("%s: %d points; want 203", w.ID, w.Series.Len())
		}
	}
}

// TestWideOwnSpans: columns of a wide file start and end at different
// dates; the empty cells around a series are not filled.
func TestWideOwnSpans(t *testing.T) {
	tab := readText(t, "date,A,B,C\n2020-01-01,1,,x\n2020-02-01,2,,y\n2020-03-01,3,10,z\n2020-04-01,4,11,z\n2020-05-01,,12,z\n2020-06-01,6,,z\n2020-07-01,7,14,z\n")
	p, err := Split(tab, Spec{ValueCols: []string{"A", "B"}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := p.Member("A")
	b, _ := p.Member("B")
	if a.Series.Len() != 7 || a.Series.Values[4] != 5 {
		t.Errorf("A = %v; want 7 points, the fifth interpolated to 5", a.Series.Values)
	}
	if want := []float64{10, 11, 12, 13, 14}; !slices.Equal(b.Series.Values, want) {
		t.Errorf("B = %v; want %v (starts in March)", b.Series.Values, want)
	}
	if p.Report.Each[1].Start != "2020-03-01" || p.Report.Each[1].Missing != 1 {
		t.Errorf("B summary = %+v", p.Report.Each[1])
	}
	// '*' takes the numeric columns only
	p, err = Split(tab, Spec{ValueCols: []string{"*"}})
	if err != nil || !slices.Equal(ids(p), []string{"A", "B"}) {
		t.Errorf("'*' = %v, %v; want A, B", ids(p), err)
	}
}

// TestBadInput: the refusals name the column and what to pick instead;
// short series are skipped with the reason; one id is a single series.
func TestBadInput(t *testing.T) {
	long := "store,date,sales,note\n" +
		"a,2020-01-01,1,x\na,2020-02-01,2,x\na,2020-03-01,3,x\na,2020-04-01,4,x\n" +
		"b,2020-01-01,1,x\nb,2020-02-01,2,x\n"
	tab := readText(t, long)
	for _, c := range []struct {
		spec Spec
		want []string
		err  error
	}{
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"store"}}, []string{"store", "is an id column", "sales"}, tsdata.ErrNotNumber},
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"note"}}, []string{"note", "text", `"x"`, "sales"}, tsdata.ErrNotNumber},
		{Spec{ValueCols: []string{"store"}}, []string{"store", "-id-col"}, tsdata.ErrNotNumber},
		{Spec{IDCols: []string{"shop"}}, []string{"shop", "no such column"}, tsdata.ErrUnknownColumn},
		{Spec{IDCols: []string{"date"}}, []string{"date", "cannot name the series"}, tsdata.ErrUnknownColumn},
	} {
		_, err := Split(tab, c.spec)
		if err == nil || !errors.Is(err, c.err) {
			t.Errorf("Split(%+v) = %v; want %v", c.spec, err, c.err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Split(%+v) = %q; want it to name %q", c.spec, err, w)
			}
		}
	}
	p, err := Split(tab, Spec{IDCols: []string{"store"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(p), []string{"a"}) || len(p.Report.Skipped) != 1 || p.Report.Skipped[0].ID != "b" || !strings.Contains(p.Report.Skipped[0].Reason, "2 values") {
		t.Errorf("ids %v, skipped %+v; want a, and b skipped for 2 values", ids(p), p.Report.Skipped)
	}
	one := readText(t, "store,date,sales\na,2020-01-01,1\na,2020-02-01,2\na,2020-03-01,3\n")
	p, err = Split(one, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}})
	if err != nil || len(p.Members) != 1 || !strings.Contains(strings.Join(p.Report.Warnings, ";"), "single series") {
		t.Errorf("one id: %v, %+v", err, p.Report.Warnings)
	}
	mixed := readText(t, "id,date,v\nm,2020-01-01,1\nm,2020-02-01,2\nm,2020-03-01,3\nm,2020-04-01,4\n"+
		"n,2020-01-01,1\nn,2020-02-01,2\nn,2020-03-01,3\n"+
		"q,2020-01-01,1\nq,2020-04-01,2\nq,2020-07-01,3\nq,2020-10-01,4\n")
	_, err = Split(mixed, Spec{IDCols: []string{"id"}})
	if !errors.Is(err, ErrFrequencies) || !strings.Contains(err.Error(), "q (quarterly)") || !strings.Contains(err.Error(), "2 series are monthly, but not q (quarterly)") {
		t.Errorf("mixed frequencies: %v; want the quarterly id named", err)
	}
	none := readText(t, "id,date,v\nm,2020-01-01,1\nn,2020-02-01,2\n")
	if _, err = Split(none, Spec{IDCols: []string{"id"}}); !errors.Is(err, tsdata.ErrTooShort) || !strings.Contains(err.Error(), "m: 1 values") {
		t.Errorf("all short: %v", err)
	}
}

// TestShard: FNV-1a 64 against its published test vectors (Fowler, Noll,
// Vo: fnv1a64("") = 0xcbf29ce484222325, fnv1a64("a") = 0xaf63dc4c8601ec8c,
// fnv1a64("foobar") = 0x85944171f73967e8), and the shards partition.
func TestShard(t *testing.T) {
	for _, c := range []struct {
		id string
		h  uint64
	}{{"", 0xcbf29ce484222325}, {"a", 0xaf63dc4c8601ec8c}, {"foobar", 0x85944171f73967e8}} {
		for _, n := range []int{1, 2, 3, 7, 1000} {
			if got, want := Shard(c.id, n), int(c.h%uint64(n)); got != want {
				t.Errorf("Shard(%q, %d) = %d; want %d", c.id, n, got, want)
			}
		}
	}
	for _, c := range []struct {
		s    string
		i, n int
		ok   bool
	}{{"0/4", 0, 4, true}, {"3/4", 3, 4, true}, {" 1 / 2 ", 1, 2, true}, {"4/4", 0, 0, false}, {"1", 0, 0, false}, {"-1/2", 0, 0, false}, {"0/0", 0, 0, false}} {
		i, n, err := ParseShard(c.s)
		if (err == nil) != c.ok || i != c.i || n != c.n {
			t.Errorf("ParseShard(%q) = %d, %d, %v", c.s, i, n, err)
		}
	}
}

// TestFileUnchanged: reading a panel never writes to the file.
func TestFileUnchanged(t *testing.T) {
	path := "testdata/stores_monthly_long.csv"
	before, _ := os.ReadFile(path)
	if _, err := Split(read(t, path), Spec{IDCols: []string{"store"}}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the file changed")
	}
}

// TestWideRealFiles reads real wide files of the bundled samples: the
// three stock indices (business days, 1,860 rows each, as
// sampledata/README says) and the seatbelts file's front and rear seat
// columns (monthly, 192).
func TestWideRealFiles(t *testing.T) {
	for _, c := range []struct {
		file string
		vals []string
		ids  []string
		freq string
		n    int
	}{
		{"eu_stock_ftse_smi_cac_daily.csv", []string{"*"}, []string{"CAC", "FTSE", "SMI"}, "business daily", 1860},
		{"uk_seatbelts_front_rear_monthly.csv", []string{"front", "rear"}, []string{"front", "rear"}, "monthly", 192},
	} {
		p, err := Split(read(t, "../../../sampledata/data/"+c.file), Spec{ValueCols: c.vals})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if !slices.Equal(ids(p), c.ids) || p.Freq.String() != c.freq || p.Report.Shortest.Length != c.n || p.Report.Longest.Length != c.n {
			t.Errorf("%s: ids %v, %s, lengths %d…%d; want %v, %s, %d", c.file, ids(p), p.Freq, p.Report.Shortest.Length, p.Report.Longest.Length, c.ids, c.freq, c.n)
		}
	}
}

// TestStaticColumns: a column with one value per series (a region, a
// size, the id itself) is kept per member; a column that changes within a
// series, the date, the value column and a wide file are refused with the
// column named, and nothing is kept.
func TestStaticColumns(t *testing.T) {
	text := "store,region,size,date,sales,promo\n" +
		"A,north,120,2024-01-01,10,0\nA,north,120,2024-02-01,11,1\nA,,120,2024-03-01,12,0\nA,north,120,2024-04-01,13,0\n" +
		"B,south,80,2024-01-01,20,1\nB,south,80,2024-02-01,21,0\nB,south,80,2024-03-01,22,0\nB,south,80,2024-04-01,23,1\n"
	tab := readText(t, text)
	p, err := Split(tab, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"region", " size", "store", "region"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Static, []string{"region", "size", "store"}) {
		t.Errorf("Static = %v", p.Static)
	}
	want := map[string][]string{"A": {"north", "120", "A"}, "B": {"south", "80", "B"}}
	for _, m := range p.Members {
		if !slices.Equal(m.Static, want[m.ID]) {
			t.Errorf("%s: static %v; want %v (a missing cell takes the series' value)", m.ID, m.Static, want[m.ID])
		}
	}
	for _, c := range []struct {
		spec Spec
		want string
	}{
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"promo"}}, `column "promo": is not static: series A has "0" and "1" in it`},
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"date"}}, `column "date": is the date column`},
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"sales"}}, `column "sales": is the value column being forecast`},
		{Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"colour"}}, `column "colour": no such column`},
		{Spec{ValueCols: []string{"sales", "promo"}, StaticCols: []string{"region"}}, "a static column needs a long file"},
	} {
		p, err := Split(tab, c.spec)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: panel %v, error %v; want one with %q", c.spec.StaticCols, p != nil, err, c.want)
		}
	}
	// the row of the change is named
	_, err = Split(tab, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"promo"}})
	var ie *tsdata.InputError
	if !errors.As(err, &ie) || ie.Row != 3 {
		t.Errorf("error %v; want an InputError at line 3", err)
	}
}

// TestAutoStatic: AutoStatic finds the columns with one value per series
// (region and size, not promo) after those named.
func TestAutoStatic(t *testing.T) {
	tab := readText(t, "store,region,size,date,sales,promo\n"+
		"A,north,120,2024-01-01,10,0\nA,north,120,2024-02-01,11,1\nA,north,120,2024-03-01,12,0\n"+
		"B,south,80,2024-01-01,20,1\nB,south,80,2024-02-01,21,0\nB,south,80,2024-03-01,22,0\n")
	p, err := Split(tab, Spec{IDCols: []string{"store"}, ValueCols: []string{"sales"}, StaticCols: []string{"size"}, AutoStatic: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Static, []string{"size", "region"}) || !slices.Equal(p.Members[1].Static, []string{"80", "south"}) {
		t.Errorf("Static %v, B's %v; want size, region and 80, south", p.Static, p.Members[1].Static)
	}
}
