#!/usr/bin/python3
"""Reference implementation, for the benchmark only: every default metric of
`nakamoto metrics bitcoin/pools --input FILE --window 1d --population-windows N --format csv`,
computed with pandas/numpy (Debian python3-pandas) from the per-block attribution CSV(.gz).

Same definitions as docs/metrics.md and the same data rules as the store: label = pool_slug_v1,
else pool_slug_v2, with the v1 slug `oceanxyz` counted as `ocean` (one pool under two label versions:
SLUG_ALIASES in src/pipeline/series-source.ts); UTC days; the first and last (partial) days of the file are left out;
population ±N = entities active in the N neighbouring daily windows count as zero-weight members.
Usage: pandas_metrics.py FILE [N]  → CSV on stdout.
"""
import sys

import numpy as np
import pandas as pd

path = sys.argv[1]
pop = int(sys.argv[2]) if len(sys.argv) > 2 else 0

df = pd.read_csv(path, usecols=["unix_time", "pool_slug_v1", "pool_slug_v2"], dtype={"pool_slug_v1": str, "pool_slug_v2": str}, keep_default_na=False)
label = df["pool_slug_v1"].where(df["pool_slug_v1"] != "", df["pool_slug_v2"]).replace({"oceanxyz": "ocean"})
day = df["unix_time"].to_numpy() // 86400
first, last = day.min() + 1, day.max()  # covered days [first, last)
keep = (day >= first) & (day < last)
codes, pools = pd.factorize(label[keep])
d = day[keep] - first
ndays = int(last - first)
counts = np.zeros((ndays, len(pools)), dtype=np.int64)
np.add.at(counts, (d, codes), 1)

active = counts > 0
member = active.copy()
for k in range(1, pop + 1):
    member[k:] |= active[:-k]
    member[:-k] |= active[k:]
n = member.sum(axis=1)                      # population size (total_entities)
w = -np.sort(-counts, axis=1)               # descending
T = w.sum(axis=1)
cum = np.cumsum(w, axis=1)
ranks = np.arange(1, w.shape[1] + 1)

def tau(num, den):                          # fewest largest with cum/T >= num/den (exact integers)
    return np.argmax(cum * den >= num * T[:, None], axis=1) + 1

hhi = (w.astype(float) ** 2).sum(axis=1) / T.astype(float) ** 2 * 10_000
weighted = ((n[:, None] - ranks[None, :] + 1) * w).sum(axis=1)
gini = np.maximum(0, (2 * weighted - (n + 1) * T) / (n * T))
with np.errstate(divide="ignore", invalid="ignore"):
    p = w / T[:, None]
    ent = -np.where(p > 0, p * np.log(p), 0).sum(axis=1) / np.log(2)
    ent = np.maximum(0, ent)
    entpct = np.where(n >= 2, np.minimum(100, ent / np.log2(n) * 100), np.nan)
    r = w / (T / n)[:, None]
    theil = np.maximum(0, np.where(r > 0, r * np.log(r), 0).sum(axis=1) / n)
def cr(k):
    return np.where(k >= (w > 0).sum(axis=1), 1.0, cum[:, min(k, w.shape[1]) - 1] / T)

start = pd.to_datetime((first + np.arange(ndays)) * 86400, unit="s").strftime("%Y-%m-%d")
end = pd.to_datetime((first + np.arange(ndays) + 1) * 86400, unit="s").strftime("%Y-%m-%d")
out = pd.DataFrame({
    "window_start": start, "window_end": end, "blocks": T, "total_entities": n,
    "hhi": hhi, "nakamoto-coefficient": tau(1, 2), "gini": gini, "entropy": ent,
    "entropy-percentage": entpct, "theil": theil,
    "concentration-ratio=1": cr(1), "concentration-ratio=3": cr(3), "concentration-ratio=5": cr(5),
    "tau-index=0.33": tau(33, 100), "tau-index=0.66": tau(66, 100), "max-share": cr(1),
})
out.to_csv(sys.stdout, index=False, float_format="%.6f", lineterminator="\n")
