#!/usr/bin/env bash
# What a quality gate costs: the ten-step recipe run without rules and with thirty
# (Benchmarks/recipes/ten-steps-gated.yaml, thirty-rules.dqdl), interleaved in one session by
# ../shared/bench/anchors.py. Rules read metrics gathered in the run's single pass, so issue 6
# asks the gated run to stay within 10% of the plain one.
#
# Usage: Benchmarks/gate-cost.sh [more anchors.py flags, e.g. --runs 5]
# Env:   DATA=/tmp/onboard-bench  VENVS=/tmp  ROWS=5000000 (1 GB; 500000 = 100 MB)
#        ONBOARD=path (skip the build)
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
plain=$(printf %q "$PWD/Benchmarks/recipes/ten-steps.yaml")
gated=$(printf %q "$PWD/Benchmarks/recipes/ten-steps-gated.yaml")
# The gated run exits 1 when a rule fails; the benchmark times the gate, whatever its verdict.
extra=(--extra "run|onboard run ten steps|$SIZE|$ob run $plain --source {csv} -o {out}/plain -q"
       --extra "run|onboard run ten steps + 30 rules|$SIZE|$ob run $gated --source {csv} -o {out}/gated -q; test \$? -le 1")
RESULTS="$DATA/gate-cost_$SIZE.json"
python3 "$BENCH/anchors.py" --interleave --data-dir "$DATA" --python "$PY" --results "$RESULTS" \
  --only '^$nothing' "${extra[@]}" "$@"

python3 - "$RESULTS" <<'PY'
import json, sys
rows = {r["label"]: r for r in json.load(open(sys.argv[1]))["results"]}
for r in rows.values():
    print(f"{r['label']:36} median {r['median_s']} s  peak RSS {r['peak_rss_mib']} MiB" + ("" if r["ok"] else f"  FAILED exit {r['exit']}"))
plain, gated = rows["onboard run ten steps"], rows["onboard run ten steps + 30 rules"]
if not (plain["ok"] and gated["ok"]):
    sys.exit(1)
print(f"gated / plain time: {gated['median_s'] / plain['median_s']:.3f} (issue 6 asks <= 1.10)")
PY
