package tsdata

import (
	"slices"
	"testing"
	"time"
)

// cloneTable copies the columns' arrays of tab, for checking that nothing
// writes to them.
func cloneTable(tab *Table) *Table {
	c := *tab
	c.Columns = slices.Clone(tab.Columns)
	for i := range c.Columns {
		col := &c.Columns[i]
		col.Numbers, col.Times, col.Text = slices.Clone(col.Numbers), slices.Clone(col.Times), slices.Clone(col.Text)
	}
	return &c
}

// A clean file (every row dated, in order, no missing value) gives a Series
// that shares the Table's arrays rather than copying them.
func TestSeriesSharesCleanColumns(t *testing.T) {
	tab := read(t, "d,v,x\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-03,3,7\n2020-01-04,4,8\n")
	s, _, err := tab.Series(SeriesSpec{Covariates: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	if &s.Times[0] != &tab.Columns[0].Times[0] || &s.Values[0] != &tab.Columns[1].Numbers[0] || &s.Covariates[0][0] != &tab.Columns[2].Numbers[0] {
		t.Error("a clean series copies the table's arrays; want them shared")
	}
	if cap(s.Values) != len(s.Values) || cap(s.Times) != len(s.Times) {
		t.Error("shared arrays leave capacity an append would write into")
	}
	// A missing value: the values are copied and filled, the times shared.
	tab = read(t, "d,v\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,3\n2020-01-04,4\n")
	s, _, err = tab.Series(SeriesSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if &s.Values[0] == &tab.Columns[1].Numbers[0] || &s.Times[0] != &tab.Columns[0].Times[0] {
		t.Error("with a missing value the values must be copied, the times shared")
	}
	if s.Values[1] != 2 {
		t.Errorf("filled value = %v; want 2", s.Values[1])
	}
}

// Series never writes to its Table, whatever it has to sort, drop, insert
// or fill; extracting twice gives the same series.
func TestSeriesLeavesTableAlone(t *testing.T) {
	files := map[string]string{
		"clean":        "d,v,x\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-03,3,7\n2020-01-04,4,8\n2020-01-05,5,9\n",
		"missing":      "d,v,x\n2020-01-01,1,5\n2020-01-02,NA,6\n2020-01-03,3,\n2020-01-04,4,8\n2020-01-05,5,9\n",
		"covariate NA": "d,v,x\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-03,3,NA\n2020-01-04,4,8\n2020-01-05,5,9\n",
		"unordered":    "d,v,x\n2020-01-03,3,7\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-02,9,9\n2020-01-05,5,9\n",
		"gap":          "d,v,x\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-05,5,9\n2020-01-06,6,1\n2020-01-07,7,2\n",
		"footer":       "d,v,x\n2020-01-01,1,5\n2020-01-02,2,6\n2020-01-03,3,7\n2020-01-04,4,8\n2020-01-05,5,9\n2020-01-06,6,1\nTotal,21,0\n",
		"row index":    "v,x\n1,5\n2,NA\n3,7\n4,8\n",
	}
	for name, src := range files {
		tab := read(t, src)
		orig := cloneTable(tab)
		for _, policy := range []MissingPolicy{MissingInterpolate, MissingForwardFill, MissingDrop} {
			for _, covs := range [][]string{nil, {"x"}} {
				spec := SeriesSpec{Missing: policy, Covariates: covs}
				s1, _, err := tab.Series(spec)
				if err != nil {
					t.Fatalf("%s %v: %v", name, spec, err)
				}
				if d := sameTable(tab, orig); d != "" {
					t.Fatalf("%s %v: Series changed the table: %s", name, spec, d)
				}
				s2, _, _ := tab.Series(spec)
				if !slices.Equal(s1.Values, s2.Values) || !slices.EqualFunc(s1.Times, s2.Times, time.Time.Equal) {
					t.Fatalf("%s %v: a second extraction gave %v; want %v", name, spec, s2.Values, s1.Values)
				}
			}
		}
	}
	// The drop policy removes the step whose covariate is missing, from
	// arrays of its own.
	tab := read(t, files["covariate NA"])
	s, _, err := tab.Series(SeriesSpec{Missing: MissingDrop, Covariates: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Values, []float64{1, 2, 4, 5}) || len(s.Times) != 4 || s.Times[2].Day() != 4 || !slices.Equal(s.Covariates[0], []float64{5, 6, 8, 9}) {
		t.Errorf("drop: values %v, covariate %v, times %v; want 1,2,4,5 and 5,6,8,9 on days 1,2,4,5", s.Values, s.Covariates, s.Times)
	}
}
