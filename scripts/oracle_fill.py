"""Oracle for the fill and scaling steps: what DuckDB says a column's statistics are.

Usage: oracle_fill.py FILE.csv COLUMN
Prints JSON: count, avg, median, stddev_samp, min, max, sum, and the modes (every value with
the highest count, as numbers) and the most frequent texts (as written).
"""
import json
import sys

import duckdb

path, column = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"create table t as select * from read_csv('{path}', all_varchar=true, header=true)")
q = f'"{column}"'
numbers = f"try_cast(nullif({q}, '') as decimal(38, 10))"
count, avg, median, sd, lo, hi, total = con.execute(
    f"select count({numbers}), avg({numbers})::double, median({numbers})::varchar, stddev_samp({numbers}::double),"
    f" min({numbers})::double, max({numbers})::double, sum({numbers})::varchar from t").fetchone()
modes = [r[0] for r in con.execute(
    f"with c as (select {numbers} v, count(*) n from t where {numbers} is not null group by 1)"
    f" select v::varchar from c where n = (select max(n) from c) order by v").fetchall()]
frequent = [r[0] for r in con.execute(
    f"with c as (select {q} v, count(*) n from t where {q} is not null and {q} <> '' group by 1)"
    f" select v from c where n = (select max(n) from c) order by encode(v)").fetchall()]
print(json.dumps({"count": count, "avg": avg, "median": median, "stddev_samp": sd, "min": lo, "max": hi,
                  "sum": total, "modes": modes, "frequent": frequent}))
