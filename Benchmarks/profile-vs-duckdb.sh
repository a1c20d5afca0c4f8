#!/usr/bin/env bash
# `onboard profile` vs DuckDB SUMMARIZE (threads=2) and polars describe on the same generated file,
# timed by ../shared/bench/anchors.py with --interleave (A B A B ...) so that the machine's drift hits
# every tool alike: only the ratio from one run is meaningful, not absolute times across runs.
#
# Usage: Benchmarks/profile-vs-duckdb.sh [more anchors.py flags, e.g. --runs 5]
# Env:   DATA=/tmp/onboard-bench  data + results dir     VENVS=/tmp   where benchvenv lives
#        ROWS=5000000 (1 GB; 500000 = 100 MB, 50000 = 10 MB for a quick run)
#        POLARS=0     skip the polars row               ONBOARD=path use this binary, skip the build
#        INPUT=jsonl  profile the JSON Lines copy (500,000 rows, 275 MB) against DuckDB read_json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATA="${DATA:-/tmp/onboard-bench}"
VENVS="${VENVS:-/tmp}"
ROWS="${ROWS:-5000000}"

# anchors.py finds data as DATA/credit_<size>.csv, and its peer rows exist only for these sizes.
case "${INPUT:-csv}:$ROWS" in
  jsonl:*) SIZE=jsonl; ROWS=500000 ;;
  csv:5000000) SIZE=1g ;; csv:500000) SIZE=100m ;; csv:50000) SIZE=10m ;;
  *) echo "ROWS must be 5000000 (1g), 500000 (100m) or 50000 (10m); INPUT csv or jsonl" >&2; exit 2 ;;
esac
TASK=profile; [ "$SIZE" = jsonl ] && TASK=jsonl
if [ "$SIZE" = jsonl ]; then CSV="$DATA/credit_100m.jsonl"; FORMAT=jsonl; else CSV="$DATA/credit_$SIZE.csv"; FORMAT=csv; fi

source Benchmarks/common.sh

# --only is a regex over "TASK LABEL SIZE"; --extra rows are never filtered out by it.
if [ "$SIZE" = jsonl ]; then
  only="duckdb SUMMARIZE read_json\(ndjson\) threads=2"
  [ "${POLARS:-1}" = 0 ] || only="$only|polars read_ndjson\(\)\.describe\(\)"
else
  only="duckdb SUMMARIZE threads=2"
  [ "${POLARS:-1}" = 0 ] || only="$only|polars read_csv\(\)\.describe\(\)"
fi
RESULTS="$DATA/profile-vs-duckdb_$SIZE.json"
python3 "$BENCH/anchors.py" --interleave --data-dir "$DATA" --python "$PY" --results "$RESULTS" \
  --only "^$TASK ($only) $SIZE\$" \
  --extra "profile|onboard profile|$SIZE|$(printf %q "$ONBOARD") profile {csv} -o {out}/profile.json" "$@"

# Summary from the JSON results: ratio > 1 means onboard is faster than DuckDB.
python3 - "$RESULTS" <<'EOF'
import json, sys
rows = {r["label"]: r for r in json.load(open(sys.argv[1]))["results"]}
ob = rows["onboard profile"]
dk = rows.get("duckdb SUMMARIZE threads=2") or rows["duckdb SUMMARIZE read_json(ndjson) threads=2"]
pl = rows.get("polars read_csv().describe()") or rows.get("polars read_ndjson().describe()")
for r in (ob, dk, pl):
    if r:
        print(f"{r['label']:30} median {r['median_s']} s  peak RSS {r['peak_rss_mib']} MiB"
              + ("" if r["ok"] else f"  FAILED exit {r['exit']}"))
if not (ob["ok"] and dk["ok"]):
    sys.exit(1)
print(f"ratio DuckDB/onboard: {dk['median_s'] / ob['median_s']:.2f}x"
      + (f"   polars/onboard: {pl['median_s'] / ob['median_s']:.2f}x" if pl and pl["ok"] else ""))
print(f"peak RSS: onboard {ob['peak_rss_mib']} MiB, DuckDB {dk['peak_rss_mib']} MiB")
EOF
