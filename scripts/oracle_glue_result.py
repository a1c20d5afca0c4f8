"""Oracle for the Glue result document: checks a JSON file against the output shape of Glue's
GetDataQualityResult in botocore's own service model, the one boto3 and the AWS CLI use.

    oracle_glue_result.py DOCUMENT.json

Walks the document along the shape: a structure may hold only its members and must hold its
required ones; lists and maps are checked member by member, with their length bounds; strings
against their length bounds, pattern and enum; doubles and longs as JSON numbers (a double may
also be "NaN", "Infinity" or "-Infinity", as the AWS JSON protocol writes them), with their
range; timestamps as the JSON protocol sends them. Then hands the bytes to botocore's JSON
response parser for the operation, as a real response would be parsed.

Prints {"problems": [...], "parsed": {...}}: problems name a path such as
RuleResults[1].EvaluatedMetrics; parsed holds what botocore made of the timestamps (ISO 8601)
and the counts of rule and analyzer results.
"""

import json
import math
import re
import sys

import botocore.session
from botocore.parsers import create_parser
from botocore.utils import parse_timestamp

NON_FINITE = {"NaN", "Infinity", "-Infinity"}


def check(value, shape, path, problems):
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object for {shape.name}, got {type(value).__name__}")
            return
        for key in sorted(set(value) - set(shape.members)):
            problems.append(f"{path}.{key}: not a member of {shape.name}" if path else f"{key}: not a member of {shape.name}")
        for key in shape.required_members:
            if key not in value:
                problems.append(f"{path}: missing required member {key} of {shape.name}")
        for key, member in shape.members.items():
            if key in value:
                check(value[key], member, f"{path}.{key}" if path else key, problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list for {shape.name}, got {type(value).__name__}")
            return
        bounds(len(value), shape, path, "items", problems)
        for i, item in enumerate(value):
            check(item, shape.member, f"{path}[{i}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object for {shape.name}, got {type(value).__name__}")
            return
        bounds(len(value), shape, path, "entries", problems)
        for key, item in value.items():
            check(key, shape.key, f"{path} key {key!r}", problems)
            check(item, shape.value, f"{path}[{key!r}]", problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string for {shape.name}, got {type(value).__name__}")
            return
        # Lengths as Java counts them, in UTF-16 code units.
        bounds(len(value.encode("utf-16-le")) // 2, shape, path, "characters", problems)
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(java_pattern(pattern), value):
            problems.append(f"{path}: {value!r} does not match the pattern of {shape.name}")
        if "enum" in shape.metadata and value not in shape.metadata["enum"]:
            problems.append(f"{path}: {value!r} is not one of {shape.metadata['enum']}")
    elif kind in ("double", "float"):
        if isinstance(value, str) and value in NON_FINITE:
            return
        if not is_number(value):
            problems.append(f"{path}: expected a number for {shape.name}, got {value!r}")
            return
        bounds(value, shape, path, "as a value", problems)
    elif kind in ("integer", "long"):
        if not is_number(value) or isinstance(value, float):
            problems.append(f"{path}: expected an integer for {shape.name}, got {value!r}")
            return
        bounds(value, shape, path, "as a value", problems)
    elif kind == "timestamp":
        # The JSON protocol sends epoch seconds; botocore also reads ISO 8601 text.
        if not (is_number(value) or isinstance(value, str)):
            problems.append(f"{path}: expected a timestamp for {shape.name}, got {value!r}")
            return
        try:
            parse_timestamp(value)
        except Exception as error:
            problems.append(f"{path}: botocore cannot read timestamp {value!r}: {error}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean for {shape.name}, got {value!r}")
    else:
        problems.append(f"{path}: the oracle does not know shape type {kind} ({shape.name})")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def bounds(n, shape, path, what, problems):
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and n < low:
        problems.append(f"{path}: {n} {what} is below the minimum {low} of {shape.name}")
    if high is not None and n > high:
        problems.append(f"{path}: {n} {what} is above the maximum {high} of {shape.name}")


def java_pattern(pattern):
    """The model's patterns are Java regexes over UTF-16; Python matches code points, so a
    surrogate pair range (a supplementary character) becomes the code point range it means."""
    pattern = pattern.replace("\\uD800\\uDC00-\\uDBFF\\uDFFF", "\\U00010000-\\U0010FFFF")
    return pattern


def main():
    with open(sys.argv[1], "rb") as f:
        body = f.read()
    model = botocore.session.get_session().get_service_model("glue")
    shape = model.operation_model("GetDataQualityResult").output_shape
    problems = []
    document = json.loads(body)
    check(document, shape, "", problems)

    parsed = {}
    try:
        response = create_parser(model.metadata["protocol"]).parse(
            {"body": body, "headers": {}, "status_code": 200}, shape
        )
        for key in ("StartedOn", "CompletedOn"):
            if key in response:
                parsed[key] = response[key].isoformat()
        parsed["RuleResults"] = len(response.get("RuleResults", []))
        parsed["AnalyzerResults"] = len(response.get("AnalyzerResults", []))
        if "Error" in response:
            problems.append(f"botocore read the body as an error: {response['Error']}")
    except Exception as error:
        problems.append(f"botocore's parser failed: {error}")
    json.dump({"problems": problems, "parsed": parsed}, sys.stdout)


if __name__ == "__main__":
    main()
