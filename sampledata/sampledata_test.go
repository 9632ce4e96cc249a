package sampledata

import (
	"encoding/csv"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	listed := map[string]bool{}
	for _, s := range List() {
		if seen[s.ID] {
			t.Errorf("duplicate sample ID %q", s.ID)
		}
		seen[s.ID] = true
		listed[s.File] = true
		if s.Title == "" || s.Description == "" || s.Source == "" || s.Frequency == "" || s.Horizon <= 0 {
			t.Errorf("sample %q: incomplete catalogue entry %+v", s.ID, s)
		}
		b, err := Bytes(s.ID)
		if err != nil {
			t.Fatalf("Bytes(%q): %v", s.ID, err)
		}
		r := csv.NewReader(strings.NewReader(string(b)))
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: not CSV: %v", s.File, err)
		}
		if len(recs) < 50 {
			t.Errorf("%s: %d rows, want at least 50", s.File, len(recs))
		}
		header := recs[0]
		for _, col := range append([]string{s.DateCol, s.ValueCol}, s.Covariates...) {
			if !slices.Contains(header, col) {
				t.Errorf("%s: column %q not in header %v", s.File, col, header)
			}
		}
		// The value column is numeric (empty cells are real missing values).
		vi := slices.Index(header, s.ValueCol)
		for i, rec := range recs[1:] {
			if rec[vi] == "" {
				continue
			}
			if _, err := strconv.ParseFloat(rec[vi], 64); err != nil {
				t.Errorf("%s row %d: value %q is not a number", s.File, i+2, rec[vi])
				break
			}
		}
	}
	// Every embedded file is in the catalogue.
	entries, err := fs.ReadDir(files, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("embedded file %s is not in the catalogue", e.Name())
		}
	}
}

func TestOpenUnknown(t *testing.T) {
	if _, err := Open("nope"); err == nil {
		t.Error(`Open("nope") = nil error; want an error`)
	}
	if _, ok := Lookup("air_passengers"); !ok {
		t.Error(`Lookup("air_passengers") not found`)
	}
}

func TestListIsCopy(t *testing.T) {
	l := List()
	l[0].Title = "changed"
	if List()[0].Title == "changed" {
		t.Error("List returned the catalogue itself, not a copy")
	}
}
