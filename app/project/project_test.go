package project

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

const fixtureV1 = "testdata/v1.forecaster" // written by scripts/projectv1

// entriesOf reads a project file's entries, in order.
func entriesOf(t testing.TB, b []byte) ([]string, map[string][]byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	m := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name], _ = io.ReadAll(r)
		r.Close()
		names = append(names, f.Name)
	}
	return names, m
}

// zipOf writes entries as a zip archive, in the order of names.
func zipOf(t testing.TB, names []string, m map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m[n])
	}
	z.Close()
	return buf.Bytes()
}

func read(b []byte) (*Project, error) {
	return readFrom(context.Background(), bytes.NewReader(b), int64(len(b)))
}

// current is the v1 fixture as the current version writes it.
func current(t testing.TB) []byte {
	t.Helper()
	p, err := Open(context.Background(), fixtureV1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := write(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMigrateV1: the version 1 fixture opens upgraded: its columns (kept
// as four fields then), settings, run and model as they were saved; its
// model forecasts what the run forecast, bit for bit; written again, it is
// the current version and reads back the same.
func TestMigrateV1(t *testing.T) {
	p, err := Open(context.Background(), fixtureV1)
	if err != nil {
		t.Fatal(err)
	}
	want := tsdata.SeriesSpec{DateCol: "month", ValueCol: "passengers", Missing: tsdata.MissingForwardFill}
	if p.Migrated != 1 || fmt.Sprint(p.Spec) != fmt.Sprint(want) {
		t.Errorf("Migrated %d, Spec %+v; want 1, %+v", p.Migrated, p.Spec, want)
	}
	if p.Data.Source != "sample:air_passengers" || p.Series.Len() != 144 || p.View["tab"] != "Forecast" {
		t.Errorf("data %s of %d points, view %v; want the airline sample's 144, tab Forecast", p.Data.Source, p.Series.Len(), p.View)
	}
	if len(p.Runs) != 1 || p.NextRun != 2 || p.Settings.Hidden != 3 || p.Settings.Horizon != 6 {
		t.Fatalf("%d runs, next %d, hidden %d; want 1 run of the fixture's settings", len(p.Runs), p.NextRun, p.Settings.Hidden)
	}
	r := p.Runs[0]
	fc, err := r.Result.Model.Predict(r.Data)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fc.Mean {
		if math.Float64bits(v) != math.Float64bits(r.Result.Forecast.Mean[k]) {
			t.Errorf("the model's forecast step %d = %v; the run's was %v", k+1, v, r.Result.Forecast.Mean[k])
		}
	}
	b := current(t)
	_, m := entriesOf(t, b)
	if !bytes.Contains(m[manifestEntry], fmt.Appendf(nil, `"version":%d`, Version)) || !bytes.Contains(m[manifestEntry], []byte(`"columns":{`)) {
		t.Errorf("rewritten manifest is not version %d: %.200s", Version, m[manifestEntry])
	}
	q, err := read(b)
	if err != nil || q.Migrated != 0 || fmt.Sprint(q.Spec) != fmt.Sprint(p.Spec) || q.Runs[0].Result.Forecast.Mean[0] != r.Result.Forecast.Mean[0] {
		t.Errorf("the current version's copy reads back as %+v, %v", q, err)
	}
}

// TestMigrateV2: a version 2 file (no sheet, no run names) opens as one
// on the default sheet with unnamed runs; the sheet and the names a
// version 3 file holds read back.
func TestMigrateV2(t *testing.T) {
	names, m := entriesOf(t, current(t))
	m2 := map[string][]byte{}
	for k, v := range m {
		m2[k] = v
	}
	respell(m2, manifestEntry, fmt.Sprintf(`"version":%d`, Version), `"version":2`)
	respell(m2, manifestEntry, `"sheet":"",`, ``)
	respell(m2, "runs/1.json", `"name":"",`, ``)
	if bytes.Contains(m2[manifestEntry], []byte(`"sheet"`)) || bytes.Contains(m2["runs/1.json"], []byte(`"name"`)) {
		t.Fatalf("the version 2 copy still has a sheet or a run name: %.300s", m2[manifestEntry])
	}
	p, err := read(zipOf(t, names, m2))
	if err != nil || p.Migrated != 2 || p.Sheet != "" || p.Runs[0].Name != "" || p.Series.Len() != 144 {
		t.Fatalf("version 2 reads as %+v, %v; want migrated from 2, no sheet, no name, 144 points", p, err)
	}
	p.Runs[0].Name = "first try"
	var buf bytes.Buffer
	if err := write(&buf, p); err != nil {
		t.Fatal(err)
	}
	q, err := read(buf.Bytes())
	if err != nil || q.Migrated != 0 || q.Runs[0].Name != "first try" {
		t.Errorf("the run's name reads back as %q (%v); want first try", q.Runs[0].Name, err)
	}
}

// TestNewerVersion: a file of a newer format says which version it is and
// that a newer Forecaster is needed.
func TestNewerVersion(t *testing.T) {
	names, m := entriesOf(t, current(t))
	newer := fmt.Sprintf("version %d", Version+1)
	respell(m, manifestEntry, fmt.Sprintf(`"version":%d`, Version), `"version":`+strings.TrimPrefix(newer, "version "))
	_, err := read(zipOf(t, names, m))
	if !errors.Is(err, ErrNewer) || !strings.Contains(err.Error(), newer) || !strings.Contains(err.Error(), "newer Forecaster") {
		t.Errorf("Read(%s) = %v; want ErrNewer naming %s", newer, err, newer)
	}
}

// respell rewrites one entry's text.
func respell(m map[string][]byte, name, old, new string) {
	m[name] = bytes.Replace(m[name], []byte(old), []byte(new), 1)
}

// editRun decodes run 1's entry, changes it and encodes it again.
func editRun(t testing.TB, m map[string][]byte, f func(*runEntry)) {
	var e runEntry
	if err := entries.decodeJSON(m["runs/1.json"], &e); err != nil {
		t.Fatal(err)
	}
	f(&e)
	b, err := entries.encodeJSON(e)
	if err != nil {
		t.Fatal(err)
	}
	m["runs/1.json"] = b
}

// TestDamagedFiles: every kind of damage is refused with ErrBadProject and
// a message saying what is wrong; nothing panics.
func TestDamagedFiles(t *testing.T) {
	good := current(t)
	for _, c := range []struct {
		name, want string
		spoil      func(names []string, m map[string][]byte) ([]string, map[string][]byte)
	}{
		{"no manifest", "is missing", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			delete(m, manifestEntry)
			return n[:len(n)-1], m
		}},
		{"manifest not JSON", "manifest.json", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			m[manifestEntry] = m[manifestEntry][:40]
			return n, m
		}},
		{"another format", "not forecaster-project", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, manifestEntry, Format, "other-format")
			return n, m
		}},
		{"data changed", "checksum", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, "data/air_passengers_monthly.csv", "112", "113")
			return n, m
		}},
		{"text in a number", "whole number", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, manifestEntry, `"next_run":2`, `"next_run":"NaN"`)
			return n, m
		}},
		{"unknown field", "unknown field", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, "runs/1.json", `{"id":1`, `{"extra":1,"id":1`)
			return n, m
		}},
		{"run listed twice", "listed twice", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, manifestEntry, `"runs":[{`, `"runs":[{"id":1,"entry":"runs/1.json","model":"","series":""},{`)
			return n, m
		}},
		{"run numbered beyond next", "numbered outside", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, manifestEntry, `"next_run":2`, `"next_run":1`)
			return n, m
		}},
		{"short forecast", "horizon is 6", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			editRun(t, m, func(e *runEntry) { e.Result.Forecast.Mean = e.Result.Forecast.Mean[:2] })
			return n, m
		}},
		{"holdout outside the series", "outside its series", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			editRun(t, m, func(e *runEntry) { e.Result.Holdout.Start = 1 << 40 })
			return n, m
		}},
		{"short holdout band of a method", `"theta" holdout intervals have 2 points`, func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			editRun(t, m, func(e *runEntry) { // the fixture (version 1) predates the bands
				hd := &e.Result.Holdout
				hd.Bands = map[string]forecast.Band{"theta": {Lower80: hd.Actual, Upper80: hd.Actual, Lower95: hd.Actual, Upper95: hd.Actual[:2]}}
			})
			return n, m
		}},
		{"damaged telemetry", "training history", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			editRun(t, m, func(e *runEntry) { e.History.Curves = e.History.Curves[:2] })
			return n, m
		}},
		{"model of other settings", "other settings", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, "runs/1.model.json", `"seed": 7`, `"seed": 8`)
			return n, m
		}},
		{"model of another series", "trained on", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, "runs/1.model.json", `"series": "passengers"`, `"series": "cars"`)
			return n, m
		}},
		{"model in the run entry", "must be null", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, "runs/1.json", `"Model":null`, `"Model":{"Settings":{}}`)
			return n, m
		}},
		{"experiment out of range", "best", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			respell(m, manifestEntry, `"experiment":""`, `"experiment":"experiment.json"`)
			m[experimentEntry] = []byte(`{"Series":"x","Spec":{"Base":` + settingsJSON(t, m) + `,"Axes":null,"Seeds":1,"Workers":0,"Target":0},"Target":0,"Runs":null,"Cells":[],"Best":{"mase":3},"Seconds":1}`)
			return append(n, experimentEntry), m
		}},
		{"too many entries", "entries", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			for i := range maxEntries {
				name := fmt.Sprintf("junk/%d", i)
				n, m[name] = append(n, name), nil
			}
			return n, m
		}},
		{"entry twice", "twice", func(n []string, m map[string][]byte) ([]string, map[string][]byte) {
			return append(n, "runs/1.json"), m
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			names, m := entriesOf(t, good)
			names, m = c.spoil(names, m)
			p, err := read(zipOf(t, names, m))
			if !errors.Is(err, ErrBadProject) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Read = %v, %v; want ErrBadProject saying %q", p, err, c.want)
			}
		})
	}
	for _, b := range [][]byte{nil, []byte("PK"), good[:len(good)/2], good[:len(good)-10], bytes.Repeat([]byte{0}, 100)} {
		if _, err := read(b); !errors.Is(err, ErrBadProject) {
			t.Errorf("Read(%d damaged bytes) = %v; want ErrBadProject", len(b), err)
		}
	}
}

