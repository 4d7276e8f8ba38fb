"""Today's per-row reader (batch.ApplicantReader) as the oracle: its applicants and rejects, as plain data."""

from __future__ import annotations

import io
from typing import Any

import polars as pl

from wenjiuye_cli.batch import ApplicantReader, BatchOptions, RejectSink
from wenjiuye_cli.facts import IncubatedFirm
from wenjiuye_cli.io.readers import open_reader


class _Collect(RejectSink):
    def __init__(self, lang: str) -> None:
        super().__init__(None, lang, excel_safe=False)
        self.rows: list[tuple[int, str, list[str]]] = []

    def write(self, rows: Any) -> None:
        super().write(rows)
        self.rows.extend((r.row, r.reason, list(r.cells)) for r in rows)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and value and isinstance(value[0], IncubatedFirm):
        return [{"operating_months": f.operating_months, "jobs_created": f.jobs_created} for f in value]
    if isinstance(value, tuple):
        return []
    return value


def per_row(
    data: bytes, name: str, options: BatchOptions
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str, list[str]]], int]:
    """(applicants as (row, id, kind, facts), rejects as (row, reason, cells), rows read)."""
    sink = _Collect(options.lang)
    reader = ApplicantReader(io.BytesIO(data), name, options, sink)
    applicants = [
        (
            row.number,
            row.applicant.id,
            row.applicant.kind,
            {k: _plain(v) for k, v in row.applicant.facts.values.items()},
        )
        for row in reader
    ]
    return applicants, sink.rows, reader.counts.read


def columnar(
    data: bytes, name: str, options: BatchOptions, chunk_rows: int = 7
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str, list[str]]], int]:
    """The same from the columnar reader (small chunks, so chunk edges are crossed)."""
    reader = open_reader(name, options, chunk_rows=chunk_rows, stream=io.BytesIO(data))
    applicants: list[tuple[Any, ...]] = []
    rejects: list[tuple[int, str, list[str]]] = []
    for chunk in reader:
        facts: pl.DataFrame = chunk.facts
        for record in facts.iter_rows(named=True):
            values = {k: v for k, v in record.items() if k not in ("row", "id", "kind") and v is not None}
            applicants.append((record["row"], record["id"], record["kind"], values))
        rejects.extend((r["row"], r["reason"], r["cells"]) for r in chunk.rejects.iter_rows(named=True))
    assert reader.counts.read == len(applicants) + len(rejects)
    return applicants, rejects, reader.counts.read
