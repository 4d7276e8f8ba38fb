"""What the other reading of an ambiguous word would give: one measure evaluated again with one parameter
read otherwise, reported as a note ("按另一种理解（…）：可得 … 元").

Where the district text is ambiguous, the chosen reading is a parameter (with its ``interpretation`` in
policy.toml) and the other reading is one ``--set`` away. :func:`with_other_reading` wraps a measure's
rule so that, for an applicant the choice matters to, the outcome also says what the other reading gives:
the rule is run a second time in a scratch evaluation whose parameter ``key`` reads ``other``. Neither
the parameters that run reads nor the facts it finds missing count as the outcome's own: they decide a
note, not the status or the amount (so the outcome's parameters and missing facts stay those of the chosen
reading, the same as a lean evaluation reports). An evaluation that outputs only statuses and amounts
(:class:`LeanEvaluation`) shows no notes and skips the second run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from wenjiuye_cli.outcome import Evaluation, Label, LeanEvaluation, Message, Outcome, Status
from wenjiuye_cli.policy import ParameterNotInForce, Value

T = TypeVar("T")
Rule = Callable[[Evaluation], Outcome]

MESSAGES: dict[str, tuple[str, str]] = {
    "note.other_reading": (
        "按另一种理解（{reading}；--set {key}={value}）：{result}",
        "under the other reading ({reading}; --set {key}={value}): {result}",
    ),
    "other.amount": ("可得 {amount} 元", "{amount} yuan"),
    "other.maximum": ("最高 {amount} 元", "up to {amount} yuan"),
    "other.ineligible": ("不符合", "not eligible"),
    "other.cannot_decide": ("无法判断，还需 {missing}", "cannot decide; also needs {missing}"),
    "other.set_elsewhere": ("符合，金额按其他标准", "eligible, the amount set by another standard"),
}


class _OtherReading(Evaluation):
    """An evaluation in which parameter ``key`` reads ``other`` on every day."""

    __slots__ = ("_key", "_other")

    def __init__(self, ev: Evaluation, key: str, other: Value) -> None:
        super().__init__(ev.measure, ev.facts, ev.policy, ev.on)
        self._key = key
        self._other = other

    def _value(self, key: str, on: date | None = None) -> Value:
        if key == self._key:
            return self._other
        return super()._value(key, on)

    def cached(self, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
        # Never share the policy's cache: a result computed under the other reading is not the policy's.
        return compute()


def other_reading(ev: Evaluation, rule: Rule, key: str, other: Value) -> Outcome | None:
    """The outcome of ``rule`` with ``key`` read as ``other`` (None if a parameter it needs is not in
    force)."""
    try:
        return rule(_OtherReading(ev, key, other))
    except ParameterNotInForce:
        return None


def result_label(outcome: Outcome) -> tuple[str, dict[str, Any]]:
    """The message code and arguments saying what ``outcome`` gives."""
    if outcome.status is Status.ELIGIBLE and outcome.amount is not None:
        return "other.amount", {"amount": outcome.amount}
    if outcome.status is Status.ELIGIBLE and outcome.maximum is not None:
        return "other.maximum", {"amount": outcome.maximum}
    if outcome.status is Status.INELIGIBLE:
        return "other.ineligible", {}
    if outcome.status is Status.AMOUNT_SET_ELSEWHERE:
        return "other.set_elsewhere", {}
    # A Label, not a string: a fact name that is also a message code (jobs_created) would be rendered as
    # that message ("? jobs created; at least ? needed") instead of being named.
    names = "、".join(outcome.missing_facts) or "—"
    return "other.cannot_decide", {"missing": Label(names, names)}


def other_reading_note(ev: Evaluation, rule: Rule, key: str, other: Value, reading: str) -> Message | None:
    """The note "按另一种理解（reading）：…" for ``key`` read as ``other``; ``reading`` is a message code
    describing that reading."""
    outcome = other_reading(ev, rule, key, other)
    if outcome is None:
        return None
    code, args = result_label(outcome)
    shown = str(other).lower() if isinstance(other, bool) else str(other)
    # Labels, not strings: a string argument that names a message would be rendered as that message.
    literal = {"key": Label(key, key), "value": Label(shown, shown)}
    return Message("note.other_reading", {"reading": reading, **literal, "result": code, **args})


def with_other_reading(
    rule: Rule,
    key: str,
    matters: Callable[[Evaluation], bool],
    other: Callable[[Value], Value],
    reading: Callable[[Value], str],
) -> Rule:
    """``rule``, whose outcome also notes what it would be with ``key`` read as ``other(current)``, for an
    applicant ``matters`` says the choice can change something for. ``reading(other value)`` is the code
    of the message describing that reading."""

    def evaluate(ev: Evaluation) -> Outcome:
        outcome = rule(ev)
        if isinstance(ev, LeanEvaluation | _OtherReading):
            return outcome
        try:
            if not matters(ev):
                return outcome
            current = ev.policy.value(key, ev.on)
        except ParameterNotInForce:
            return outcome
        alternative = other(current)
        note = other_reading_note(ev, rule, key, alternative, reading(alternative))
        if note is not None:
            outcome.notes.append(note)
        return outcome

    evaluate.__doc__ = rule.__doc__
    return evaluate


def flipped(value: Value) -> Value:
    """The other value of a flag."""
    return not value
