#!/usr/bin/env bash
# Creates .venv (git-ignored) with the Python test oracles: DuckDB, pandas, pyarrow, smclarify
# (SageMaker Clarify's bias metrics, for scripts/oracle_bias.py), and botocore (AWS Glue's API model,
# for scripts/oracle_glue_result.py).
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
# smclarify 0.5 declares boto3 and s3fs for reading from S3, which its metric functions never use and
# whose resolution backtracks for minutes: install it without dependencies, then the two its
# metrics package imports (pyfunctional; scikit-learn, for the post-training metrics module).
if ! "$py" -c 'import smclarify.bias.metrics' 2>/dev/null; then
  "$py" -m pip install -q --disable-pip-version-check --no-deps 'smclarify==0.5'
  "$py" -m pip install -q --disable-pip-version-check pyfunctional scikit-learn
fi
# botocore carries the Glue service model that the Glue result document is checked against.
if ! "$py" -c 'import botocore' 2>/dev/null; then
  "$py" -m pip install -q --disable-pip-version-check botocore
fi
echo "$py" >&2
