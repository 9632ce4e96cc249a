package tsdata

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestSubset: the rows and columns chosen, their line numbers in the file
// and their own missing counts; the Series of a Subset names file rows.
func TestSubset(t *testing.T) {
	text := "id,date,v\na,2020-01-01,1\nb,2020-01-01,5\na,2020-02-01,\nb,2020-02-01,6\na,2020-02-01,3\n"
	tab, err := ReadCSV(strings.NewReader(text), "s.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := tab.Subset([]int{0, 2, 4}, "date", "v")
	if err != nil {
		t.Fatal(err)
	}
	if sub.Rows != 3 || !slices.Equal(sub.ColumnNames(), []string{"date", "v"}) || sub.DateColumn != "date" {
		t.Fatalf("Subset = %d rows, %v, date %q", sub.Rows, sub.ColumnNames(), sub.DateColumn)
	}
	if got := []int{sub.Line(0), sub.Line(1), sub.Line(2)}; !slices.Equal(got, []int{2, 4, 6}) {
		t.Errorf("lines = %v; want 2 4 6", got)
	}
	if c, _ := sub.Column("v"); c.Missing != 1 {
		t.Errorf("v missing = %d; want 1", c.Missing)
	}
	s, rep, err := sub.Series(SeriesSpec{ValueCol: "v"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Values, []float64{1, 3}) || rep.Duplicates.Count != 1 || rep.Duplicates.Examples[0] != "row 4: 2020-02-01 (kept row 6)" {
		t.Errorf("series %v, duplicates %+v", s.Values, rep.Duplicates)
	}
	if _, err := tab.Subset([]int{0}, "nope"); !errors.Is(err, ErrUnknownColumn) {
		t.Errorf("unknown column: %v", err)
	}
	if c, _ := tab.Column("v"); c.Missing != 1 || c.Numbers[2] == c.Numbers[2] {
		t.Error("Subset changed the table")
	}
}
