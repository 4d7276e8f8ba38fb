"""Cells as people type them, cleaned vectorised on each column's distinct texts.

A list has few distinct texts per column (是/否, a few hundred dates, amounts), so each column of a chunk is
reduced to its distinct texts, those are cleaned once with polars expressions, and the result is joined
back. The expressions follow :meth:`wenjiuye_cli.facts.FactSpec.convert` exactly (NFKC, thousands
separators, a trailing 元, 是/否/Y/N/true/false, ``2020-07-01``/``2020/7/1``/``2020年7月1日``), and
they decide only the forms they are sure of: every other distinct text (a bad cell, an exponent, digits of
another script, a percentage of money) is handed to the fact's own converter, which gives the value or the
reason today's reader gives. So a cell's value and reason are the same as ``wenjiuye batch`` reads them,
and only the rare odd texts cost a Python step.

A value the typed frame cannot hold exactly (an amount with fractions of a fen, a whole number past
Int64, a rate with more than ten decimals) is rejected with a reason naming it: it is never rounded.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import polars as pl

from wenjiuye_cli.facts import _FALSE, _TRUE, EARLIEST_DATE, LATEST_DATE, FactError, FactSpec, IncubatedFirm
from wenjiuye_cli.io.schema import DECIMAL_PRECISION, MONEY_SCALE, RATIO_SCALE, fact_dtype


@cache
def _py_whitespace() -> str:
    """What Python's str.strip() removes (Rust's notion of whitespace lacks U+001C–U+001F): every code point
    tested, once, on first use (it takes about 0.1 s, too much for every start of the command)."""
    return "".join(filter(str.isspace, map(chr, range(sys.maxunicode + 1))))


def __getattr__(name: str) -> str:
    """``PY_WHITESPACE``: :func:`_py_whitespace`, built when it is first asked for."""
    if name == "PY_WHITESPACE":
        return _py_whitespace()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NUMBER_JUNK = r"[, 元¥￥_]"  # removed from numbers after NFKC, as facts._NUMBER_JUNK
_INT64_MAX = 2**63 - 1
_MONEY_QUANTUM = Decimal(1).scaleb(-MONEY_SCALE)
_RATIO_QUANTUM = Decimal(1).scaleb(-RATIO_SCALE)
_MAX_WHOLE_DIGITS = DECIMAL_PRECISION - max(MONEY_SCALE, RATIO_SCALE)

Reason = tuple[str, str]  # (zh, en)


def stripped(expr: pl.Expr) -> pl.Expr:
    """``str.strip()`` as Python does it."""
    return expr.str.strip_chars(_py_whitespace())


def cleaned(expr: pl.Expr) -> pl.Expr:
    """``unicodedata.normalize("NFKC", text).strip()``, as ``facts._clean_text``."""
    return stripped(expr.str.normalize("NFKC"))


def _sure(spec: FactSpec, raw: pl.Expr) -> tuple[pl.Expr, pl.Expr] | None:
    """(value, sure) for the forms decided without the fact's converter; None: always ask it."""
    kind = spec.type
    if kind == "bool":
        text = cleaned(raw).str.to_lowercase()
        truth: pl.Expr = (
            pl.when(text.is_in(sorted(_TRUE))).then(True).when(text.is_in(sorted(_FALSE))).then(False)
        )
        return truth, truth.is_not_null()
    if kind in ("int", "money"):
        text = cleaned(raw).str.replace_all(_NUMBER_JUNK, "")
        # A value beyond the fact's allowed range (facts.FactSpec.maximum) goes to the converter, which
        # rejects it naming the range, as today's reader does.
        limit = spec.maximum
        if kind == "int":
            sure = text.str.contains(r"^\+?[0-9]{1,18}$")
            number = text.str.strip_chars_start("+").cast(pl.Int64, strict=False)
            return number, sure & (number <= pl.lit(limit, dtype=pl.Int64))
        sure = text.str.contains(rf"^\+?[0-9]{{1,{_MAX_WHOLE_DIGITS}}}(?:\.[0-9]{{1,{MONEY_SCALE}}})?$")
        amount = text.str.strip_chars_start("+").cast(fact_dtype(spec), strict=False)
        return amount, sure & (amount <= pl.lit(limit, dtype=fact_dtype(spec)))
    if kind == "date":
        parts = cleaned(raw).str.extract_groups(r"^([0-9]{4})[年/.\-]([0-9]{1,2})[月/.\-]([0-9]{1,2})日?$")
        year = parts.struct.field("1")
        iso = pl.concat_str(
            [year, parts.struct.field("2").str.zfill(2), parts.struct.field("3").str.zfill(2)], separator="-"
        )
        # strict=False: 2021-02-30 gives null (and goes to the converter for its reason), never an error.
        day = iso.str.to_date("%Y-%m-%d", strict=False)
        within = day.is_between(pl.lit(EARLIEST_DATE), pl.lit(LATEST_DATE))  # else the converter's reason
        return day, day.is_not_null() & (year != "0000") & within
    if kind == "choice":
        text = cleaned(raw)
        exact: dict[str, str] = {}
        lower: dict[str, str] = {}
        for code, (zh, en) in spec.choices.items():
            exact.setdefault(code, code)
            exact.setdefault(zh, code)
            lower.setdefault(en.lower(), code)
        value = pl.coalesce(
            text.replace_strict(exact, default=None, return_dtype=pl.String),
            text.str.to_lowercase().replace_strict(lower, default=None, return_dtype=pl.String),
        )
        return value, value.is_not_null()
    if kind == "text":
        return stripped(raw), pl.lit(True)
    return None  # ratio, firms: few distinct texts, read by the converter


