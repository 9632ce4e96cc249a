package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

const goOutput = `goos: linux
goarch: amd64
pkg: github.com/forecaster-dev/forecaster/lstm
BenchmarkTrainStep/B=32,T=48,H=64,L=2-2         	      10	  20000000 ns/op	        20.00 ms/op	       0 B/op	       0 allocs/op
BenchmarkTrainStep/B=32,T=48,H=64,L=2-2         	      10	  24000000 ns/op	        24.00 ms/op
BenchmarkTrainStep/B=32,T=48,H=64,L=2-2         	      10	  21000000 ns/op	        21.00 ms/op
BenchmarkTrainStep/B=32,T=48,H=64,L=2/float32-2 	      10	   9000000 ns/op	         9.00 ms/op
BenchmarkTrainStep/B=32,T=48,H=64,L=2/float32-2 	      10	  10500000 ns/op	        10.50 ms/op
BenchmarkTrainStep/B=32,T=48,H=32,L=1           	      10	   5000000 ns/op
BenchmarkPredict-2                              	      10	   1000000 ns/op
PASS
`

const torchOutput = `{"config": "B=32,T=48,H=64,L=2", "dtype": "float32", "threads": 1, "median_ms": 35.0, "min_ms": 30, "iters": 10, "torch": "1.13.0"}
{"config": "B=32,T=48,H=64,L=2", "dtype": "float32", "threads": 2, "median_ms": 30.0, "min_ms": 29, "iters": 10, "torch": "1.13.0"}
{"config": "B=32,T=48,H=64,L=2", "dtype": "float64", "threads": 1, "median_ms": 42.0, "min_ms": 40, "iters": 10, "torch": "1.13.0"}
bench_torch: a progress line
{"config": "B=32,T=48,H=32,L=1", "dtype": "float32", "threads": 1, "median_ms": 4.0, "min_ms": 3.9, "iters": 10, "torch": "1.13.0"}
`

