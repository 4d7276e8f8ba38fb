#!/usr/bin/env python3
"""Floor of pure-Python CSV I/O: the csv module reads every row and writes it back, no computation.

Copied from the performance anchors (``shared/anchors/passthrough.py``, 2026-11-26), with type hints.

Usage: passthrough.py INPUT.csv OUTPUT.csv

Each row is written back whole (its first field is the id), so this writes more bytes than the computing
implementations (17 columns instead of 6).
"""

from __future__ import annotations

import csv
import sys


def main(inp: str, out: str) -> None:
    with open(inp, newline="") as fi, open(out, "w", newline="") as fo:
        reader = csv.reader(fi)
        writer = csv.writer(fo, lineterminator="\n")
        for row in reader:
            writer.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
