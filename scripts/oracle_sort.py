"""Oracle for the sort step: a CSV's `id` column in the order DuckDB's ORDER BY gives.

Usage: oracle_sort.py FILE.csv KEY [KEY ...]
Each KEY is COLUMN:TYPE:ASC|DESC:FIRST|LAST, TYPE one of text, decimal, double, date, boolean,
bigint. Empty text is missing (NULL), as in onboard. Text is ordered by its UTF-8 bytes: the key
is `encode(column)`, a BLOB, so no collation can apply. DuckDB's ORDER BY is not stable, so `id`
(increasing in the file) breaks ties last: onboard's sort is stable, so it keeps reading order.
Prints the ids, one per line.
"""
import json
import sys

import duckdb

TYPES = {"decimal": "decimal(18, 4)", "double": "double", "date": "date", "boolean": "boolean", "bigint": "bigint"}

path, keys = sys.argv[1], sys.argv[2:]
con = duckdb.connect()
con.execute(f"create table t as select * from read_csv('{path}', all_varchar=true, header=true)")
terms = []
for key in keys:
    column, kind, direction, nulls = key.split(":")
    value = f"nullif(\"{column}\", '')"
    expression = f"encode({value})" if kind == "text" else f"cast({value} as {TYPES[kind]})"
    terms.append(f"{expression} {direction} nulls {nulls}")
terms.append("cast(id as bigint)")
rows = con.execute(f"select id from t order by {', '.join(terms)}").fetchall()
json.dump([r[0] for r in rows], sys.stdout)
