#!/usr/bin/env python3
"""Test oracle: per-column profile of a CSV file computed by DuckDB.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_profile.py CSV [--no-header] [--delimiter ' '] [--columns a,b,c]

Prints JSON {column: {count, nulls, distinct, min, max, sum, mean, stddev}}, columns in file order.
Every column is read as VARCHAR (all_varchar) so that DuckDB's own type inference does not decide
for us; empty fields are NULL. A column is numeric when every non-null value TRY_CASTs to DOUBLE:
then min/max/sum/mean/stddev (stddev_samp) are over the DOUBLE values. Otherwise min/max are the
byte-wise smallest/largest strings and sum/mean/stddev are null. distinct counts distinct strings.
"""
import argparse
import json

import duckdb


def q(name):
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--no-header", action="store_true", help="the file has no header row")
    ap.add_argument("--delimiter", help="field delimiter (default: DuckDB sniffs it)")
    ap.add_argument("--columns", help="comma-separated column names (default: header, or DuckDB's column0..)")
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
    exprs = []
    for c, num in zip(cols, numeric):
        v = f"TRY_CAST({q(c)} AS DOUBLE)" if num else q(c)
        exprs += [f"count({q(c)})", f"count(*) - count({q(c)})", f"count(DISTINCT {q(c)})", f"min({v})", f"max({v})"]
        exprs += [f"sum({v})", f"avg({v})", f"stddev_samp({v})"] if num else ["NULL", "NULL", "NULL"]
    row = con.execute("SELECT " + ", ".join(exprs) + " FROM t").fetchone()

    keys = ["count", "nulls", "distinct", "min", "max", "sum", "mean", "stddev"]
    out = {c: dict(zip(keys, row[i * 8:(i + 1) * 8])) for i, c in enumerate(cols)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
