#!/usr/bin/python3
"""dailypanel.py SEED OUT.csv: a synthetic panel of 20 daily series of 3,000
days (long format station,date,rides) for the global model's long-series
checks (docs/panel.md): levels from 200 to 20,000, a weekend drop of 10 to
70 %, a yearly swing of up to 20 %, a slow trend, AR(1) noise of 3 to 12 %,
four holidays a year at 40 %, and a level shift of up to 30 % in 40 % of the
series. Made for this project; no real data."""
import numpy as np, datetime as dt, sys
rng=np.random.default_rng(int(sys.argv[1]) if len(sys.argv)>1 else 7)
N=20; T=3000
start=dt.date(2015,1,1)
rows=["station,date,rides"]
for s in range(N):
    lvl=np.exp(rng.uniform(np.log(200),np.log(20000)))
    wk=rng.uniform(0.1,0.7)  # weekend drop
    yr=rng.uniform(0.0,0.2)
    ph=rng.uniform(0,2*np.pi)
    tr=rng.normal(0,0.15)/365
    noise=rng.uniform(0.03,0.12)
    ar=0.0; x=[]
    shift_at=rng.integers(500,T) if rng.random()<0.4 else None
    shift=rng.uniform(-0.3,0.3)
    for t in range(T):
        d=start+dt.timedelta(days=t)
        ar=0.6*ar+rng.normal(0,noise)
        f=1.0
        if d.weekday()==5: f*=1-wk*0.7
        if d.weekday()==6: f*=1-wk
        if (d.month,d.day) in [(1,1),(7,4),(12,25)] or (d.month==11 and d.weekday()==3 and 22<=d.day<=28): f*=0.4
        v=lvl*np.exp(tr*t)*(1+yr*np.sin(2*np.pi*t/365.25+ph))*f*np.exp(ar)
        if shift_at is not None and t>=shift_at: v*=1+shift
        x.append(v)
    for t,v in enumerate(x):
        rows.append(f"S{s:02d},{start+dt.timedelta(days=t)},{v:.1f}")
open(sys.argv[2] if len(sys.argv)>2 else "/tmp/daily/d20.csv","w").write("\n".join(rows)+"\n")
