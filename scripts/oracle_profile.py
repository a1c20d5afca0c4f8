#!/usr/bin/env python3
"""Test oracle: per-column profile of a CSV file computed by DuckDB (and, with --full, pandas/numpy).

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_profile.py CSV [--no-header] [--delimiter ' '] [--columns a,b,c]
                                                 [--full] [--check-quantiles JSON]

Without --full, prints JSON {column: {count, nulls, distinct, min, max, sum, mean, stddev,
stddev_pop}}, columns in file order. Every column is read as VARCHAR (all_varchar) so that DuckDB's
own type inference does not decide for us; empty fields are NULL. A column is numeric when every
non-null value TRY_CASTs to DOUBLE: then min/max/sum/mean/stddev (stddev_samp)/stddev_pop are over
the DOUBLE values. Otherwise min/max are the byte-wise smallest/largest strings and sum/mean/stddev
are null. distinct counts distinct strings.

With --full, prints {"rows": n, "columns": {column: {...}}, "duplicate_rows": n, "correlations": [...]}
where each column also has (from pandas/numpy, on the same rows DuckDB read):
  numeric             whether the column is numeric (as above)
  entropy_bits        -sum p log2 p over the value counts of the strings
  length_min/max/mean len(str) of the strings (Unicode code points)
  shapes              [[shape, count], ...] most frequent first (at most 64; see oracle_column_stats.shape)
  distinct_shapes     how many shapes there are
  top_values          [[value, count], ...] most frequent first, ties by value (at most 64)
  email_like          values matching a plain e-mail pattern (local@domain.tld, no spaces)
and numeric columns also:
  skew, kurt          Series.skew(), Series.kurt() (adjusted; excess kurtosis)
  zeros, negatives    counts of x == 0 and x < 0
  quantiles           numpy.quantile(x, [.01 .05 .25 .5 .75 .95 .99], method="inverted_cdf")
  histogram           {"edges": [...11], "counts": [...10]} of numpy.histogram(x, bins=10)
  z_low, z_high       counts of (x - mean) / std(ddof=1) below -3 and above 3 (0 when std is 0)
duplicate_rows is DataFrame.duplicated().sum() over the rows as strings (NULL equal to NULL);
correlations are DataFrame.corr(method="pearson") over the numeric columns (pairwise complete rows),
one entry {"columns": [a, b], "pearson": r, "rows": pairs} per pair in file order, NaN pairs left out.

--check-quantiles takes JSON (inline, or a file path) {column: [y, ...]}: values someone reported as
quantiles. For each, the oracle adds "quantile_ranks": [[#(x < y) + 1, #(x <= y)], ...] to the column:
the range of ranks y truly has, to check a sketch's stated rank error against.
"""
import argparse
import json
import math
import os
import re
import sys

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_column_stats import shape  # noqa: E402  (one definition of a value's shape)

PERCENTS = [1, 5, 25, 50, 75, 95, 99]
TOP = 64
EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"


def q(name):
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def finite(x):
    """A float for JSON, None for NaN/inf (json.dumps would write invalid JSON for them)."""
    x = float(x)
    return x if math.isfinite(x) else None


def counted(counts):
    """[[value, count], ...] of a value_counts() Series: most frequent first, ties by value (UTF-8
    bytes), at most TOP entries; and how many values there are."""
    pairs = sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0].encode()))
    return pairs[:TOP], len(pairs)