def _unrepresentable(spec: FactSpec, raw: Any, value: Any) -> Reason | None:
    """Why the typed frame cannot hold ``value`` exactly, or None when it can."""
    kind = spec.type
    too_large = (f"数值过大：{raw}", f"too large: {raw}")
    if kind == "int":
        return too_large if value > _INT64_MAX else None
    if kind in ("money", "ratio"):
        quantum = _MONEY_QUANTUM if kind == "money" else _RATIO_QUANTUM
        if value.adjusted() >= _MAX_WHOLE_DIGITS:
            return too_large
        if value != value.quantize(quantum):
            if kind == "money":
                return (
                    f"金额最多两位小数（到分），而不是 {raw!r}",
                    f"an amount has at most two decimals (fen), got {raw!r}",
                )
            return (
                f"比例最多 {RATIO_SCALE} 位小数，而不是 {raw!r}",
                f"a ratio has at most {RATIO_SCALE} decimals, got {raw!r}",
            )
        return None
    if kind == "firms":
        if any(f.operating_months > _INT64_MAX or f.jobs_created > _INT64_MAX for f in value):
            return too_large
    return None


def _typed(spec: FactSpec, value: Any) -> Any:
    """A converter's value as the typed frame's Series takes it."""
    if spec.type == "firms":
        return [_firm(f) for f in value]
    return value


def _firm(firm: IncubatedFirm) -> dict[str, int]:
    return {"operating_months": firm.operating_months, "jobs_created": firm.jobs_created}


@dataclass
class Converted:
    """One column's cells as values: ``values`` (typed, null when blank or bad) and ``problem`` (UInt32,
    an index into ``reasons`` for a bad cell, else null), both as long as the column."""

    values: pl.Series
    problem: pl.Series
    reasons: list[Reason]


def convert_scalars(
    spec: FactSpec, raws: list[Any], reasons: list[Reason]
) -> tuple[list[Any], list[int | None]]:
    """Values and reason indices of ``raws`` by the fact's own converter (the reasons are appended)."""
    values: list[Any] = []
    problems: list[int | None] = []
    for raw in raws:
        try:
            value = spec.convert(raw)
        except FactError as exc:
            values.append(None)
            problems.append(len(reasons))
            reasons.append((exc.zh, exc.en))
            continue
        why = None if value is None else _unrepresentable(spec, raw, value)
        if why is not None:
            values.append(None)
            problems.append(len(reasons))
            reasons.append(why)
            continue
        values.append(None if value is None else _typed(spec, value))
        problems.append(None)
    return values, problems


