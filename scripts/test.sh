#!/usr/bin/env bash
# The test command: sets up the Python oracles, then runs the Swift tests.
# Tests that compare with DuckDB/pandas find the oracle through ONBOARD_ORACLE_PYTHON.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-oracles.sh
export ONBOARD_ORACLE_PYTHON="$PWD/.venv/bin/python"
exec swift test "$@"