func TestParseAndTable(t *testing.T) {
	ours, err := parseGoBench(strings.NewReader(goOutput))
	if err != nil {
		t.Fatal(err)
	}
	if got := median(ours["B=32,T=48,H=64,L=2/float64"]); got != 21 {
		t.Errorf("median of B=32,T=48,H=64,L=2 = %v ms; want 21", got)
	}
	if got := median(ours["B=32,T=48,H=64,L=2/float32"]); got != 9.75 {
		t.Errorf("median of B=32,T=48,H=64,L=2/float32 = %v ms; want 9.75", got)
	}
	if got := ours["B=32,T=48,H=32,L=1/float64"]; len(got) != 1 || got[0] != 5 {
		t.Errorf("B=32,T=48,H=32,L=1 = %v; want [5]", got)
	}
	if _, ok := ours["Predict"]; ok || len(ours) != 3 {
		t.Errorf("parsed %v; want only the three TrainStep results", ours)
	}
	torch, err := parseTorch(strings.NewReader(torchOutput))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := best(torch, "B=32,T=48,H=64,L=2", "float32"); b.MedianMs != 30 || b.Threads != 2 {
		t.Errorf("best float32 = %+v; want 30 ms with 2 threads", b)
	}

	var buf bytes.Buffer
	if printTable(&buf, []round{{ours, torch}}) {
		t.Error("printTable reported complete results with two configurations missing")
	}
	out := buf.String()
	for _, want := range []string{
		"| B=32,T=48,H=64,L=2   | 21.00       | 9.75        | 30.00 (2 thr)     | 42.00 (1 thr)     | 0.33               | 0.70               | 0.50               |",
		"| B=32,T=48,H=32,L=1   | 5.00        | —           | 4.00 (1 thr)      | —                 | —                  | 1.25               | —                  |",
		"| B=64,T=96,H=128,L=2  | —",
		"some configurations have no result of ours",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// TestVerdict checks the line on the 0.35 target: the largest ours-f32 to
// torch-f32 ratio of the four single-series configurations (not the fifth).
func TestVerdict(t *testing.T) {
	var goOut, torchOut strings.Builder
	for i, c := range configs {
		torchMs := 100.0
		ours32 := 30.0 + float64(i) // ratios 0.30 … 0.33, and 0.34 for the global batch
		if i == 4 {
			ours32 = 90 // not one of the four
		}
		writeRun(&goOut, &torchOut, c, 50, ours32, torchMs)
	}
	ours, torch := parseRound(t, goOut.String(), torchOut.String())
	var buf bytes.Buffer
	if !printTable(&buf, []round{{ours, torch}}) {
		t.Fatalf("incomplete:\n%s", buf.String())
	}
	if want := "at most 0.33 of PyTorch's best float32 time on the four single-series configurations (median over the rounds): meets the target of 0.35"; !strings.Contains(buf.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, buf.String())
	}
	ours["B=32,T=48,H=32,L=1/float32"] = []float64{36}
	buf.Reset()
	printTable(&buf, []round{{ours, torch}})
	if want := "at most 0.36 of PyTorch's best float32 time on the four single-series configurations (median over the rounds): misses the target of 0.35"; !strings.Contains(buf.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, buf.String())
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := parseGoBench(strings.NewReader("PASS\n")); err == nil {
		t.Error("parseGoBench of output without results: no error")
	}
	if _, err := parseTorch(strings.NewReader("{not json\n")); err == nil {
		t.Error("parseTorch of a bad line: no error")
	}
	if _, err := parseTorch(strings.NewReader("")); err == nil {
		t.Error("parseTorch of empty output: no error")
	}
}

// TestReferenceBLAS: the paths Debian's alternatives resolve to, reference
// BLAS (package libblas3) against OpenBLAS's pthread build.
func TestReferenceBLAS(t *testing.T) {
	for path, want := range map[string]bool{
		"/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0":            true,
		"/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3":     false,
		"/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0": false,
		"": false,
	} {
		if got := referenceBLAS(path); got != want {
			t.Errorf("referenceBLAS(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestRounds: with several rounds a ratio is taken within each round and
// the table gives the median and, for f32, the range; the verdict uses the
// median. Round 2's machine is twice as slow for both sides, which must not
// move the ratio, and round 3 is an outlier for PyTorch alone.
func TestRounds(t *testing.T) {
	var rs []round
	for _, r := range []struct{ slow, ours32, torch32 float64 }{
		{1, 30, 100}, // 0.30
		{2, 34, 100}, // 0.34 (68 / 200)
		{1, 40, 100}, // 0.40
	} {
		var goOut, torchOut strings.Builder
		for _, c := range configs {
			writeRun(&goOut, &torchOut, c, 50*r.slow, r.ours32*r.slow, r.torch32*r.slow)
		}
		ours, torch := parseRound(t, goOut.String(), torchOut.String())
		rs = append(rs, round{ours, torch})
	}
	var buf bytes.Buffer
	if !printTable(&buf, rs) {
		t.Fatalf("incomplete:\n%s", buf.String())
	}
	out := buf.String()
	for _, want := range []string{
		// ours f64 50,100,50 → 50; f32 30,68,40 → 40; torch 100,200,100 → 100
		"| B=32,T=48,H=64,L=2   | 50.00       | 40.00       | 100.00            | —                 | 0.34 (0.30–0.40)   | 0.50               | —                  |",
		"at most 0.34 of PyTorch's best float32 time on the four single-series configurations (median over the rounds): meets the target of 0.35",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// writeRun appends one run of config c to fake go test and bench_torch.py
// output: ours in float64 and float32, PyTorch's float32, in ms.
func writeRun(goOut, torchOut io.Writer, c string, ours64, ours32, torch32 float64) {
	fmt.Fprintf(goOut, "BenchmarkTrainStep/%s/float64-2 1 %d ns/op\n", c, int(ours64*1e6))
	fmt.Fprintf(goOut, "BenchmarkTrainStep/%s/float32-2 1 %d ns/op\n", c, int(ours32*1e6))
	fmt.Fprintf(torchOut, `{"config": %q, "dtype": "float32", "threads": 1, "median_ms": %g, "min_ms": 1, "iters": 10, "torch": "1.13.0"}`+"\n", c, torch32)
}

// parseRound parses the fake output of one round.
func parseRound(t *testing.T, goOut, torchOut string) (map[string][]float64, []torchResult) {
	t.Helper()
	ours, err := parseGoBench(strings.NewReader(goOut))
	if err != nil {
		t.Fatal(err)
	}
	torch, err := parseTorch(strings.NewReader(torchOut))
	if err != nil {
		t.Fatal(err)
	}
	return ours, torch
}
