#!/usr/bin/env python3
"""Test oracle: the metrics of DQDL rules, computed by DuckDB SQL, for RuleOracleTests.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_rules.py CSV [--numeric C ...] [--values C|A,B ...]
      [--pair A,B ...] [--compliance SQL ...]

The CSV is read with a header, every column as text; NULL is what onboard counts as NULL: an empty
field or the tokens NA, N/A, NULL, null (no blank values, please: DuckDB would keep them).
Prints JSON:
  rows                      row count
  completeness {C}          non-NULL / rows, for every --numeric and single --values column
  moments {C}               mean, sum, stddev_pop, var_pop of the values as DOUBLE (--numeric)
  values {C or A,B}         over rows not all NULL, grouped on the text as written:
                            distinct, entropy (-sum p ln p), uniqueness (values once / rows),
                            unique_value_ratio (values once / distinct); and duplicates over all
                            rows (rows - distinct tuples, NULLs equal)
  duplicate_rows            rows - distinct rows over all columns
  correlations {A,B}        corr() of the two as DOUBLE, over rows where both are numbers
  compliance [..]           per --compliance predicate: rows where it is TRUE / rows (NULL fails)
"""
import argparse
import json

import duckdb

NULLS = ["", "NA", "N/A", "NULL", "null"]


def q(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--numeric", nargs="*", default=[])
    ap.add_argument("--values", nargs="*", default=[])
    ap.add_argument("--pair", nargs="*", default=[])
    ap.add_argument("--compliance", nargs="*", default=[])
    a = ap.parse_args()

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, all_varchar = true, nullstr = ?)",
        [a.csv, NULLS])
    one = lambda sql: con.execute(sql).fetchone()[0]
    out = {"rows": one("SELECT count(*) FROM t")}

    singles = list(dict.fromkeys(a.numeric + [v for v in a.values if "," not in v]))
    out["completeness"] = {c: one(f"SELECT count({q(c)}) / count(*) FROM t") for c in singles}

    out["moments"] = {}
    for c in a.numeric:
        x = f"TRY_CAST({q(c)} AS DOUBLE)"
        mean, total, sd, var = con.execute(f"SELECT avg({x}), sum({x}), stddev_pop({x}), var_pop({x}) FROM t").fetchone()
        out["moments"][c] = {"mean": mean, "sum": total, "stddev_pop": sd, "var_pop": var}

    out["values"] = {}
    for v in a.values:
        cols = ", ".join(q(c) for c in v.split(","))
        all_null = " AND ".join(f"{q(c)} IS NULL" for c in v.split(","))
        counts = f"SELECT count(*) AS n FROM t WHERE NOT ({all_null}) GROUP BY {cols}"
        distinct, once, rows, entropy = con.execute(f"""
            WITH c AS ({counts}), s AS (SELECT sum(n)::DOUBLE AS total FROM c)
            SELECT count(*), count(*) FILTER (WHERE n = 1), sum(n),
                   -sum((n / total) * ln(n / total))
            FROM c, s""").fetchone()
        duplicates = one(f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT {cols} FROM t)) FROM t")
        out["values"][v] = {
            "distinct": distinct, "entropy": entropy or 0.0,
            "uniqueness": once / rows if rows else 1.0,
            "unique_value_ratio": once / distinct if distinct else 1.0,
            "duplicates": duplicates,
        }

    out["duplicate_rows"] = one("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM t)) FROM t")

    out["correlations"] = {}
    for p in a.pair:
        x, y = (f"TRY_CAST({q(c)} AS DOUBLE)" for c in p.split(","))
        out["correlations"][p] = one(f"SELECT corr({x}, {y}) FROM t")

    out["compliance"] = [one(f"SELECT count(*) FILTER (WHERE ({sql})) / count(*) FROM t") for sql in a.compliance]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
