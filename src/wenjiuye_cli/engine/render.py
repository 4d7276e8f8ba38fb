"""Explained rows back into today's :class:`Outcome`, so today's renderers give today's words.

A row of :func:`wenjiuye_cli.engine.query.evaluate_frame` with ``explain=True`` carries, per measure,
the recorded conditions' results and message arguments and the arithmetic's arguments. :func:`outcome_of`
turns one measure's columns of a row into an :class:`Outcome` — conditions, arithmetic, schedule,
missing facts, ``extra`` (the rule's :class:`~wenjiuye_cli.engine.rule.Extra` entries shown for the row,
in the outcome's Python types), ``parameters_used`` (the keys the reached steps' declarations read, as
:mod:`wenjiuye_cli.engine.trace` defines it: the keys of each step reached and of each part shown,
possibly more, in the declaration's order) — with the measure's own message codes, so ``explain.render`` / ``output.outcome_dict``
render it in zh and en as they render every outcome. Only what is shown is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.rule import Arg, Cond, Exit, Rule
from wenjiuye_cli.engine.trace import parameters_used
from wenjiuye_cli.outcome import Check, Condition, Message, Outcome, ScheduleLine, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import Policy


def _shown(arg: Arg, value: Any) -> Any:
    return value if value is None or arg.show is None else arg.show(value)


def outcome_of(row: Mapping[str, Any], rule: Rule, policy: Policy, trace: bool = True) -> Outcome | None:
    """The measure's outcome for one explained row; None when the measure is not for the row's kind.
    ``trace=False`` leaves ``parameters_used`` empty (calc's table does not show it, and finding it
    declares each rule a second time: :mod:`wenjiuye_cli.engine.trace`)."""
    mid = rule.measure.id
    raw_status = row[f"{mid}.status"]
    if raw_status is None:
        return None
    status = Status(raw_status)
    conditions: list[Condition] = []
    on = row[f"{mid}.on"]
    params = Params(policy)
    if not params.start <= on <= params.end:
        failed = Condition(
            "policy_in_force", Check.FAILED, {"start": params.start, "end": params.end, "on": on}
        )
        return Outcome(mid, Status.INELIGIBLE, conditions=[failed])
    for i, step in enumerate(rule.steps):
        if not isinstance(step, Cond) or not row[f"{mid}.c{i}.recorded"]:
            continue
        result = row[f"{mid}.c{i}.result"]
        args = {name: _shown(a, row[f"{mid}.c{i}.{name}"]) for name, a in step.args.items()}
        if result is None:
            missing = tuple(m.name for m in step.missing if row[f"{mid}.c{i}.missing.{m.name}"])
            conditions.append(Condition(step.code, Check.UNKNOWN, args, missing))
        else:
            conditions.append(Condition(step.code, Check.PASSED if result else Check.FAILED, args))
    arithmetic: list[Message] = []
    for j, message in enumerate(rule.arithmetic):
        if row[f"{mid}.a{j}.shown"]:
            args = {name: _shown(a, row[f"{mid}.a{j}.{name}"]) for name, a in message.args.items()}
            arithmetic.append(Message(message.code, args))
    extra = {name: row[f"{mid}.x.{name}"] for name in rule.explain_columns} | {"status": status}
    if rule.explain_messages is not None and status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE):
        arithmetic += rule.explain_messages(extra)
    caps = []
    if rule.explain_caps is not None and status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE):
        caps = rule.explain_caps(extra)
    notes: list[Message] = []
    for j, message in enumerate(rule.notes):
        if row[f"{mid}.n{j}.shown"]:
            args = {name: _shown(a, row[f"{mid}.n{j}.{name}"]) for name, a in message.args.items()}
            notes.append(Message(message.code, args))
    if rule.explain_notes is not None:
        notes += rule.explain_notes(extra)
    for i, step in enumerate(rule.steps):
        if isinstance(step, Exit) and step.note is not None and row[f"{mid}.x{i}.taken"]:
            args = {name: _shown(a, row[f"{mid}.x{i}.{name}"]) for name, a in step.note.args.items()}
            notes.append(Message(step.note.code, args))
    lines = row.get(f"{mid}.schedule") or {"month": [], "amount": []}
    details: dict[str, Any] = {}
    for name, entry in rule.extra.items():
        if row[f"{mid}.e.{name}.shown"]:
            value = row[f"{mid}.e.{name}"]
            details[name] = value if value is None or entry.show is None else entry.show(value)
    return Outcome(
        mid,
        status,
        amount=row[f"{mid}.amount"],
        maximum=row[f"{mid}.maximum"],
        monthly_amount=row[f"{mid}.monthly_amount"],
        months=row[f"{mid}.months"],
        conditions=conditions,
        arithmetic=arithmetic,
        notes=notes,
        caps=caps,
        payee=row[f"{mid}.payee"],
        counts_as_payment=rule.counts_as_payment or status is not Status.ELIGIBLE,
        missing_facts=list(row[f"{mid}.missing_facts"] or []),
        schedule=[ScheduleLine(m, a) for m, a in zip(lines["month"], lines["amount"], strict=True)],
        extra=details,
        parameters_used=parameters_used(row, rule, policy, status) if trace else [],
    )


def rendered(row: Mapping[str, Any], rule: Rule, policy: Policy, lang: str) -> dict[str, Any] | None:
    """The measure's item as ``calc --format json`` prints it (``output.outcome_dict``), from a row."""
    outcome = outcome_of(row, rule, policy)
    return None if outcome is None else outcome_dict(outcome, lang)


def lean_outcome_of(row: Mapping[str, Any], rule: Rule) -> Outcome | None:
    """The figures of one measure's lean columns (status, amounts, months, payee, missing facts: what a
    comparison, a sweep or a batch without ``--detail`` shows); None when not for the row's kind."""
    mid = rule.measure.id
    raw = row[f"{mid}.status"]
    if raw is None:
        return None
    status = Status(raw)
    return Outcome(
        mid,
        status,
        amount=row[f"{mid}.amount"],
        maximum=row[f"{mid}.maximum"],
        monthly_amount=row[f"{mid}.monthly_amount"],
        months=row[f"{mid}.months"],
        payee=row[f"{mid}.payee"],
        counts_as_payment=rule.counts_as_payment or status is not Status.ELIGIBLE,
        missing_facts=list(row[f"{mid}.missing_facts"] or []),
    )