def clean_distinct(spec: FactSpec, texts: pl.Series, reasons: list[Reason]) -> pl.DataFrame:
    """The distinct ``texts`` of a fact's cells as ``raw``, ``value`` (typed, null when blank or bad) and
    ``problem`` (an index into ``reasons``, to which the reasons of bad texts are appended)."""
    dtype = fact_dtype(spec)
    frame = pl.DataFrame({"raw": texts.cast(pl.String)})
    raw = pl.col("raw")
    blank = stripped(raw) == ""
    sure = _sure(spec, raw)
    if sure is None:
        decided = frame.filter(blank).with_columns(value=pl.lit(None, dtype), problem=pl.lit(None, pl.UInt32))
        unsure = frame.filter(~blank)["raw"].to_list()
    else:
        value, ok = sure
        marked = frame.with_columns(
            value=pl.when(blank).then(None).otherwise(value).cast(dtype), ok=blank | ok
        )
        decided = marked.filter("ok").drop("ok").with_columns(problem=pl.lit(None, pl.UInt32))
        unsure = marked.filter(~pl.col("ok"))["raw"].to_list()
    if not unsure:
        return decided
    values, problems = convert_scalars(spec, unsure, reasons)
    asked = pl.DataFrame(
        {
            "raw": pl.Series(unsure, dtype=pl.String),
            "value": pl.Series(values, dtype=dtype),
            "problem": pl.Series(problems, dtype=pl.UInt32),
        }
    )
    return pl.concat([decided, asked])


def convert_column(spec: FactSpec, column: pl.Series) -> Converted:
    """The cells of one fact column (String, no nulls) as the fact's values, cleaned on distinct texts."""
    reasons: list[Reason] = []
    table = clean_distinct(spec, column.unique(), reasons)
    joined = column.rename("raw").to_frame().join(table, on="raw", how="left", maintain_order="left")
    return Converted(joined["value"], joined["problem"], reasons)


def convert_texts(spec: FactSpec, texts: list[str]) -> list[tuple[Any, Reason | None]]:
    """Each text's value and reason (None when it reads), for tests and single cells."""
    converted = convert_column(spec, pl.Series(texts, dtype=pl.String))
    out: list[tuple[Any, Reason | None]] = []
    for value, problem in zip(converted.values.to_list(), converted.problem.to_list(), strict=True):
        out.append((value, None if problem is None else converted.reasons[problem]))
    return out


def convert_objects(spec: FactSpec, raws: list[Any]) -> Converted:
    """Cells of any JSON type (NDJSON, a sheet): texts cleaned on distinct texts as
    :func:`convert_column`, other values (numbers, booleans, lists) by the fact's converter, once per
    distinct value. ``None`` is a missing fact."""
    reasons: list[Reason] = []
    dtype = fact_dtype(spec)
    texts = [raw for raw in raws if type(raw) is str]
    text_values: dict[str, tuple[Any, int | None]] = {}
    if texts:
        column = pl.Series(texts, dtype=pl.String).unique()
        table = clean_distinct(spec, column, reasons)
        text_values = dict(
            zip(
                table["raw"].to_list(),
                zip(table["value"].to_list(), table["problem"].to_list(), strict=True),
                strict=True,
            )
        )
    others: dict[tuple[str, str], tuple[Any, int | None]] = {}
    values: list[Any] = []
    problems: list[int | None] = []
    for raw in raws:
        if raw is None:
            values.append(None)
            problems.append(None)
            continue
        if type(raw) is str:
            value, problem = text_values[raw]
        else:
            key = (type(raw).__name__, repr(raw))
            known = others.get(key)
            if known is None:
                got, why = convert_scalars(spec, [raw], reasons)
                known = others[key] = (got[0], why[0])
            value, problem = known
        values.append(value)
        problems.append(problem)
    return Converted(pl.Series(values, dtype=dtype), pl.Series(problems, dtype=pl.UInt32), reasons)
