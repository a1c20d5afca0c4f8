#!/usr/bin/env python3
"""Test oracle: DataBrew-style hashes of columns of a whitespace-delimited file, by hashlib and hmac.

Usage (with the oracle venv, see scripts/setup-oracles.sh):
  ONBOARD_ORACLE_KEY=<base64 key> .venv/bin/python scripts/oracle_hash.py FILE COLUMN_INDEX...

Prints JSON {algorithm: {column_index: [hash, ...]}} for MD5, SHA1, SHA256, SHA512 and their HMAC_
forms, one hash per line of FILE. Each value's UTF-8 bytes are hashed; the HMAC key is the
base64-decoded ONBOARD_ORACLE_KEY (taken from the environment, not the command line, so it never
shows in a process list); digests are written in standard base64 with padding.
"""
import base64
import hashlib
import hmac
import json
import os
import sys

ALGORITHMS = {"MD5": "md5", "SHA1": "sha1", "SHA256": "sha256", "SHA512": "sha512"}


def main():
    path, columns = sys.argv[1], [int(c) for c in sys.argv[2:]]
    key = base64.b64decode(os.environ["ONBOARD_ORACLE_KEY"], validate=True)
    with open(path, encoding="utf-8") as f:
        rows = [line.split() for line in f if line.strip()]
    out = {}
    for name, digest in ALGORITHMS.items():
        plain, keyed = {}, {}
        for c in columns:
            values = [row[c].encode("utf-8") for row in rows]
            plain[c] = [base64.b64encode(hashlib.new(digest, v).digest()).decode() for v in values]
            keyed[c] = [base64.b64encode(hmac.new(key, v, digest).digest()).decode() for v in values]
        out[name] = plain
        out["HMAC_" + name] = keyed
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
