"""examples/scale-out/dask_batch.py, run as a user runs it (a LocalCluster of two worker processes), gives what
``wenjiuye batch`` gives on the same generated list: the same rows, statuses and amounts, and the same budget.

The example runs in its own process (as ``python examples/scale-out/dask_batch.py``): a LocalCluster started
inside the pytest process hung on this machine, and a subprocess is also how the example is meant to be used.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from tests import PROJECT_ROOT

pytest.importorskip("dask.distributed", reason="dask is not installed: pip install -e '.[dask]'")

from wenjiuye_cli.engine import registry

ROOT = PROJECT_ROOT
AS_OF = "2022-06-30"


def test_the_dask_example_equals_wenjiuye_batch(tmp_path: Path) -> None:
    source = tmp_path / "applicants.csv"
    generate = [
        sys.executable,
        str(ROOT / "benchmarks/generate.py"),
        "300",
        "-o",
        str(source),
        "--bad-every",
        "40",
    ]
    subprocess.run(generate, check=True, capture_output=True, timeout=300)
    batch = tmp_path / "batch.csv"
    cli = [
        sys.executable,
        "-m",
        "wenjiuye_cli",
        "batch",
        str(source),
        "-o",
        str(batch),
        "--as-of",
        AS_OF,
        "-q",
        "--codes",  # the machine codes: the columns evaluate_table names
    ]
    done = subprocess.run(cli, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr  # 1: some rows rejected, as generated
    with batch.open(encoding="utf-8-sig", newline="") as stream:
        want = list(csv.DictReader(stream))

    out = tmp_path / "out"
    example = [sys.executable, str(ROOT / "examples/scale-out/dask_batch.py"), str(source), "-o", str(out),
               "--as-of", AS_OF, "--partition-rows", "60", "--workers", "2"]  # fmt: skip
    ran = subprocess.run(example, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    results = sorted((out / "results").glob("*.parquet"))
    assert len(results) >= 4  # several partitions, spread over the two workers
    got = pl.concat([pl.read_parquet(p) for p in results]).sort("row")
    assert got["id"].to_list() == [r["id"] for r in want]
    columns = ["kind", "as_of", "total", "maxima_total"]
    columns += [f"{m.id}.{part}" for m in registry() for part in ("status", "amount", "maximum")]
    for row, expected in zip(got.iter_rows(named=True), want, strict=True):
        for name in columns:
            value = row[name]
            text = "" if value is None else f"{value:f}" if isinstance(value, Decimal) else str(value)
            assert text == expected[name], (expected["id"], name)
    budget = sum((Decimal(r["total"]) for r in want), Decimal(0))
    assert f"budget total {budget:,.2f}".replace(",", "") in ran.stdout.replace(",", "")
    assert (out / "rejects.csv").exists()
