#!/usr/bin/python3
"""Time pandas.read_csv(parse_dates=[0]) on the forecast package's benchmark file.

Usage (side by side with the Go benchmark, same file):

    FORECAST_BENCH_CSV=/tmp/bench1m.csv go test ./forecast/ -run '^$' \
        -bench 'ReadCSV1M' -benchtime 5x
    /usr/bin/python3 scripts/bench_pandas.py /tmp/bench1m.csv

The Go benchmark writes the file when it does not exist. If this script is
run first, it writes the same format itself (date,value; 1,000,000 hourly rows
from 2000-01-01 00:00:00, value = 1000 + 100*sin(i/24) + (i*7919 % 1000)/100).
It prints the best and median of several runs, in seconds.
"""
import math
import os
import statistics
import sys
import time


def write_bench_csv(path, n=1_000_000):
    import datetime
    t0 = datetime.datetime(2000, 1, 1)
    with open(path, "w", newline="\n") as f:
        f.write("date,value\n")
        for i in range(n):
            v = 1000 + 100 * math.sin(i / 24) + (i * 7919 % 1000) / 100
            r = math.floor(v * 100 + 0.5) / 100
            f.write("%s,%.2f\n" % ((t0 + datetime.timedelta(hours=i)).strftime("%Y-%m-%d %H:%M:%S"), r))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench1m.csv"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not os.path.exists(path):
        print("writing", path, file=sys.stderr)
        write_bench_csv(path)
    import pandas as pd

    times = []
    for _ in range(runs):
        t = time.perf_counter()
        df = pd.read_csv(path, parse_dates=[0])
        times.append(time.perf_counter() - t)
    assert len(df) == 1_000_000, len(df)
    assert str(df.dtypes.iloc[0]).startswith("datetime64"), df.dtypes
    print("pandas %s read_csv(parse_dates=[0]) %s: rows %d, best %.3f s, median %.3f s over %d runs"
          % (pd.__version__, os.path.basename(path), len(df), min(times), statistics.median(times), runs))


if __name__ == "__main__":
    main()
