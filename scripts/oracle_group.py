"""Oracle for `group_by`: what DuckDB's GROUP BY says each group's aggregates are.

Usage: oracle_group.py FILE.csv VALUE_COLUMN DISTINCT_COLUMN KEY_COLUMN...
Prints JSON: a list with one object per group (in no particular order): the keys (null for a null
key), count (non-empty values), count_distinct (of DISTINCT_COLUMN, non-empty, as text), and over the
values that read as numbers: sum, min, max, median (exact decimals, as text), avg and stddev_samp.
Every column is read as text, so empty fields are null, as onboard reads them.
"""
import json
import sys

import duckdb

path, value, distinct, keys = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
con = duckdb.connect()
con.execute(f"create table t as select * from read_csv('{path}', all_varchar=true, header=true)")
q = lambda c: '"' + c + '"'
v = f"nullif({q(value)}, '')"
n = f"try_cast({v} as decimal(38, 10))"
key_list = ", ".join(q(k) for k in keys)
rows = con.execute(
    f"select {key_list}, count({v}), count(distinct nullif({q(distinct)}, '')), sum({n})::varchar, min({n})::varchar,"
    f" max({n})::varchar, median({n})::varchar, avg({n})::double, stddev_samp({n}::double) from t group by {key_list}"
).fetchall()
k = len(keys)
print(json.dumps([
    {"keys": list(r[:k]), "count": r[k], "count_distinct": r[k + 1], "sum": r[k + 2], "min": r[k + 3], "max": r[k + 4],
     "median": r[k + 5], "avg": r[k + 6], "stddev": r[k + 7]}
    for r in rows
]))
