// Command panelgen writes panel files (many series in one CSV) for tests,
// benchmarks and tries of the window, deterministically (fixed seeds):
//
//	go run ./scripts/panelgen -stores 3 -months 48 -out stores.csv
//	    long format store,date,sales: monthly sales of fictional stores with
//	    a trend, a yearly season and noise, each store its own level, start
//	    and end; -flaws adds a missing cell, a missing month, a duplicate
//	    (store, date) row and rows out of order
//	go run ./scripts/panelgen -stores 10000 -months 120 -ragged=false -out /tmp/panel10k.csv
//	    the scale run of issue 12 (1.2 M rows, 30 MB)
//	go run ./scripts/panelgen -melt sampledata/data/us_macro_quarterly.csv -out macro_long.csv
//	    a wide file's numeric columns as long format series,date,value
//	    (empty cells left out), to check long and wide read the same series
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

func main() {
	out := flag.String("out", "", "output file")
	stores := flag.Int("stores", 3, "series (stores) in the long file")
	months := flag.Int("months", 48, "months of the longest series")
	ragged := flag.Bool("ragged", true, "store k starts k mod 7 months late and ends k mod 5 early (false: all span -months)")
	flaws := flag.Bool("flaws", false, "add a missing cell, a missing month, a duplicate row and rows out of order")
	melt := flag.String("melt", "", "a wide CSV (date first, then numeric columns) to write in long format")
	varied := flag.Bool("varied", false, "stores that differ more: levels from 10 to 100,000, lengths from 0.8 to 1.2 × -months, noise 2 % to 12 % with an AR(1) part, two seasonal harmonics")
	kinds := flag.Int("kinds", 0, "with -varied: each store one of this many kinds (a column kind, K1 …), the kind setting its season's shape and phase and its trend, each store's own a little off them")
	flag.Parse()
	if *out == "" {
		log.Fatal("panelgen: -out is required")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	switch {
	case *melt != "":
		err = meltFile(w, *melt)
	case *varied:
		err = variedFile(w, *stores, *months, *kinds)
	default:
		err = storesFile(w, *stores, *months, *ragged, *flaws)
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		log.Fatal(err)
	}
}

// storesFile writes n stores' monthly sales. When ragged, store k starts k
// mod 7 months late and ends k mod 5 months early (the first store spans
// all months).
func storesFile(w *bufio.Writer, n, months int, ragged, flaws bool) error {
	rng := rand.New(rand.NewPCG(12, uint64(n)))
	fmt.Fprintln(w, "store,date,sales")
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	width := len(strconv.Itoa(n))
	var tail []string // flaws: the first store's last rows, written at the end of the file
	for k := 0; k < n; k++ {
		id := fmt.Sprintf("S%0*d", width, k+1)
		level := 200 + 800*rng.Float64()
		growth := 0.02 * (rng.Float64() - 0.3)
		amp := 0.05 + 0.25*rng.Float64()
		phase := rng.IntN(12)
		first, last := k%7, months-1-k%5
		if k == 0 || !ragged {
			first, last = 0, months-1
		}
		for i := first; i <= last; i++ {
			d := start.AddDate(0, i, 0)
			season := 1 + amp*math.Sin(2*math.Pi*float64(i+phase)/12)
			v := level * math.Exp(growth*float64(i)/12) * season * (1 + 0.05*rng.NormFloat64())
			cell := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
			row := id + "," + d.Format("2006-01-02") + ","
			switch {
			case flaws && k == 1 && i == first+5:
				continue // a missing month
			case flaws && k == 1 && i == first+9:
				cell = "" // a missing cell
			case flaws && k == 2 && i == first+3:
				fmt.Fprintln(w, row+"1") // a duplicate (store, date): the later row is kept
			case flaws && k == 0 && i >= last-1:
				tail = append(tail, row+cell)
				continue
			}
			fmt.Fprintln(w, row+cell)
		}
	}
	for _, r := range tail {
		fmt.Fprintln(w, r)
	}
	return nil
}

// meltFile writes the numeric columns of a wide file as series,date,value.
func meltFile(w *bufio.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	if len(recs) < 2 {
		return fmt.Errorf("panelgen: %s has no data rows", path)
	}
	head := recs[0]
	fmt.Fprintf(w, "series,%s,value\n", head[0])
	for j := 1; j < len(head); j++ {
		for _, r := range recs[1:] {
			if j >= len(r) || r[j] == "" || r[j] == "NA" {
				continue
			}
			if _, err := strconv.ParseFloat(r[j], 64); err != nil {
				break // not a numeric column
			}
			fmt.Fprintf(w, "%s,%s,%s\n", head[j], r[0], r[j])
		}
	}
	return nil
}

// variedFile writes n series of monthly sales that differ in level (10 to
// 10⁵, log-uniform), length (0.8 to 1.2 × months, ending together), trend
// (−6 % to +18 % a year), yearly pattern (two harmonics, up to ±40 %) and
// noise (2 % to 12 %, AR(1) with coefficient 0.5, multiplicative): the
// scale run and the accuracy panels of the global model (docs/panel.md).
func variedFile(w *bufio.Writer, n, months, kinds int) error {
	rng := rand.New(rand.NewPCG(21, uint64(n)))
	type kind struct{ g, a1, a2, p1, p2 float64 }
	ks := make([]kind, kinds)
	kr := rand.New(rand.NewPCG(22, uint64(kinds)))
	for i := range ks {
		ks[i] = kind{-0.005 + 0.02*kr.Float64(), 0.3 * kr.Float64(), 0.1 * kr.Float64(), 2 * math.Pi * kr.Float64(), 2 * math.Pi * kr.Float64()}
	}
	if kinds > 0 {
		fmt.Fprintln(w, "store,kind,date,sales")
	} else {
		fmt.Fprintln(w, "store,date,sales")
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	width := len(strconv.Itoa(n))
	lo, hi := months*8/10, months*12/10
	for k := 0; k < n; k++ {
		id := fmt.Sprintf("S%0*d", width, k+1)
		length := lo + rng.IntN(hi-lo+1)
		level := math.Exp(math.Log(10) + rng.Float64()*math.Log(1e4))
		g := -0.005 + 0.02*rng.Float64()
		a1, a2 := 0.3*rng.Float64(), 0.1*rng.Float64()
		p1, p2 := 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64()
		sd := 0.02 + 0.1*rng.Float64()
		col := ""
		if kinds > 0 {
			j := rng.IntN(kinds)
			kd := ks[j]
			g = kd.g + 0.002*rng.NormFloat64()
			a1, a2 = kd.a1*(1+0.1*rng.NormFloat64()), kd.a2*(1+0.1*rng.NormFloat64())
			p1, p2 = kd.p1+0.1*rng.NormFloat64(), kd.p2+0.1*rng.NormFloat64()
			col = fmt.Sprintf("K%d,", j+1)
		}
		e := 0.0
		for i := hi - length; i < hi; i++ {
			e = 0.5*e + sd*rng.NormFloat64()
			s := 1 + a1*math.Sin(2*math.Pi*float64(i)/12+p1) + a2*math.Sin(4*math.Pi*float64(i)/12+p2)
			v := level * math.Exp(g*float64(i)) * s * math.Exp(e)
			fmt.Fprintf(w, "%s,%s%s,%s\n", id, col, start.AddDate(0, i, 0).Format("2006-01-02"), strconv.FormatFloat(v, 'g', 6, 64))
		}
	}
	return nil
}
