# Shared by the benchmark scripts (sourced, after they set CSV, ROWS and FORMAT): the generated
# data, the peers' virtual environment and the release binary, each made only when missing.
BENCH=../shared/bench
PY="$VENVS/benchvenv/bin/python"
mkdir -p "$DATA"
if [ ! -f "$CSV" ]; then  # deterministic generator; write aside so an interrupted run leaves no half file
  python3 "$BENCH/gen_data.py" --rows "$ROWS" --format "$FORMAT" --out "$CSV.part"
  mv "$CSV.part" "$CSV"
fi
# The peers (duckdb, polars, pandas, pyarrow) and /usr/bin/time; setup.sh is slow, so only when missing.
[ -x "$PY" ] && [ -x /usr/bin/time ] || bash "$BENCH/setup.sh" "$VENVS"
if [ -z "${ONBOARD:-}" ]; then
  swift build -c release --product onboard
  ONBOARD="$(swift build -c release --show-bin-path)/onboard"
fi
