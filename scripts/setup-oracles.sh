#!/usr/bin/env bash
# Creates .venv (git-ignored) with the Python test oracles: DuckDB, pandas, pyarrow.
# Python is only an oracle for the tests: the Swift code never calls it.
# Idempotent and quiet: does nothing when the venv already imports them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="$PWD/.venv"
py="$venv/bin/python"
[ -x "$py" ] || "${PYTHON:-python3}" -m venv "$venv"
if ! "$py" -c 'import duckdb, pandas, pyarrow' 2>/dev/null; then
  "$py" -m pip install -q --disable-pip-version-check duckdb pandas pyarrow
fi
echo "$py" >&2
