#!/usr/bin/python3
"""Time one LSTM training step in PyTorch, for comparison with lstm's
BenchmarkTrainStep.

One step is what lstm.Trainer.Step does: zero the gradients, run
nn.LSTM(1, H, L, batch_first=True) over a (B, T, 1) batch, apply an
nn.Linear(H, 12) head to the last hidden state, take the MSE loss against a
(B, 12) target, backpropagate, clip the global gradient norm to 1
(clip_grad_norm_) and take an Adam step (lr 1e-3).

Every configuration is timed in float32 and float64, with 1 thread and with 2
threads. Each thread setting runs in its own Python process, started with
OMP_WAIT_POLICY=PASSIVE and OMP_NUM_THREADS in its environment before torch
is imported: Debian's build otherwise spins idle OpenMP threads, which
oversubscribes a 2-core machine and makes PyTorch up to 3x slower.

Output: one JSON object per line on stdout,
  {"config": "B=32,T=48,H=64,L=2", "dtype": "float32", "threads": 2,
   "median_ms": 30.1, "min_ms": 29.0, "iters": 40, "torch": "1.13.0"}
progress goes to stderr.

Usage: /usr/bin/python3 scripts/bench_torch.py [--threads 1,2]
       [--dtypes float32,float64] [--configs B=32,T=48,H=64,L=2;...]
       [--min-time 2] [--min-iters 10] [--warmup 3]
"""

import argparse
import json
import os
import subprocess
import sys
import time

CONFIGS = [
    "B=32,T=48,H=64,L=2",
    "B=32,T=48,H=32,L=1",
    "B=64,T=96,H=128,L=2",
    "B=32,T=192,H=256,L=1",
    "B=256,T=24,H=32,L=1",  # the global model's batch (forecast/global)
]
INPUT, OUTPUT = 1, 12


def parse_config(name):
    """'B=32,T=48,H=64,L=2' -> {'B': 32, 'T': 48, 'H': 64, 'L': 2}"""
    cfg = {}
    for part in name.split(","):
        key, _, value = part.partition("=")
        cfg[key.strip()] = int(value)
    missing = {"B", "T", "H", "L"} - cfg.keys()
    if missing:
        raise ValueError(f"config {name!r} lacks {sorted(missing)}")
    return cfg


def time_config(torch, name, dtype, threads, args):
    cfg = parse_config(name)
    torch.manual_seed(1)
    nn = torch.nn
    lstm = nn.LSTM(INPUT, cfg["H"], cfg["L"], batch_first=True).to(dtype)
    head = nn.Linear(cfg["H"], OUTPUT).to(dtype)
    params = list(lstm.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.randn(cfg["B"], cfg["T"], INPUT, dtype=dtype)
    y = torch.randn(cfg["B"], OUTPUT, dtype=dtype)
    loss_fn = nn.MSELoss()

    def step():
        opt.zero_grad()
        out, _ = lstm(x)
        loss = loss_fn(head(out[:, -1, :]), y)
        loss.backward()
        nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        return loss

    for _ in range(args.warmup):
        step()
    times = []
    start = time.perf_counter()
    while len(times) < args.max_iters and (
        len(times) < args.min_iters or time.perf_counter() - start < args.min_time
    ):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return {
        "config": name,
        "dtype": str(dtype).replace("torch.", ""),
        "threads": threads,
        "median_ms": round(median, 3),
        "min_ms": round(times[0], 3),
        "iters": n,
        "torch": torch.__version__,
        "blas": blas_library(),
    }


def blas_library():
    """The BLAS shared library this process has mapped (after a product ran),
    e.g. ".../openblas-pthread/libblas.so.3", resolved through Debian's
    alternatives. Debian's reference BLAS (.../blas/libblas.so.3, what
    python3-torch gets when installed without its recommended OpenBLAS) makes
    PyTorch's step 10-15x slower, which would flatter our ratios."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "libblas" in path or "libopenblas" in path or "libmkl" in path or "libblis" in path:
                    return os.path.realpath(path)
    except OSError:
        pass
    return ""


def child(args):
    """Time every configuration with args.threads[0] threads in this process."""
    threads = args.threads[0]
    import torch  # imported only here, after the parent set the environment

    torch.set_num_threads(threads)
    for name in args.configs:
        for dt in args.dtypes:
            dtype = {"float32": torch.float32, "float64": torch.float64}[dt]
            res = time_config(torch, name, dtype, threads, args)
            print(json.dumps(res), flush=True)
            print(
                f"bench_torch: {name} {res['dtype']} threads={threads}: "
                f"median {res['median_ms']:.2f} ms over {res['iters']} steps",
                file=sys.stderr,
                flush=True,
            )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--dtypes", default="float32,float64")
    ap.add_argument("--configs", default=";".join(CONFIGS), help="semicolon-separated")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-iters", type=int, default=10)
    ap.add_argument("--max-iters", type=int, default=500)
    ap.add_argument("--min-time", type=float, default=2.0, help="seconds per measurement")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.threads = [int(t) for t in args.threads.split(",") if t]
    args.dtypes = [d for d in args.dtypes.split(",") if d]
    args.configs = [c for c in args.configs.split(";") if c]
    for d in args.dtypes:
        if d not in ("float32", "float64"):
            ap.error(f"unknown dtype {d!r}")
    for c in args.configs:
        try:
            parse_config(c)
        except ValueError as e:
            ap.error(str(e))

    if args.child:
        child(args)
        return

    for threads in args.threads:
        env = dict(os.environ)
        env["OMP_WAIT_POLICY"] = "PASSIVE"
        env["OMP_NUM_THREADS"] = str(threads)
        env["MKL_NUM_THREADS"] = str(threads)
        cmd = [
            sys.executable, os.path.abspath(__file__), "--child",
            "--threads", str(threads),
            "--dtypes", ",".join(args.dtypes),
            "--configs", ";".join(args.configs),
            "--warmup", str(args.warmup),
            "--min-iters", str(args.min_iters),
            "--max-iters", str(args.max_iters),
            "--min-time", str(args.min_time),
        ]
        # The child's stdout (JSON lines) and stderr pass straight through.
        rc = subprocess.call(cmd, env=env)
        if rc != 0:
            sys.exit(f"bench_torch: run with {threads} threads failed (exit status {rc})")


if __name__ == "__main__":
    main()
