"""Oracle for the bias tests: SageMaker Clarify's pre-training bias metrics, computed by smclarify's
own metric functions (smclarify.bias.metrics.pretraining) on one label, facet and group of a CSV.

    oracle_bias.py CSV --label COL --positive V [V ...]
                   --facet COL (--values V [V ...] | --threshold T [--side above|at-or-below])
                   [--group COL]

The facet index is smclarify's own too: sensitive values through report._categorical_data_idx,
a threshold through report._interval_index and _continuous_data_idx (facet d is x > T, Clarify's
meaning); `--side at-or-below` negates that index (facet d is x <= T). The positive-label index is
report._categorical_data_idx of the positive values. Prints a JSON object with one entry per metric
code: {"value": float} or {"error": message}, as Clarify's report carries it. Values are finite
floats, or the strings "inf", "-inf", "nan" when smclarify returns those.
"""

import argparse
import json
import math
import sys

import pandas as pd
from smclarify.bias import report
from smclarify.bias.metrics import call_metric, pretraining


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--label", required=True)
    parser.add_argument("--positive", nargs="+", required=True)
    parser.add_argument("--facet", required=True)
    parser.add_argument("--values", nargs="+")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--side", choices=["above", "at-or-below"], default="above")
    parser.add_argument("--group")
    args = parser.parse_args()

    # Every column as text except a threshold facet, which is numeric: values match as written.
    dtypes = {c: str for c in pd.read_csv(args.csv, nrows=0).columns}
    if args.threshold is not None:
        dtypes.pop(args.facet)
    df = pd.read_csv(args.csv, dtype=dtypes, keep_default_na=False, na_values=[""])

    label = df[args.label]
    positive_label_index = report._categorical_data_idx(label, list(args.positive)).astype(bool)
    facet = df[args.facet]
    if args.threshold is not None:
        x = pd.to_numeric(facet)
        intervals = report._interval_index(x, [args.threshold])
        facet_index = report._continuous_data_idx(x, intervals).astype(bool)
        if args.side == "at-or-below":
            facet_index = ~facet_index
    else:
        facet_index = report._categorical_data_idx(facet, list(args.values)).astype(bool)
    group = df[args.group] if args.group else None
    # Everything but the facet, label and group, as Clarify's report passes `feature`.
    feature = df.drop(columns=[c for c in {args.label, args.facet, args.group} if c])
    arguments = {
        "feature": feature,
        "sensitive_facet_index": facet_index,
        "label": positive_label_index,
        "positive_label_index": positive_label_index,
        "group_variable": group,
    }
    out = {}
    for code, metric in [
        ("CI", pretraining.CI),
        ("DPL", pretraining.DPL),
        ("KL", pretraining.KL),
        ("JS", pretraining.JS),
        ("LP", pretraining.LP),
        ("TVD", pretraining.TVD),
        ("KS", pretraining.KS),
        ("CDD", pretraining.CDDL),
    ]:
        try:
            value = float(call_metric(metric, **arguments))
            out[code] = {"value": value if math.isfinite(value) else str(value)}
        except Exception as exc:  # Clarify's report turns any exception into the metric's error
            out[code] = {"error": str(exc)}
    json.dump(out, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
