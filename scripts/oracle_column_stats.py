#!/usr/bin/env python3
"""Test oracle: column statistics computed by pandas/numpy, for the statistics beside the profile.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_column_stats.py CSV [--no-header] [--delimiter ' ']

Prints JSON {column: {...}}. Every column is read as text; empty fields are null. For every column:
count, entropy_bits (-sum p log2 p over value_counts), length_min/max/mean (len(str), i.e. Unicode
code points), shapes ({shape: count}). A column is numeric when every non-null value parses as a
number (pd.to_numeric); it then also has skew (Series.skew), kurt (Series.kurt, excess), zeros,
negatives, quantiles (numpy method="inverted_cdf" at 1,5,25,50,75,95,99 %), histogram (counts of
numpy.histogram with 10 bins) and z_low/z_high (values with (x - mean)/std(ddof=1) below -3 / above 3).
"""
import argparse
import json
import math

import numpy as np
import pandas as pd

MAX_SHAPE = 32


def shape(text):
    out = []
    for ch in text:
        if "A" <= ch <= "Z":
            s = "A"
        elif "a" <= ch <= "z":
            s = "a"
        elif "0" <= ch <= "9":
            s = "9"
        elif ord(ch) < 0x80:
            s = ch
        elif ch.isupper():
            s = "A"
        elif ch.islower() or ch.isalpha():
            s = "a"
        elif ch.isdecimal():
            s = "9"
        else:
            s = ch
        if out and out[-1] == s:
            continue
        if len(out) == MAX_SHAPE:
            out.append("\u2026")
            break
        out.append(s)
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--no-header", action="store_true")
    ap.add_argument("--delimiter", default=",")
    a = ap.parse_args()
    df = pd.read_csv(a.csv, sep=a.delimiter, header=None if a.no_header else 0, dtype=str,
                     keep_default_na=False, na_values=[""])
    if a.no_header:
        df.columns = [f"column_{i + 1}" for i in range(len(df.columns))]
    out = {}
    for name in df.columns:
        s = df[name].dropna()
        counts = s.value_counts()
        p = counts.to_numpy(dtype=float) / len(s)
        lengths = s.str.len()
        col = {
            "count": int(len(s)),
            "entropy_bits": float(-(p * np.log2(p)).sum()),
            "length_min": int(lengths.min()),
            "length_max": int(lengths.max()),
            "length_mean": float(lengths.mean()),
            "shapes": {k: int(v) for k, v in s.map(shape).value_counts().items()},
        }
        v = pd.to_numeric(s, errors="coerce")
        if len(s) > 0 and v.notna().all():
            v = v.astype(float)
            x = v.to_numpy()
            mean, std = v.mean(), v.std()
            z = (x - mean) / std
            col.update({
                "skew": float(v.skew()),
                "kurt": float(v.kurt()),
                "zeros": int((x == 0).sum()),
                "negatives": int((x < 0).sum()),
                "quantiles": [float(q) for q in np.quantile(x, [p / 100 for p in [1, 5, 25, 50, 75, 95, 99]], method="inverted_cdf")],
                "histogram": [int(c) for c in np.histogram(x, bins=10)[0]],
                "z_low": int((z < -3).sum()),
                "z_high": int((z > 3).sum()),
            })
        out[str(name)] = col
    print(json.dumps(out))


if __name__ == "__main__":
    main()
