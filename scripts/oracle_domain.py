#!/usr/bin/env python3
"""Test oracle: invalid values per column and reason, counted by DuckDB SQL.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_domain.py CSV SPEC_JSON

SPEC_JSON is a file {column: {type, allowed, range: {min, max}, pattern, length: {min, max}}}, every
key optional, bounds and allowed values written as text, as in a recipe's `columns` section. type is
int, bigint, double, date or string (default string).

Prints JSON {column: {"non_null": n, "reasons": {code: {"count": c, "first_rows": [...]}}}}.

The CSV is read by pandas with every column as text and only empty fields as null, and numbered
1, 2, ... in file order; DuckDB then classifies each non-null value with one CASE that tests, in
onboard's order, the first reason that applies: wrong_type, not_allowed, below_minimum,
above_maximum, too_short, too_long (length() counts Unicode code points), pattern_mismatch
(regexp_full_match). first_rows are the five smallest row numbers of each reason.
"""
import json
import sys

import duckdb
import pandas as pd


def q(name):
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text):
    """Quote an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


INTEGER = r"'-?(0|[1-9][0-9]*)'"
NUMBER = r"'-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?'"


def typed(v, kind):
    """The value as the column's type, for comparisons."""
    if kind in ("int", "bigint", "double"):
        return f"TRY_CAST({v} AS DOUBLE)"
    if kind == "date":
        return f"TRY_CAST({v} AS DATE)"
    return v


def constant(text, kind):
    if kind in ("int", "bigint", "double"):
        return f"CAST({lit(text)} AS DOUBLE)"
    if kind == "date":
        return f"DATE {lit(text)}"
    return lit(text)


def classify(v, spec):
    kind = spec.get("type", "string")
    whens = []
    if kind == "int":
        whens.append((f"NOT regexp_full_match({v}, {INTEGER}) OR TRY_CAST({v} AS BIGINT) NOT BETWEEN -2147483648 AND 2147483647", "wrong_type"))
    elif kind == "bigint":
        whens.append((f"NOT regexp_full_match({v}, {INTEGER}) OR TRY_CAST({v} AS BIGINT) IS NULL", "wrong_type"))
    elif kind == "double":
        whens.append((f"NOT regexp_full_match({v}, {NUMBER}) OR TRY_CAST({v} AS DOUBLE) IS NULL", "wrong_type"))
    elif kind == "date":
        whens.append((f"NOT regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') OR TRY_CAST({v} AS DATE) IS NULL", "wrong_type"))
    t = typed(v, kind)
    if "allowed" in spec:
        values = ", ".join(constant(a, kind) for a in spec["allowed"])
        whens.append((f"{t} NOT IN ({values})", "not_allowed"))
    r = spec.get("range", {})
    if "min" in r:
        whens.append((f"{t} < {constant(r['min'], kind)}", "below_minimum"))
    if "max" in r:
        whens.append((f"{t} > {constant(r['max'], kind)}", "above_maximum"))
    n = spec.get("length", {})
    if "min" in n:
        whens.append((f"length({v}) < {int(n['min'])}", "too_short"))
    if "max" in n:
        whens.append((f"length({v}) > {int(n['max'])}", "too_long"))
    if "pattern" in spec:
        whens.append((f"NOT regexp_full_match({v}, {lit(spec['pattern'])})", "pattern_mismatch"))
    cases = " ".join(f"WHEN {cond} THEN '{code}'" for cond, code in whens)
    return f"CASE WHEN {v} IS NULL THEN NULL {cases} ELSE 'valid' END"


def main():
    csv_path, spec_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as f:
        specs = json.load(f)
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    frame.insert(0, "__row", range(1, len(frame) + 1))
    con = duckdb.connect()
    con.register("t", frame)
    out = {}
    for column, spec in specs.items():
        v = q(column)
        non_null = con.execute(f"SELECT count({v}) FROM t").fetchone()[0]
        rows = con.execute(
            f"SELECT reason, count(*), list(__row ORDER BY __row)[1:5] FROM "
            f"(SELECT __row, {classify(v, spec)} AS reason FROM t) "
            f"WHERE reason IS NOT NULL AND reason <> 'valid' GROUP BY reason ORDER BY reason"
        ).fetchall()
        out[column] = {
            "non_null": non_null,
            "reasons": {code: {"count": count, "first_rows": first} for code, count, first in rows},
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
