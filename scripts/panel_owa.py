#!/usr/bin/python3
"""Mean sMAPE, MASE and OWA over a panel's series for every method of
`forecaster backtest -json` runs and of scripts/panel_ets.R (R's ets and
the M4 Naive2), on the series all of them scored (docs/panel.md).

OWA is the M4 competition's: (sMAPE / sMAPE of Naive2 + MASE / MASE of
Naive2) / 2, each the mean over the series.

Usage: scripts/panel_owa.py R_SCORES.csv BACKTEST.json [BACKTEST.json ...]
A method of a later JSON file replaces the same name of an earlier one,
except that each file's "lstm" is kept apart as "lstm (<model>)".
"""
import csv
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    scores = {}  # method -> id -> (smape, mase)
    with open(sys.argv[1]) as f:
        for r in csv.DictReader(f):
            scores.setdefault(r["method"], {})[r["id"]] = (float(r["smape"]), float(r["mase"]))
    for path in sys.argv[2:]:
        with open(path) as f:
            run = json.load(f)
        for e in run["each"]:
            for m, x in (e.get("methods") or {}).items():
                if x.get("smape") is None or x.get("mase") is None:
                    continue
                name = m if m != "recommended" else f"recommended ({run['model']})"
                scores.setdefault(name, {})[e["id"]] = (x["smape"], x["mase"])
    ids = set.intersection(*(set(v) for v in scores.values()))
    if "naive2" not in scores or not ids:
        sys.exit("panel_owa: no series scored by every method (is naive2 in the R scores?)")
    mean = {m: (sum(v[i][0] for i in ids) / len(ids), sum(v[i][1] for i in ids) / len(ids)) for m, v in scores.items()}
    s2, m2 = mean["naive2"]
    print(f"{len(ids)} series")
    print(f"| method | sMAPE % | MASE | OWA |")
    print("|---|---:|---:|---:|")
    for m, (s, k) in sorted(mean.items(), key=lambda kv: (kv[1][0] / s2 + kv[1][1] / m2)):
        print(f"| {m} | {s:.2f} | {k:.3f} | {(s / s2 + k / m2) / 2:.3f} |")


if __name__ == "__main__":
    main()
