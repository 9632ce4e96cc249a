// Command modelmem builds large model files and measures what loading them
// costs: the numbers behind the model-file limits (issue 15, items 4 and 6).
// Developer tool; nothing in the product uses it.
//
//	go run ./scripts/modelmem gen -layers 3 -hidden 1024 -out /tmp/big.json
//	go run ./scripts/modelmem flood -values 100000000 -out /tmp/flood.json
//	go build -o /tmp/modelmem ./scripts/modelmem
//	/usr/bin/time -v /tmp/modelmem load /tmp/big.json
//
// gen writes a valid model file of the given shape in the format this build
// writes: a tiny model trained on a synthetic monthly series gives the
// header, and lstm.New's randomly initialised networks of the wanted shape
// replace its network. flood writes a hostile file: a valid tiny model
// whose first tensor's data array holds -values zeros ("0,0,0,…", 2 bytes
// a value). load reads a file with forecast.LoadModel and prints the time,
// the bytes allocated and the peak heap; run it under /usr/bin/time -v for
// the peak resident set.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
	"github.com/forecaster-dev/forecaster/lstm"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("modelmem: ")
	if len(os.Args) < 2 {
		log.Fatal("usage: modelmem gen|flood|load …")
	}
	switch os.Args[1] {
	case "gen":
		gen(os.Args[2:])
	case "flood":
		flood(os.Args[2:])
	case "load":
		if len(os.Args) != 3 {
			log.Fatal("usage: modelmem load FILE")
		}
		load(os.Args[2])
	default:
		log.Fatalf("unknown command %q", os.Args[1])
	}
}

// template trains a tiny model whose header gen and flood reuse.
func template(horizon int, strategy string) map[string]json.RawMessage {
	n := 3*horizon + 120
	s := &tsdata.Series{Name: "synthetic", Values: make([]float64, n), Freq: calendar.Freq{Unit: calendar.FreqMonth, K: 1}}
	t0 := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range s.Values {
		s.Values[i] = 100 + float64(i)/4 + 10*math.Sin(2*math.Pi*float64(i)/12)
		s.Times = append(s.Times, t0.AddDate(0, i, 0))
	}
	set := config.DefaultSettings()
	st, err := config.ParseStrategy(strategy)
	if err != nil {
		log.Fatal(err)
	}
	set.Horizon, set.Strategy, set.Hidden, set.Epochs, set.Window = horizon, st, 2, 1, 24
	res, err := forecast.TrainFull(context.Background(), s, set, nil)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		log.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		log.Fatal(err)
	}
	return m
}

func gen(args []string) {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	layers := fs.Int("layers", 1, "LSTM layers")
	hidden := fs.Int("hidden", 64, "hidden units")
	ensemble := fs.Int("ensemble", 1, "networks")
	horizon := fs.Int("horizon", 12, "horizon")
	strategy := fs.String("strategy", "direct", "direct | recursive")
	out := fs.String("out", "", "the model `file` to write")
	fs.Parse(args)
	m := template(*horizon, *strategy)
	var set map[string]any
	json.Unmarshal(m["settings"], &set)
	set["layers"], set["hidden"], set["ensemble"] = *layers, *hidden, *ensemble
	m["settings"], _ = json.Marshal(set)
	var nets []map[string]json.RawMessage
	json.Unmarshal(m["networks"], &nets)
	var cfg lstm.Config
	json.Unmarshal(nets[0]["config"], &cfg)
	cfg.Layers, cfg.HiddenSize = *layers, *hidden
	var all []json.RawMessage
	for i := range *ensemble {
		cfg.Seed = uint64(i + 1)
		net, err := lstm.New(cfg)
		if err != nil {
			log.Fatal(err)
		}
		var b bytes.Buffer
		if err := net.Save(&b); err != nil {
			log.Fatal(err)
		}
		all = append(all, bytes.TrimSpace(b.Bytes()))
	}
	m["networks"], _ = json.Marshal(all)
	// Read it back and write it as Forecaster does, so the file has the
	// layout this build writes.
	model, err := forecast.ReadModel(bytes.NewReader(join(m)))
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Write(&b); err != nil {
		log.Fatal(err)
	}
	save(*out, b.Bytes())
}

func flood(args []string) {
	fs := flag.NewFlagSet("flood", flag.ExitOnError)
	values := fs.Int("values", 1e8, "zeros in the first tensor's data")
	out := fs.String("out", "", "the model `file` to write")
	fs.Parse(args)
	m := template(12, "direct")
	var nets []map[string]json.RawMessage
	json.Unmarshal(m["networks"], &nets)
	var params []map[string]json.RawMessage
	json.Unmarshal(nets[0]["params"], &params)
	params[0]["data"] = json.RawMessage("[" + strings.Repeat("0,", *values-1) + "0]")
	nets[0]["params"], _ = json.Marshal(params)
	m["networks"], _ = json.Marshal(nets)
	save(*out, join(m))
}

// join returns the file's top-level fields in the order Forecaster writes
// them.
func join(m map[string]json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i, k := range []string{"format", "version", "series", "frequency", "covariates", "settings", "preparation", "interval80", "interval95", "networks"} {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n %q: %s", k, m[k])
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

func save(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %d bytes (%.1f MiB)\n", path, len(b), float64(len(b))/(1<<20))
}

func load(path string) {
	st, err := os.Stat(path)
	if err != nil {
		log.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t := time.Now()
	m, err := forecast.LoadModel(path)
	d := time.Since(t)
	runtime.ReadMemStats(&after)
	fmt.Printf("file %.1f MiB; load %.2f s; allocated %.1f MiB; heap peak (HeapSys) %.1f MiB; Sys %.1f MiB\n",
		float64(st.Size())/(1<<20), d.Seconds(), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20),
		float64(after.HeapSys)/(1<<20), float64(after.Sys)/(1<<20))
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	fmt.Printf("loaded: %d networks\n", m.Members())
}
