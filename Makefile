# Forecaster — `make help` lists the targets.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(shell go env GOPATH 2>/dev/null)/bin
export CGO_ENABLED := 1
BIN := bin/forecaster
GOFILES := $(shell git ls-files '*.go' 2>/dev/null)

.PHONY: check-numbers help run build test lint vet race smoke package bench bench-torch bench-pandas fixtures fixtures-diagnose fixtures-r eval-r defaults study icon generate setup fuzz clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

run: ## install what is missing (apt, needs root/sudo), build and open the app
	@scripts/setup.sh build
	go build -o $(BIN) ./cmd/forecaster
	./$(BIN)

build: ## build the app binary (cgo) into bin/forecaster
	@scripts/setup.sh build
	go build -o $(BIN) ./cmd/forecaster

test: ## install what is missing, then lint, go test -race ./..., build, GUI smoke test, package check
	@scripts/setup.sh test
	$(MAKE) lint
	go test -race -timeout 30m ./...
	go build -o $(BIN) ./cmd/forecaster
	scripts/smoke.sh $(BIN) .smoke
	scripts/gui_smoke_train.sh $(BIN) .smoke/train
	scripts/package.sh dist

lint: ## gofmt check, go vet, generated metadata and README settings table up to date
	@bad=$$(gofmt -l $(GOFILES)); if [ -n "$$bad" ]; then echo "gofmt would change:"; echo "$$bad"; exit 1; fi
	go vet ./...
	@cp cmd/forecaster/metadata.go /tmp/forecaster-metadata.go && go run ./scripts/genmeta -o /tmp/forecaster-metadata-new.go && \
	  cmp -s /tmp/forecaster-metadata.go /tmp/forecaster-metadata-new.go || { echo "cmd/forecaster/metadata.go is stale: run make generate"; exit 1; }
	@go run ./scripts/settingsdoc -o /tmp/forecaster-readme-new.md && \
	  cmp -s README.md /tmp/forecaster-readme-new.md || { echo "README.md's settings table is stale: run make generate"; exit 1; }

smoke: build ## GUI smoke test of the real binary under Xvfb (screenshots in .smoke/)
	@scripts/setup.sh test
	scripts/smoke.sh $(BIN) .smoke
	scripts/gui_smoke_train.sh $(BIN) .smoke/train

package: ## build dist/Forecaster-<version>-linux-<arch>.tar.xz with fyne package and check it
	@scripts/setup.sh test
	scripts/package.sh dist

bench: ## Go benchmarks: LSTM training step, matrix kernel, CSV import, chart redraw
	go test -run '^$$' -bench . -benchmem ./lstm/... ./forecast/ ./ui/

bench-torch: ## LSTM training step side by side with PyTorch 1.13 (needs python3-torch)
	@scripts/setup.sh torch
	go run ./scripts/benchcmp

bench-pandas: ## 1M-row CSV import side by side with pandas.read_csv (needs python3-pandas)
	@scripts/setup.sh torch
	FORECAST_BENCH_CSV=/tmp/forecaster-bench1m.csv go test ./forecast/ -run '^$$' -bench 'ReadCSV1M' -benchtime 5x
	/usr/bin/python3 scripts/bench_pandas.py /tmp/forecaster-bench1m.csv

fixtures: ## regenerate lstm/testdata PyTorch parity fixtures (needs python3-torch)
	@scripts/setup.sh torch
	/usr/bin/python3 scripts/torch_fixtures.py

fixtures-diagnose: ## regenerate forecast/diagnose/testdata from the samples with R (needs r-base-core, r-cran-forecast)
	Rscript scripts/r_fixtures_diagnose.R

fixtures-r: ## regenerate forecast/classic/testdata/r from R's forecast package (ets, thetaf, auto.arima; needs r-cran-forecast, ~5 min)
	@scripts/setup.sh r
	Rscript scripts/r_fixtures_classic.R forecast/classic/testdata/r
	Rscript scripts/r_fixtures_naive2.R forecast/classic/testdata/m4/naive2.json

eval-r: ## independent evaluation on 15 series of R's datasets against R's forecast package (measurement only); writes docs/evaluation.md
	@scripts/setup.sh r
	Rscript scripts/eval_r/eval.R /tmp/forecaster-eval
	go run ./scripts/eval_r -data /tmp/forecaster-eval -out docs/evaluation.md

STUDY_OUT ?= docs/study
DEFAULTS_OUT ?= docs/defaults.md

study: ## test the article's claims on the bundled samples (several seeds); writes docs/study/
	go run ./scripts/devtools study -out $(STUDY_OUT)

defaults: ## backtest the defaults on every bundled series with seeds 1, 2 and 3; writes docs/defaults.md
	go run ./scripts/devtools defaults-table -out $(DEFAULTS_OUT)

check-numbers: ## regenerate the defaults table and the study and compare them with docs/ (times aside)
	scripts/check_numbers.sh

fuzz: ## fuzz the CSV reader and the model loader for 60 s each
	go test -run '^$$' -fuzz FuzzReadCSV -fuzztime 60s ./forecast/tsdata/
	go test -run '^$$' -fuzz FuzzLoad -fuzztime 60s ./lstm/
	go test -run '^$$' -fuzz FuzzReadModel -fuzztime 60s ./forecast/

generate: ## regenerate cmd/forecaster/metadata.go (FyneApp.toml, icon) and README's settings table (forecast/fields.go)
	go generate ./cmd/forecaster
	go run ./scripts/settingsdoc

icon: ## redraw Icon.png
	go run ./scripts/icongen -o Icon.png
	go generate ./cmd/forecaster

setup: ## install everything the tests and benchmarks need (apt, needs root/sudo)
	scripts/setup.sh torch

clean: ## remove build outputs
	rm -rf bin dist .smoke
