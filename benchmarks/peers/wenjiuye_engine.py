#!/usr/bin/env python3
"""The project's rule engine alone on the converted file: no CLI, no validation, the four measures only
(or every measure), for the four-rule benchmark.

Usage: wenjiuye_engine.py CONVERTED.csv WIDE.csv [--all-measures]

``wenjiuye batch`` has no option to evaluate only some measures: it validates every cell (encodings, Excel's
typing, rejects with row numbers) and evaluates every measure of each row's kind (12 for a person). This
runs the same rules (``wenjiuye_cli.engine.query.evaluate_frame``, the engine ``batch`` calls per
chunk) over the whole file read by polars with the project's typed schema (``io.schema.typed_schema``),
with only ``rent_subsidy``, ``startup_loan``, ``hiring_subsidy`` and ``stable_jobs_refund`` (all 28 with
``--all-measures``), and the peers' reading (``to_wenjiuye.PEERS_READING``). It writes ``id`` and each
measure's ``status`` and ``amount``, the columns ``from_wenjiuye.py`` folds back. So it shows what the rules
cost without the reader; it is not what a user runs, and it trusts its input (the converted file is clean).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.engine.schema import EVALUATION_DATE
from wenjiuye_cli.io.schema import typed_schema
from wenjiuye_cli.policy import load_policy

if __package__ in (None, ""):  # run as a script: make ``peers`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peers.to_wenjiuye import PEERS_READING

FOUR = ("rent_subsidy", "startup_loan", "hiring_subsidy", "stable_jobs_refund")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--all-measures", action="store_true", help="every measure of each row's kind")
    args = ap.parse_args(argv)
    policy = load_policy(None, PEERS_READING)
    schema = typed_schema()
    header = pl.read_csv(args.input, n_rows=0).columns
    lazy = pl.scan_csv(args.input, schema_overrides={c: schema[c] for c in header if c in schema})
    lazy = lazy.with_columns(pl.col("application_date").alias(EVALUATION_DATE))
    results = evaluate_frame(lazy, policy, measures=None if args.all_measures else FOUR)
    columns = [pl.col("id")]
    for measure in FOUR:
        columns += [pl.col(f"{measure}.status").cast(pl.String), pl.col(f"{measure}.amount")]
    results.select(columns).write_csv(args.output)


if __name__ == "__main__":
    main()