func settingsJSON(t testing.TB, m map[string][]byte) string {
	var mf manifest
	if err := entries.decodeJSON(m[manifestEntry], &mf); err != nil {
		t.Fatal(err)
	}
	b, _ := entries.encodeJSON(mf.Settings)
	return strings.TrimSpace(string(b))
}

// bomb writes a zip whose manifest entry declares declared bytes and
// unpacks to actual bytes of spaces (valid JSON padding).
func bomb(t *testing.T, declared, actual uint64) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	crc := crc32.NewIEEE()
	for n := uint64(0); n < actual; n += uint64(len(chunk)) {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: manifestEntry, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	z.Close()
	return buf.Bytes()
}

// TestZipBombBoundedMemory: an entry that unpacks to far more than its
// limit is refused — before reading when its header says so; when the
// header lies, as soon as the data pass the size it declared
// (archive/zip's check; the reader's own limit stands behind it) — and
// reading it allocates about the limit, not what it unpacks to.
func TestZipBombBoundedMemory(t *testing.T) {
	const unpacks = 64 << 20 // 64 MiB of spaces in 64 KiB
	for _, c := range []struct {
		name     string
		declared uint64
		want     string
	}{
		{"honest header", unpacks, "unpacks to 64.0 MiB"},
		{"lying header", 100, "damaged"},
	} {
		b := bomb(t, c.declared, unpacks)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := read(b)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrBadProject) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Read = %v; want %q", c.name, err, c.want)
		}
		// The manifest's limit is 4 MiB; a buffer grows to at most twice
		// what it holds. 32 MiB leaves room for the zip reader's own.
		if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
			t.Errorf("%s: reading a %d-byte bomb allocated %d MiB; want at most 32", c.name, len(b), got>>20)
		}
	}
}

// TestWriteReadIdentical: a project read and written again gives the same
// bytes (saved time aside: the fixture's is kept), so nothing is lost or
// invented on the way.
func TestWriteReadIdentical(t *testing.T) {
	a := current(t)
	p, err := read(a)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := write(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b.Bytes()) {
		t.Error("writing what was read changed the file")
	}
}

// FuzzRead: no input makes readFrom panic; what it accepts can be written
// again.
func FuzzRead(f *testing.F) {
	good, err := os.ReadFile(fixtureV1)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(current(f))
	names, m := entriesOf(f, current(f))
	respell(m, manifestEntry, `"next_run":2`, `"next_run":-1`)
	f.Add(zipOf(f, names, m))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := read(b)
		if err != nil {
			return
		}
		if err := write(io.Discard, p); err != nil {
			t.Errorf("a project Read accepted cannot be written: %v", err)
		}
	})
}

// BenchmarkOpen reads the current version's copy of the fixture (the airline
// sample, one run): unzipping, decoding, parsing the data, checking.
func BenchmarkOpen(b *testing.B) {
	data := current(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := read(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave writes it.
func BenchmarkSave(b *testing.B) {
	p, err := read(current(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}
