"""``wenjiuye batch`` on a Dask cluster: an applicant list in, one Parquet file of results per partition out.

    python examples/scale-out/dask_batch.py applicants.csv -o results/ [--as-of 2022-06-30]
        [--set KEY=VALUE ...] [--partition-rows 10000] [--workers 2 | --scheduler tcp://host:8786]

1. The list (CSV in any encoding ``wenjiuye batch`` reads, NDJSON, xlsx or Parquet) is read once, streamed,
   by the project's own reader (:func:`wenjiuye_cli.io.readers.open_reader`): every cell is validated as
   ``wenjiuye batch`` validates it, and each chunk of ``--partition-rows`` rows becomes one typed Parquet
   file ``results/typed/part-NNNNN.parquet`` (:mod:`wenjiuye_cli.io.writers`); bad rows go to
   ``results/rejects.csv`` with their row number and reason.
2. ``map_partitions`` runs :func:`wenjiuye_cli.engine.scale.evaluate_table` with the (picklable) policy on each
   typed file on the workers, each writing ``results/results/part-NNNNN.parquet``: the columns of
   ``wenjiuye batch``'s CSV (plus ``row``), amounts as exact decimals.
3. The budget total is summed, as a Decimal, from what the workers return, and printed.

The workers need ``wenjiuye`` installed (``pip install 'wenjiuye[dask]'``); this script's own functions are
shipped to them by value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import cloudpickle
import dask.bag as db
import polars as pl
from dask.distributed import Client, LocalCluster

from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.io.writers import open_writer, rejects_table
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.engine.scale import evaluate_table

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers need not have this file


@dataclass
class Summary:
    partitions: int
    read: int
    evaluated: int
    rejected: int
    total: Decimal
    maxima_total: Decimal
    results: list[Path]


def split(source: Path, out_dir: Path, partition_rows: int) -> tuple[list[Path], int, int]:
    """The list as typed Parquet files of ``partition_rows`` rows, and its rejects; (files, read, rejected)."""
    typed = out_dir / "typed"
    typed.mkdir(parents=True, exist_ok=True)
    reader = open_reader(source, chunk_rows=partition_rows)
    parts: list[Path] = []
    with open_writer(out_dir / "rejects.csv") as rejects:
        for frames in reader:
            if frames.rejects.height:
                rejects.write(rejects_table(frames.rejects, reader.info.columns))
            # a reader's chunk may be longer than a partition (the CSV fast path splits by bytes)
            for part in frames.facts.iter_slices(partition_rows):
                path = typed / f"part-{len(parts):05d}.parquet"
                with open_writer(path) as out:
                    out.write(part)
                parts.append(path)
    return parts, reader.counts.read, reader.counts.rejected


def evaluate_partition(
    paths: Iterable[str], policy: Policy, out_dir: str, as_of: date | None, today: date | None
) -> list[tuple[str, int, Decimal, Decimal]]:
    """On a worker: each typed file evaluated and written; (result file, rows, total, maxima total)."""
    done = []
    for path in paths:
        results = evaluate_table(pl.read_parquet(path), policy, as_of=as_of, today=today)
        target = Path(out_dir) / Path(path).name
        with open_writer(target) as out:  # atomic: a failed task leaves no half-written file
            out.write(results)
        total, maxima = results.get_column("total").sum(), results.get_column("maxima_total").sum()
        done.append((str(target), results.height, Decimal(total), Decimal(maxima)))
    return done  # a list: what a task returns is pickled


def run(
    source: Path,
    out_dir: Path,
    client: Client,
    policy: Policy,
    *,
    as_of: date | None = None,
    today: date | None = None,
    partition_rows: int = 10_000,
) -> Summary:
    parts, read, rejected = split(source, out_dir, partition_rows)
    results_dir = out_dir / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    today = today or date.today()  # one day for every worker, as one batch has
    bag = db.from_sequence([str(p) for p in parts], npartitions=max(len(parts), 1))
    done: list[Any] = bag.map_partitions(evaluate_partition, policy, str(results_dir), as_of, today).compute(
        scheduler=client
    )
    done.sort()
    return Summary(
        partitions=len(parts),
        read=read,
        evaluated=sum(d[1] for d in done),
        rejected=rejected,
        total=sum((d[2] for d in done), Decimal(0)),
        maxima_total=sum((d[3] for d in done), Decimal(0)),
        results=[Path(d[0]) for d in done],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="a directory")
    parser.add_argument("--as-of", type=date.fromisoformat)
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--partition-rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="a local cluster of N processes")
    parser.add_argument("--scheduler", help="the address of a running Dask scheduler instead")
    args = parser.parse_args(argv)
    policy = load_policy(overrides=args.sets)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1))
    with client:
        summary = run(
            args.input, args.output, client, policy, as_of=args.as_of, partition_rows=args.partition_rows
        )
    print(
        f"{summary.read} rows read in {summary.partitions} partitions: {summary.evaluated} evaluated, "
        f"{summary.rejected} rejected ({args.output / 'rejects.csv'}); results in {args.output / 'results'}"
    )
    print(
        f"budget total {fmt_money(summary.total)} yuan (maxima of amounts set elsewhere: "
        f"{fmt_money(summary.maxima_total)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