def full_column(text, x, check):
    """The pandas/numpy statistics of one column: `text` its non-null strings, `x` its doubles or None."""
    values = text.value_counts()
    counts = values.to_numpy(dtype=float)
    p = counts / len(text) if len(text) else counts
    lengths = text.str.len()
    # A value's shape depends only on the value: map the distinct values, then add up their counts.
    shapes, distinct_shapes = counted(values.groupby(values.index.map(shape)).sum())
    top, _ = counted(values)
    col = {
        "numeric": x is not None,
        "entropy_bits": float(-(p * np.log2(p)).sum()) if len(text) else 0.0,
        "length_min": int(lengths.min()) if len(text) else None,
        "length_max": int(lengths.max()) if len(text) else None,
        "length_mean": float(lengths.mean()) if len(text) else None,
        "shapes": shapes,
        "distinct_shapes": distinct_shapes,
        "top_values": top,
        "email_like": int(text.str.fullmatch(EMAIL).sum()) if len(text) else 0,
    }
    if x is None or len(x) == 0:
        return col
    v = pd.Series(x)
    mean, std = v.mean(), v.std()
    if std > 0:
        z = (x - mean) / std
        z_low, z_high = int((z < -3).sum()), int((z > 3).sum())
    else:
        z_low = z_high = 0
    counts, edges = np.histogram(x, bins=10)
    col.update({
        "skew": finite(v.skew()) if len(x) >= 3 else None,
        "kurt": finite(v.kurt()) if len(x) >= 4 else None,
        "zeros": int((x == 0).sum()),
        "negatives": int((x < 0).sum()),
        "quantiles": [float(y) for y in np.quantile(x, [p / 100 for p in PERCENTS], method="inverted_cdf")],
        "histogram": {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]},
        "z_low": z_low,
        "z_high": z_high,
    })
    if check is not None:
        s = np.sort(x)
        ys = np.asarray(check, dtype=float)
        lo = np.searchsorted(s, ys, side="left") + 1
        hi = np.searchsorted(s, ys, side="right")
        col["quantile_ranks"] = [[int(a), int(b)] for a, b in zip(lo, hi)]
    return col


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--no-header", action="store_true", help="the file has no header row")
    ap.add_argument("--delimiter", help="field delimiter (default: DuckDB sniffs it)")
    ap.add_argument("--columns", help="comma-separated column names (default: header, or DuckDB's column0..)")
    ap.add_argument("--full", action="store_true", help="add the pandas/numpy statistics, duplicates and correlations")
    ap.add_argument("--check-quantiles", help="JSON {column: [values]} (or a file holding it): report their true rank ranges")
    a = ap.parse_args()

    con = duckdb.connect()
    opts = {"all_varchar": True, "header": not a.no_header}
    if a.delimiter is not None:
        opts["delimiter"] = a.delimiter
    if a.columns:
        opts["names"] = a.columns.split(",")
    # Options go through duckdb's Python relational API so that paths and names need no SQL escaping.
    con.read_csv(a.csv, **opts).create("t")
    cols = [r[0] for r in con.execute("DESCRIBE t").fetchall()]

    # Pass 1: which columns are numeric (every non-null value casts to DOUBLE).
    numeric = con.execute(
        "SELECT " + ", ".join(f"count(TRY_CAST({q(c)} AS DOUBLE)) = count({q(c)})" for c in cols) + " FROM t"
    ).fetchone()

    # Pass 2: one aggregate query for all columns.
    keys = ["count", "nulls", "distinct", "min", "max", "sum", "mean", "stddev", "stddev_pop"]
    exprs = []
    for c, num in zip(cols, numeric):
        v = f"TRY_CAST({q(c)} AS DOUBLE)" if num else q(c)
        exprs += [f"count({q(c)})", f"count(*) - count({q(c)})", f"count(DISTINCT {q(c)})", f"min({v})", f"max({v})"]
        exprs += [f"sum({v})", f"avg({v})", f"stddev_samp({v})", f"stddev_pop({v})"] if num else ["NULL"] * 4
    row = con.execute("SELECT " + ", ".join(exprs) + " FROM t").fetchone()
    k = len(keys)
    out = {c: dict(zip(keys, row[i * k:(i + 1) * k])) for i, c in enumerate(cols)}
    if not a.full:
        print(json.dumps(out, indent=1))
        return

    check = {}
    if a.check_quantiles:
        text = a.check_quantiles
        if not text.lstrip().startswith("{"):
            with open(text, encoding="utf-8") as f:
                text = f.read()
        check = json.loads(text)

    # The same rows, as strings (for counts, shapes, duplicates) and, for numeric columns, as the
    # doubles DuckDB parsed (one parser for both halves of the oracle).
    strings = con.execute("SELECT * FROM t").df()
    numeric_cols = [c for c, num in zip(cols, numeric) if num]
    doubles = (
        con.execute("SELECT " + ", ".join(f"TRY_CAST({q(c)} AS DOUBLE) AS {q(c)}" for c in numeric_cols) + " FROM t").df()
        if numeric_cols else pd.DataFrame(index=strings.index)
    )
    for c, num in zip(cols, numeric):
        present = strings[c].dropna().astype(str)
        x = doubles[c].dropna().to_numpy(dtype=float) if num else None
        out[c].update(full_column(present, x, check.get(c)))

    corr = doubles.corr(method="pearson")
    pairs = []
    for i, a_ in enumerate(numeric_cols):
        for b_ in numeric_cols[i + 1:]:
            r = corr.loc[a_, b_]
            if not math.isfinite(r):
                continue
            both = int((doubles[a_].notna() & doubles[b_].notna()).sum())
            pairs.append({"columns": [a_, b_], "pearson": float(r), "rows": both})

    print(json.dumps({
        "rows": int(len(strings)),
        "columns": out,
        "duplicate_rows": int(strings.duplicated().sum()),
        "correlations": pairs,
    }))


if __name__ == "__main__":
    main()
