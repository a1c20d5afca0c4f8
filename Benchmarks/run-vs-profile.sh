#!/usr/bin/env bash
# A ten-step recipe run (Benchmarks/recipes/ten-steps.yaml: curate, profile, write data and
# manifest) against plain `onboard profile` of the same file, and the same ten steps in DuckDB
# and polars (curate and write only), timed by ../shared/bench/anchors.py --interleave.
# Issue 4 asks the run to keep at least half the speed of profiling: run/profile time <= 2.
#
# Usage: Benchmarks/run-vs-profile.sh [more anchors.py flags, e.g. --runs 5]
# Env:   DATA=/tmp/onboard-bench  VENVS=/tmp  ROWS=5000000 (1 GB; 500000 = 100 MB)
#        ONBOARD=path (skip the build)  PEERS=0 (skip DuckDB and polars)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATA="${DATA:-/tmp/onboard-bench}"
VENVS="${VENVS:-/tmp}"
ROWS="${ROWS:-5000000}"
case "$ROWS" in 5000000) SIZE=1g ;; 500000) SIZE=100m ;; 50000) SIZE=10m ;; *) echo "ROWS: 5000000, 500000 or 50000" >&2; exit 2 ;; esac
CSV="$DATA/credit_$SIZE.csv"

FORMAT=csv
source Benchmarks/common.sh
ob=$(printf %q "$ONBOARD")
recipe=$(printf %q "$PWD/Benchmarks/recipes/ten-steps.yaml")
peers=$(printf %q "$PWD/Benchmarks/ten_steps_peers.py")
extra=(--extra "run|onboard profile|$SIZE|$ob profile {csv} -o {out}/profile.json"
       --extra "run|onboard run ten-steps|$SIZE|$ob run $recipe --source {csv} -o {out}/run -q")
if [ "${PEERS:-1}" != 0 ]; then
  extra+=(--extra "run|duckdb ten steps threads=2|$SIZE|$(printf %q "$PY") $peers duckdb {csv} {out}"
          --extra "run|polars ten steps sink_csv|$SIZE|$(printf %q "$PY") $peers polars {csv} {out}")
fi
RESULTS="$DATA/run-vs-profile_$SIZE.json"
python3 "$BENCH/anchors.py" --interleave --data-dir "$DATA" --python "$PY" --results "$RESULTS" \
  --only '^$nothing' "${extra[@]}" "$@"

python3 - "$RESULTS" <<'PY'
import json, sys
rows = {r["label"]: r for r in json.load(open(sys.argv[1]))["results"]}
for r in rows.values():
    print(f"{r['label']:32} median {r['median_s']} s  peak RSS {r['peak_rss_mib']} MiB" + ("" if r["ok"] else f"  FAILED exit {r['exit']}"))
run, profile = rows["onboard run ten-steps"], rows["onboard profile"]
if not (run["ok"] and profile["ok"]):
    sys.exit(1)
print(f"run speed / profile speed: {profile['median_s'] / run['median_s']:.2f} (issue 4 asks >= 0.50)")
for peer in ("duckdb ten steps threads=2", "polars ten steps sink_csv"):
    if peer in rows and rows[peer]["ok"]:
        print(f"{peer} / onboard run: {rows[peer]['median_s'] / run['median_s']:.2f}x")
PY
