package sheet

import (
	"slices"
	"strings"
	"testing"
)

// grid makes the non-blank rows of a sheet from lines of cells separated
// by "|", numbered from 1 (a blank line is a blank row, left out).
func grid(lines ...string) *store {
	rows := newStore()
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var cells []sheetCell
		for _, s := range strings.Split(l, "|") {
			cells = append(cells, sheetCell{kind: classText(s), text: s})
		}
		rows.push(i+1, cells)
	}
	return rows
}

func TestLayout(t *testing.T) {
	cases := []struct {
		name      string
		lines     []string
		headerRow int
		header    []string
		rowNums   []int
		skipped   []string
		score     int
	}{
		{"header in row 1", []string{"month|sales", "2020-01|5", "2020-02|6"},
			1, []string{"month", "sales"}, []int{2, 3}, nil, 2},
		{"title, source and blank rows above", []string{"Sales of the shop", "Source: till rolls", "", "month|sales", "2020-01|5", "2020-02|6", "2020-03|7"},
			4, []string{"month", "sales"}, []int{5, 6, 7}, nil, 2},
		{"title over data without a header", []string{"Sales of the shop", "2020-01|5", "2020-02|6"},
			0, nil, []int{1, 2, 3}, nil, 2},
		{"empty name over the dates", []string{"|sales", "2020-01|5", "2020-02|6"},
			1, []string{"", "sales"}, []int{2, 3}, nil, 2},
		{"total and notes at the end", []string{"month|sales", "2020-01|5", "2020-02|6", "2020-03|7", "Total|18", "", "Note: estimates"},
			1, []string{"month", "sales"}, []int{2, 3, 4}, []string{"row 5 'Total' skipped", "row 7 'Note: estimates' skipped"}, 2},
		{"sum without a label", []string{"month|sales", "2020-01|5", "2020-02|6", "2020-03|7", "|18"},
			1, []string{"month", "sales"}, []int{2, 3, 4}, []string{"row 5 '18' skipped"}, 2},
		{"no date column: text under numbers", []string{"id|sales", "1|5", "2|6", "3|7", "sum|18"},
			1, []string{"id", "sales"}, []int{2, 3, 4}, []string{"row 5 'sum' skipped"}, 1},
		{"margin column and a spacer", []string{"|month||sales", "|2020-01||5", "|2020-02||6"},
			1, []string{"month", "sales"}, []int{2, 3}, nil, 2},
		{"a missing value is data", []string{"month|sales", "2020-01|5", "2020-02|", "2020-03|7"},
			1, []string{"month", "sales"}, []int{2, 3, 4}, nil, 2},
		{"text only", []string{"About this workbook", "Nothing here"},
			0, nil, []int{1, 2}, nil, 0},
		{"years by name", []string{"year|sales", "2001|5", "2002|6"},
			1, []string{"year", "sales"}, []int{2, 3}, nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, score := layout(grid(c.lines...))
			var skipped []string
			for _, s := range tab.Skipped {
				skipped = append(skipped, s.String())
			}
			if tab.HeaderRow != c.headerRow || !slices.Equal(tab.Header, c.header) || !slices.Equal(numsOf(tab), c.rowNums) ||
				!slices.Equal(skipped, c.skipped) || score != c.score {
				t.Errorf("layout = header row %d %q, rows %v, skipped %q, score %d; want %d %q, %v, %q, %d",
					tab.HeaderRow, tab.Header, numsOf(tab), skipped, score, c.headerRow, c.header, c.rowNums, c.skipped, c.score)
			}
			for _, r := range rowsOf(tab) {
				if len(r) != len(rowsOf(tab)[0]) || tab.Header != nil && len(r) != len(tab.Header) {
					t.Errorf("rows of different widths: %q", rowsOf(tab))
				}
			}
		})
	}
}

func TestLayoutColumnsKeepCells(t *testing.T) {
	tab, _ := layout(grid("|month||sales", "|2020-01||5", "|2020-02||6"))
	want := [][]string{{"2020-01", "5"}, {"2020-02", "6"}}
	for i := range want {
		if !slices.Equal(rowsOf(tab)[i], want[i]) {
			t.Errorf("row %d = %q; want %q", i, rowsOf(tab)[i], want[i])
		}
	}
}

func TestSkippedString(t *testing.T) {
	long := strings.Repeat("é", 30)
	for _, c := range []struct {
		s    Skipped
		want string
	}{
		{Skipped{27, "Total"}, "row 27 'Total' skipped"},
		{Skipped{3, ""}, "row 3 skipped"},
		{Skipped{4, "a\x1bb"}, `row 4 'a\x1bb' skipped`},
		{Skipped{5, long}, "row 5 '" + strings.Repeat("é", 20) + "…' skipped"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%#v.String() = %q; want %q", c.s, got, c.want)
		}
	}
}
