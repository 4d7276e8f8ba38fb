"""Rows of text cells → a typed frame and a rejects frame, column by column.

:class:`ChunkFramer` takes the columns of a chunk of rows (as :func:`wenjiuye_cli.batch.open_input`
splits CSV, or as a sheet or a Parquet file gives them) and gives the same verdict on every row as
``wenjiuye batch``'s :class:`~wenjiuye_cli.batch.RowParser`: the id, the kind, unnamed columns, each fact
of the row's kind cleaned (:mod:`wenjiuye_cli.io.clean`) and each other kind's cell empty. The reasons are
worded by that parser (:meth:`~wenjiuye_cli.batch.RowParser.reason`), so they are today's, word for word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import polars as pl

from wenjiuye_cli.batch import Layout, RowParser, _not_for_kind
from wenjiuye_cli.engine import all_facts, facts_for_kind
from wenjiuye_cli.facts import KINDS, FactSpec
from wenjiuye_cli.io.clean import Reason, clean_distinct, cleaned, stripped
from wenjiuye_cli.io.schema import ID, KIND, REJECTS_SCHEMA, ROW, typed_schema
from wenjiuye_cli.io.tabular import _EXCEL_SCIENTIFIC as _EXCEL_NUMBER

Problem = tuple[str, str, str]  # (header, zh, en), as RowParser collects them
_Column = tuple[int, str, FactSpec, tuple[str, ...]]  # (index, fact, its spec, the kinds that have it)
# tabular.excel_mangled_number's pattern, applied to the NFKC-normalised, stripped id
_EXCEL_SCIENTIFIC = _EXCEL_NUMBER.pattern


@cache
def kinds_of_fact() -> dict[str, tuple[str, ...]]:
    """Fact name → the kinds that carry it (:func:`wenjiuye_cli.engine.facts_for_kind`)."""
    out: dict[str, list[str]] = {}
    for kind in KINDS:
        for name in facts_for_kind(kind):
            out.setdefault(name, []).append(kind)
    return {name: tuple(kinds) for name, kinds in out.items()}


@dataclass
class Frames:
    """What one chunk became: ``facts`` (a typed frame, :func:`~wenjiuye_cli.io.schema.typed_schema`) and
    ``rejects`` (row, reason, cells), in input order; ``read`` counts the non-blank rows, ``blank`` the
    skipped ones, so ``read == facts.height + rejects.height``."""

    facts: pl.DataFrame
    rejects: pl.DataFrame
    read: int = 0
    blank: int = 0
    # The input columns carried through to the results (序号, 姓名, 身份证号, --keep-columns), as text, one
    # row per row of ``facts``; columns ``c0``, ``c1``… in the order of ``InputInfo.carried_columns``.
    carried: pl.DataFrame | None = None


@dataclass
class _Rejects:
    rows: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)

    def add(self, row: int, reason: str, cells: list[str]) -> None:
        self.rows.append(row)
        self.reasons.append(reason)
        self.cells.append(cells)

    def frame(self) -> pl.DataFrame:
        frame = pl.DataFrame(
            {ROW: self.rows, "reason": self.reasons, "cells": self.cells}, schema=REJECTS_SCHEMA
        )
        return frame.sort(ROW, maintain_order=True) if frame.height > 1 else frame


def empty_facts() -> pl.DataFrame:
    return pl.DataFrame(schema=typed_schema())


class ChunkFramer:
    """Validates the columns of chunks of rows laid out as ``layout`` (one header for the whole input)."""

    def __init__(self, parser: RowParser, layout: Layout) -> None:
        self.parser = parser
        self.layout = layout
        self._kinds: dict[str | None, tuple[str | None, list[Problem]]] = {}
        specs = all_facts()
        self._facts = [(index, name, specs[name], kinds_of_fact()[name]) for index, name in layout.facts]
        groups: dict[tuple[str, tuple[tuple[str, tuple[str, str]], ...]], list[_Column]] = {}
        for column in self._facts:
            spec = column[2]
            groups.setdefault((spec.type, tuple(spec.choices.items())), []).append(column)
        self._groups = list(groups.values())

    # -- one kind cell
    def _kind(self, raw: str | None) -> tuple[str | None, list[Problem]]:
        known = self._kinds.get(raw)
        if known is None:
            problems: list[Problem] = []
            header = "kind" if self.layout.kind_index is None else self.layout.headers[self.layout.kind_index]
            kind = self.parser._kind(raw, problems, header)
            if len(self._kinds) > 4096:
                self._kinds.clear()
            known = self._kinds[raw] = (kind, problems)
        return known

    def frames(
        self,
        rows: pl.Series,
        columns: Mapping[int, pl.Series],
        cells_of: Callable[[int], list[str]],
        rejects: _Rejects | None = None,
        read: int = 0,
        blank: int = 0,
    ) -> Frames:
        """Validate full-width rows: ``rows`` holds their row numbers, ``columns[i]`` the cells of column
        ``i`` (String, no nulls), ``cells_of(position)`` the original cells of a row for its reject.
        ``rejects``, ``read`` and ``blank`` carry what the caller already decided (blank, broken rows)."""
        layout = self.layout
        out = rejects or _Rejects()
        n = rows.len()
        read += n
        if n == 0:
            return Frames(empty_facts(), out.frame(), read, blank, self._carried(columns, None, 0))
        id_raw = columns[layout.id_index]
        checked = id_raw.to_frame("raw").select(
            ident=stripped(pl.col("raw")),
            bad=(stripped(pl.col("raw")) == "")
            | (
                pl.col("raw").str.contains("[eEＥｅ]")
                & cleaned(pl.col("raw")).str.contains(_EXCEL_SCIENTIFIC)
            ),
        )
        ident, id_bad = checked["ident"], checked["bad"]
        # The kind of each row: few distinct texts, each read once by the parser.
        if layout.kind_index is None:
            kind_value, kind_problems = self._kind(None)
            kind = pl.Series([kind_value] * n, dtype=pl.String)
            kind_bad = pl.Series([bool(kind_problems)] * n)
        else:
            kind_raw = columns[layout.kind_index]
            distinct = kind_raw.unique().to_list()
            verdicts = {raw: self._kind(raw) for raw in distinct}
            kind = kind_raw.replace_strict({raw: v[0] for raw, v in verdicts.items()}, return_dtype=pl.String)
            kind_bad = kind_raw.replace_strict(
                {raw: bool(v[1]) for raw, v in verdicts.items()}, return_dtype=pl.Boolean
            )
        unnamed_bad = [
            (index, columns[index].to_frame("c").select(stripped(pl.col("c")) != "")["c"])
            for index in layout.unnamed
        ]
        # 身份证号 columns are carried, never read; but Excel's 1.10101E+17 has lost their digits
        mangled = [
            (
                index,
                columns[index]
                .to_frame("c")
                .select(
                    pl.col("c").str.contains("[eEＥｅ]")
                    & cleaned(pl.col("c")).str.contains(_EXCEL_SCIENTIFIC)
                )["c"],
            )
            for index in layout.id_numbers
        ]
        unnamed_bad += mangled
        kind_ok = kind.is_not_null()
        # Whether each row's kind has the fact, once per set of kinds (few: facts share their kinds).
        kind_sets = sorted({kinds for *_, kinds in self._facts})
        own_name = {kinds: f"__own{i}" for i, kinds in enumerate(kind_sets)}
        # Each group of columns read the same way (bool, int, money, date, a choice list …) is stacked
        # into one column: its distinct texts are cleaned once for the whole chunk, and every cell is
        # looked up in that table by one join, then the stack is cut back into its columns.
        exprs: list[pl.Expr] = []
        looked_up: dict[str, pl.Series] = {}
        reasons_of: dict[int, list[Reason]] = {}
        foreign_columns: list[int] = []
        kind_ok_lit = pl.lit(kind_ok)
        for members in self._groups:
            spec = members[0][2]
            stacked = (
                pl.concat([columns[index] for index, *_ in members])
                if len(members) > 1
                else columns[members[0][0]]
            )
            reasons: list[Reason] = []
            table = clean_distinct(spec, stacked.unique(), reasons)
            table = table.with_columns(filled=stripped(pl.col("raw")) != "")
            looked = stacked.rename("raw").to_frame().join(table, on="raw", how="left", maintain_order="left")
            for j, (index, name, _spec, kinds) in enumerate(members):
                part = looked.slice(j * n, n)
                own = pl.col(own_name[kinds])
                looked_up[f"v{index}"] = part.get_column("value")
                exprs.append(pl.when(own).then(pl.col(f"v{index}")).alias(name))
                problem = part.get_column("problem")
                if reasons and problem.null_count() < n:
                    reasons_of[index] = reasons
                    looked_up[f"q{index}"] = problem
                    exprs.append(pl.when(own).then(pl.col(f"q{index}")).alias(f"p{index}"))
                if len(kinds) < len(KINDS):
                    foreign_columns.append(index)
                    looked_up[f"g{index}"] = part.get_column("filled")
                    exprs.append((~own & kind_ok_lit & pl.col(f"g{index}")).alias(f"f{index}"))
        raw = pl.DataFrame(looked_up).with_columns(
            pl.lit(kind).is_in(kinds).fill_null(False).alias(own_name[kinds]) for kinds in kind_sets
        )
        result = raw.select(exprs)
        flags = [pl.col(f"p{index}").is_not_null() for index in reasons_of]
        flags += [pl.col(f"f{index}") for index in foreign_columns]
        fact_bad = result.select(pl.any_horizontal(flags)).to_series() if flags else pl.Series([False] * n)
        bad = id_bad | kind_bad
        for _, column in unnamed_bad:
            bad = bad | column
        bad = bad | (kind_ok & fact_bad)
        if bad.any():
            own_problem = [
                (index, "", result[f"p{index}"], reasons) for index, reasons in sorted(reasons_of.items())
            ]
            foreign_filled = [(index, result[f"f{index}"]) for index in sorted(foreign_columns)]
            self._reject(
                bad, rows, columns, cells_of, out, id_bad, kind_bad, unnamed_bad, own_problem, foreign_filled
            )
        values = {name: result[name] for _i, name, _s, _k in self._facts}
        keep = ~bad
        facts = pl.DataFrame({ROW: rows, ID: ident, KIND: kind, **values}).filter(keep)
        return Frames(_typed(facts), out.frame(), read, blank, self._carried(columns, keep, n))

    def _carried(self, columns: Mapping[int, pl.Series], keep: pl.Series | None, n: int) -> pl.DataFrame:
        """The carried columns of the rows kept (see :attr:`Frames.carried`)."""
        if not self.layout.carried:
            return pl.DataFrame()
        carried = pl.DataFrame({f"c{j}": columns[index] for j, index in enumerate(self.layout.carried)})
        return carried.clear() if not n else carried if keep is None else carried.filter(keep)

    def _reject(
        self,
        bad: pl.Series,
        rows: pl.Series,
        columns: Mapping[int, pl.Series],
        cells_of: Callable[[int], list[str]],
        out: _Rejects,
        id_bad: pl.Series,
        kind_bad: pl.Series,
        unnamed_bad: list[tuple[int, pl.Series]],
        own_problem: list[tuple[int, str, pl.Series, list[Reason]]],
        foreign_filled: list[tuple[int, pl.Series]],
    ) -> None:
        layout, parser = self.layout, self.parser
        headers = layout.headers
        where = bad.arg_true()

        def pick(series: pl.Series) -> list[Any]:
            return series.gather(where).to_list()

        numbers, id_raws, id_flags = pick(rows), pick(columns[layout.id_index]), pick(id_bad)
        kind_raws: list[Any] = (
            [None] * len(numbers) if layout.kind_index is None else pick(columns[layout.kind_index])
        )
        unnamed = [(index, pick(flags)) for index, flags in unnamed_bad]
        own = [(index, pick(problem), reasons) for index, _name, problem, reasons in own_problem]
        foreign = [(index, pick(flags)) for index, flags in foreign_filled]
        positions = where.to_list()
        for j, number in enumerate(numbers):
            problems: list[Problem] = []
            if id_flags[j]:
                parser._id(id_raws[j], problems, headers[layout.id_index])
            row_kind, kind_problems = self._kind(kind_raws[j])
            problems.extend(kind_problems)
            for index, flags in unnamed:
                if not flags[j]:
                    continue
                if index in layout.id_numbers:
                    problems.append(
                        (headers[index],
                         "被 Excel 改成了科学计数法，原来的数字已丢失；请把该列设为“文本”后重新导出",
                         "was turned into a number by Excel and its digits are lost; format the column as Text "
                         "and export again")
                    )  # fmt: skip
                else:
                    problems.append(
                        (
                            f"第{index + 1}列",
                            "这一列没有表头却有内容",
                            "this column has no header but the cell is filled",
                        )
                    )
            if row_kind is not None:
                # The facts of the row's kind in column order, then the other kinds' filled cells.
                for index, problem, reasons in sorted(own, key=lambda t: t[0]):
                    if problem[j] is not None:
                        zh, en = reasons[problem[j]]
                        problems.append((headers[index], zh, en))
                for index, flags in foreign:
                    if flags[j]:
                        problems.append(_not_for_kind(headers[index], row_kind))
            out.add(number, parser.reason(problems), cells_of(positions[j]))


def _typed(facts: pl.DataFrame) -> pl.DataFrame:
    """``facts`` with every column of the typed schema, in order (facts without a column are null)."""
    schema = typed_schema()
    missing = [pl.lit(None, dtype).alias(name) for name, dtype in schema.items() if name not in facts.columns]
    return facts.with_columns(missing).select(list(schema)).cast(schema)
