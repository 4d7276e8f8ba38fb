"""Results as data: JSON documents, NDJSON lines and CSV rows. Amounts are strings (``"2500.00"``).

``detail=False`` leaves out the condition trace and the arithmetic in words: batch output asks only for
what it writes, so it never pays for formatting sentences it would throw away.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

from wenjiuye_cli import __version__
from wenjiuye_cli.engine import ApplicantResult, measure_by_id
from wenjiuye_cli.explain import render, render_message
from wenjiuye_cli.io.tabular import guard_formula
from wenjiuye_cli.money import fmt_money, fmt_number
from wenjiuye_cli.outcome import STATUS_LABELS, Outcome, Status
from wenjiuye_cli.policy import Policy


def money(value: Decimal | None) -> str | None:
    return None if value is None else fmt_money(value)


def stamp(policy: Policy, as_of: date | None) -> dict[str, Any]:
    """What every output says it was computed from."""
    return {
        "tool": "wenjiuye",
        "version": __version__,
        "policy": policy.stamp(),
        "as_of_override": as_of.isoformat() if as_of else None,
    }


def outcome_dict(outcome: Outcome, lang: str, detail: bool = True) -> dict[str, Any]:
    measure = measure_by_id(outcome.measure_id)
    item: dict[str, Any] = {
        "measure": measure.id,
        "name": measure.name(lang),
        "article": measure.article,
        "tasks": list(measure.tasks),
        "department": measure.department,
        "status": outcome.status.value,
        "status_label": STATUS_LABELS[outcome.status][0 if lang == "zh" else 1],
        "amount": money(outcome.amount),
        "maximum": money(outcome.maximum),
        "monthly_amount": money(outcome.monthly_amount),
        "months": outcome.months,
        "payee": outcome.payee,
        "counts_as_payment": outcome.counts_as_payment,
        "missing_facts": list(outcome.missing_facts),
    }
    if not detail:
        return item
    item["caps"] = [
        {
            "parameter": cap.parameter,
            "limit": fmt_number(cap.limit),
            "uncapped": fmt_number(cap.uncapped),
            "bound": cap.bound,
        }
        for cap in outcome.caps
    ]
    item["conditions"] = [
        {
            "code": c.code,
            "result": c.result.value,
            "text": render(c.code, c.args, measure, lang),
            "missing": list(c.missing),
        }
        for c in outcome.conditions
    ]
    item["arithmetic"] = [render_message(m, measure, lang) for m in outcome.arithmetic]
    item["notes"] = [render_message(m, measure, lang) for m in outcome.notes]
    item["parameters_used"] = list(outcome.parameters_used)
    if outcome.schedule:
        item["schedule"] = [
            {"month": line.month.isoformat()[:7], "amount": money(line.amount)} for line in outcome.schedule
        ]
        rest = not_monthly(outcome)
        if rest:
            item["not_monthly"] = money(rest)
    if outcome.extra:
        item["extra"] = {k: _jsonable(v) for k, v in outcome.extra.items()}
    return item


def not_monthly(outcome: Outcome) -> Decimal:
    """The part of an eligible amount its monthly schedule does not hold (e.g. an internship's retention
    reward, paid once): so the schedule and the amount always add up."""
    if outcome.status is not Status.ELIGIBLE or outcome.amount is None or not outcome.schedule:
        return Decimal(0)
    return outcome.amount - sum((line.amount for line in outcome.schedule), Decimal(0))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return fmt_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def result_dict(result: ApplicantResult, lang: str, detail: bool = True) -> dict[str, Any]:
    return {
        "id": result.applicant.id,
        "kind": result.applicant.kind,
        "as_of": result.as_of.isoformat(),
        "as_of_source": result.as_of_source,
        "total": fmt_money(result.total),
        "maxima_total": fmt_money(result.maxima_total),
        "items": [outcome_dict(o, lang, detail) for o in result.outcomes],
    }


def write_json(
    results: Iterable[ApplicantResult], policy: Policy, as_of: date | None, lang: str, out: IO[str]
) -> None:
    doc = {
        "applicants": [result_dict(r, lang) for r in results],
        "policy": policy.stamp(),
        "stamp": stamp(policy, as_of),
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_ndjson(
    results: Iterable[ApplicantResult], policy: Policy, as_of: date | None, lang: str, out: IO[str]
) -> None:
    """One line per applicant; the stamp rides on each line so a line stands on its own."""
    the_stamp = stamp(policy, as_of)
    for result in results:
        line = result_dict(result, lang)
        line["stamp"] = the_stamp
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


CSV_ITEM_COLUMNS = (
    "id", "kind", "as_of", "measure", "name", "article", "tasks", "department", "status",
    "amount", "maximum", "monthly_amount", "months", "counts_as_payment", "missing_facts", "arithmetic",
)  # fmt: skip


# The text columns of ``CSV_ITEM_COLUMNS``: what the formula guard looks at (amounts and counts never).
CSV_ITEM_TEXT_COLUMNS = frozenset(CSV_ITEM_COLUMNS) - {"amount", "maximum", "monthly_amount", "months"}


def guarded_rows(
    rows: Iterable[list[str]], columns: Sequence[str], text_columns: Collection[str], excel_safe: bool = True
) -> Iterator[list[str]]:
    """CSV rows with the formula-injection guard (:func:`wenjiuye_cli.io.tabular.guard_formula`) on the text
    columns, for every CSV writer of results (``calc -f csv``, ``compare -f csv``); ``excel_safe=False``
    passes them through for pipelines."""
    if not excel_safe:
        yield from rows
        return
    guarded = [i for i, name in enumerate(columns) if name in text_columns]
    for row in rows:
        for i in guarded:
            row[i] = guard_formula(row[i])
        yield row


def itemised_rows(
    result: ApplicantResult, lang: str, detail: bool = True, excel_safe: bool = False
) -> Iterable[list[str]]:
    """One CSV row per applicant × measure (columns ``CSV_ITEM_COLUMNS``); ``excel_safe``: with the formula
    guard on the text columns (see :func:`guarded_rows`)."""
    rows = _itemised_rows(result, lang, detail)
    return guarded_rows(rows, CSV_ITEM_COLUMNS, CSV_ITEM_TEXT_COLUMNS) if excel_safe else rows


def _itemised_rows(result: ApplicantResult, lang: str, detail: bool) -> Iterator[list[str]]:
    for outcome in result.outcomes:
        measure = measure_by_id(outcome.measure_id)
        arithmetic = "; ".join(render_message(m, measure, lang) for m in outcome.arithmetic) if detail else ""
        yield [
            result.applicant.id,
            result.applicant.kind,
            result.as_of.isoformat(),
            measure.id,
            measure.name(lang),
            measure.article,
            " ".join(str(t) for t in measure.tasks),
            measure.department,
            outcome.status.value,
            money(outcome.amount) or "",
            money(outcome.maximum) or "",
            money(outcome.monthly_amount) or "",
            "" if outcome.months is None else str(outcome.months),
            # An income disregard (第二十八条) is a reduction, not money paid: never sum it with payments.
            "true" if outcome.counts_as_payment else "false",
            " ".join(outcome.missing_facts),
            arithmetic,
        ]
