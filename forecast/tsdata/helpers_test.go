package tsdata

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// dataPath returns the path of a sample file: the forecast package's
// testdata/ first, then the shared data directory next to the repository; it
// skips the test when the file is in neither.
func dataPath(t testing.TB, name string) string {
	t.Helper()
	for _, dir := range []string{filepath.Join("..", "testdata"), filepath.Join("..", "..", "..", "shared", "data")} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("%s not found in ../testdata or ../../../shared/data", name)
	return ""
}

func loadSeries(t testing.TB, name string, spec SeriesSpec) (*Series, *Report) {
	t.Helper()
	tab, err := ReadFile(dataPath(t, name), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := tab.Series(spec)
	if err != nil {
		t.Fatal(err)
	}
	return s, rep
}

func approxEqual(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
