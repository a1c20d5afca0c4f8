#!/usr/bin/env python3
"""Test oracle: what DuckDB's CSV sniffer makes of a file.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  .venv/bin/python scripts/oracle_sniff.py FILE

Prints one JSON object: {"delimiter", "quote", "escape", "header", "skip_rows", "columns":
[{"name", "type"}], "rows"} from `sniff_csv(FILE)` and `count(*)` of `read_csv(FILE)` (DuckDB's
defaults: auto-detection on, compression by file name). When DuckDB cannot read the file, the
object holds "error" (its message's first line) instead of the field it could not compute.
"""
import json
import sys

import duckdb


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    con = duckdb.connect()
    out = {}
    try:
        cur = con.execute("SELECT Delimiter, Quote, Escape, HasHeader, Columns, SkipRows FROM sniff_csv(?)", [path])
        names = [d[0] for d in cur.description]
        row = dict(zip(names, cur.fetchone()))
        out["delimiter"] = row["Delimiter"]
        out["quote"] = row["Quote"]
        out["escape"] = row["Escape"]
        out["header"] = bool(row["HasHeader"])
        out["skip_rows"] = int(row["SkipRows"])
        out["columns"] = [{"name": c["name"], "type": c["type"]} for c in row["Columns"]]
    except duckdb.Error as e:
        out["error"] = str(e).splitlines()[0]
    try:
        out["rows"] = con.execute("SELECT count(*) FROM read_csv(?)", [path]).fetchone()[0]
    except duckdb.Error as e:
        out.setdefault("error", str(e).splitlines()[0])
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
