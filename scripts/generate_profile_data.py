#!/usr/bin/env python3
"""Test data: writes a deterministic CSV for the full-profile oracle test (FullProfileOracleTests).

Usage: python3 scripts/generate_profile_data.py OUT.csv [--rows 100000] [--seed 20240005]

100,000 distinct rows plus about 1,500 copies of earlier rows, at a known count. Columns:
  key         unique text (so distinct values pass 65,536 and top values are sketched)
  quantity    integers 0..4999, about 4% empty
  balance     two-decimal amounts -2000.00..7999.99, about 3% exactly 0.00
  latency_ms  heavy-tailed: 5,000,000 / u for u uniform in 1,000..10^6, three decimals: about 1% of the
              values lie more than 3 standard deviations above the mean
  constant    always 42
  day         ISO dates over about eight years from 2019-01-01
  segment     five categories, skewed, one non-ASCII
  contact     e-mail addresses (about 48,000 distinct); 5% placeholders that are not
  x, y        y = 0.8 x + noise + 20 (correlated), y about 2% empty
Prints JSON {"rows": n, "planted_duplicates": n}. Python's random.Random with a seed gives the same
numbers on every platform and version since 3.2, and only exact arithmetic is used (no libm), so
the file is the same everywhere. Generated in Python because a debug build of the Swift tests
writes it several times slower.
"""
import argparse
import datetime
import json
import random

SEGMENTS = ["retail", "retail", "retail", "sme", "sme", "corporate", "private banking", "öffentlich"]
FIRST = ["anna", "ben", "clara", "david", "eva", "felix", "greta", "hans", "ida", "jan",
         "karla", "lukas", "mia", "noah", "olga", "paul", "rita", "sven", "tina", "uwe"]
LAST = ["schmidt", "meyer", "weber", "wagner", "becker", "schulz", "hoffmann", "koch", "richter", "klein",
        "wolf", "neumann", "schwarz", "braun", "zimmermann", "krüger", "hartmann", "lange", "werner", "krause"]
DOMAINS = ["example.com", "example.org", "beispiel.de"]
EPOCH = datetime.date(2019, 1, 1)


def fixed(units, decimals):
    """Integer `units` of 10^-decimals as text, e.g. fixed(-5, 2) == "-0.05"."""
    scale = 10 ** decimals
    sign = "-" if units < 0 else ""
    return f"{sign}{abs(units) // scale}.{abs(units) % scale:0{decimals}d}"


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=100_000, help="distinct rows (copies come on top)")
    ap.add_argument("--seed", type=int, default=20240005)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rand = rng.random
    below = rng.randrange

    def normal():
        """About normal: the sum of 12 uniforms minus 6 (Irwin-Hall)."""
        return sum(rand() for _ in range(12)) - 6

    # Unique keys: a random permutation of 0..2^40 would need memory; a multiplicative bijection
    # modulo 2^40 (odd multiplier) maps distinct row numbers to distinct, scattered keys.
    keys = ((i * 0x9E3779B97F + 0x5EED) % (1 << 40) for i in range(a.rows))
    lines = []
    planted = 0
    for key in keys:
        quantity = "" if below(100) < 4 else str(below(5000))
        balance = fixed(0 if below(100) < 3 else below(1_000_000) - 200_000, 2)
        latency = fixed(5_000_000_000 // below(1_000, 1_000_001), 3)
        day = (EPOCH + datetime.timedelta(days=below(3000))).isoformat()
        segment = SEGMENTS[below(len(SEGMENTS))]
        if below(100) < 5:
            contact = "none given" if below(2) == 0 else "ask branch"
        else:
            contact = f"{FIRST[below(20)]}.{LAST[below(20)]}{below(50)}@{DOMAINS[below(3)]}"
        x_cents = round((100 + 15 * normal()) * 100)
        y_missing = below(100) < 2
        y_cents = round((0.8 * x_cents / 100 + 9 * normal() + 20) * 100)
        y = "" if y_missing else fixed(y_cents, 2)
        lines.append(f"C-{base36(key)},{quantity},{balance},{latency},42,{day},{segment},{contact},{fixed(x_cents, 2)},{y}\n")
        # Plant a copy of an earlier row (it may itself be a copy) about once in 64 rows.
        if below(64) == 0:
            lines.append(lines[below(len(lines))])
            planted += 1
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("key,quantity,balance,latency_ms,constant,day,segment,contact,x,y\n")
        f.writelines(lines)
    print(json.dumps({"rows": len(lines), "planted_duplicates": planted}))


if __name__ == "__main__":
    main()
