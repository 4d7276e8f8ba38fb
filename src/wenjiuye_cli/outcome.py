"""What a measure returns: status, amount or maximum, caps, conditions and the arithmetic.

Explanations are stored as (message code, arguments) and turned into words only when rendered, in the
language asked for; a batch run that outputs only amounts never pays for formatting sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from wenjiuye_cli.facts import Facts, FactSpec
from wenjiuye_cli.policy import Policy, Value


class Status(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    CANNOT_DECIDE = "cannot_decide"
    # Eligible, but the amount follows a (city) standard the district text does not state.
    AMOUNT_SET_ELSEWHERE = "amount_set_elsewhere"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ELIGIBLE: ("符合", "eligible"),
    Status.INELIGIBLE: ("不符合", "ineligible"),
    Status.CANNOT_DECIDE: ("无法判断", "cannot decide"),
    Status.AMOUNT_SET_ELSEWHERE: ("符合（金额按其他标准）", "eligible (amount set by another standard)"),
}


class Check(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence to render later: a code looked up in the measure's (or the engine's) catalog."""

    code: str
    args: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Label:
    """A word shown to users in their language, e.g. a choice value (house → 房屋)."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class Condition:
    code: str
    result: Check
    args: Mapping[str, Any]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cap:
    """A cap that was applied: its parameter, value, the uncapped amount and whether it bound."""

    parameter: str
    limit: Decimal | int
    uncapped: Decimal | int
    bound: bool


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    month: date
    amount: Decimal


@dataclass(slots=True)
class Outcome:
    measure_id: str
    status: Status
    amount: Decimal | None = None  # exact amount payable (counted in the total when eligible)
    maximum: Decimal | None = None  # "最高…": the most that can be granted, never added to a total
    monthly_amount: Decimal | None = None
    months: int | None = None
    payee: str | None = None
    counts_as_payment: bool = True  # False for e.g. an income disregard: a reduction, not money paid
    caps: list[Cap] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    arithmetic: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    parameters_used: list[str] = field(default_factory=list)
    schedule: list[ScheduleLine] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    """A measure of the policy: its citation, who it applies to, the facts it reads and its rule."""

    id: str
    name_zh: str
    name_en: str
    article: str
    tasks: tuple[int, ...]
    department: str
    kinds: frozenset[str]
    facts: tuple[FactSpec, ...]
    evaluate: Callable[[Evaluation], Outcome]
    messages: Mapping[str, tuple[str, str]]
    order: int = 0

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Evaluation:
    """The inputs of one measure for one applicant, plus a record of what the rule looked at.

    ``fact_*`` read a fact and remember it as missing when absent; ``param`` reads the parameter in
    force on the evaluation date and remembers that it was used; ``check`` records a condition.
    """

    __slots__ = ("_missing", "_params_used", "conditions", "facts", "measure", "on", "policy")

    def __init__(self, measure: Measure, facts: Facts, policy: Policy, on: date) -> None:
        self.measure = measure
        self.facts = facts
        self.policy = policy
        self.on = on
        self.conditions: list[Condition] = []
        self._missing: list[str] = []
        self._params_used: list[str] = []

    # -- facts
    def fact(self, name: str) -> Any:
        value = self.facts.values.get(name)
        if value is None and name not in self._missing:
            self._missing.append(name)
        return value

    # -- parameters
    def param(self, key: str, on: date | None = None) -> Value:
        if key not in self._params_used:
            self._params_used.append(key)
        return self.policy.value(key, self.on if on is None else on)

    def dec(self, key: str, on: date | None = None) -> Decimal:
        value = self.param(key, on)
        assert isinstance(value, Decimal), key
        return value

    def integer(self, key: str, on: date | None = None) -> int:
        value = self.param(key, on)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{key} is not a whole number")
        return value

    def day(self, key: str, on: date | None = None) -> date:
        value = self.param(key, on)
        assert isinstance(value, date), key
        return value

    def choice(self, key: str, on: date | None = None) -> str:
        value = self.param(key, on)
        assert isinstance(value, str), key
        return value

    def flag(self, key: str, on: date | None = None) -> bool:
        value = self.param(key, on)
        assert isinstance(value, bool), key
        return value

    # -- conditions
    def check(
        self, code: str, result: bool | None, missing: tuple[str, ...] = (), **args: Any
    ) -> bool | None:
        """Record a condition. ``None`` means it cannot be decided (``missing`` names the facts)."""
        if result is None:
            status = Check.UNKNOWN
            for name in missing:
                if name not in self._missing:
                    self._missing.append(name)
        else:
            status = Check.PASSED if result else Check.FAILED
            missing = ()
        self.conditions.append(Condition(code, status, args, missing))
        return result

    def verdict(self) -> Status | None:
        """INELIGIBLE if a condition failed, CANNOT_DECIDE if one is unknown, None if all passed."""
        unknown = False  # one pass: this runs for every measure of every row in a batch
        for condition in self.conditions:
            if condition.result is Check.FAILED:
                return Status.INELIGIBLE
            if condition.result is Check.UNKNOWN:
                unknown = True
        return Status.CANNOT_DECIDE if unknown else None

    def outcome(self, status: Status, **kwargs: Any) -> Outcome:
        missing = list(self._missing) if status is Status.CANNOT_DECIDE else []
        return Outcome(
            measure_id=self.measure.id,
            status=status,
            conditions=self.conditions,
            missing_facts=missing,
            parameters_used=self._params_used,
            **kwargs,
        )

    def undecided_or_ineligible(self) -> Outcome | None:
        """The outcome to return early when the conditions already settle it, else None."""
        verdict = self.verdict()
        return None if verdict is None else self.outcome(verdict)


def compare(value: Decimal | int, limit: Decimal | int, mode: str) -> bool:
    """Apply a recorded interpretation of a comparison word: ``below`` (<), ``at_most`` (≤), …"""
    if mode == "below":
        return value < limit
    if mode == "at_most":
        return value <= limit
    if mode == "above":
        return value > limit
    if mode == "at_least":
        return value >= limit
    raise ValueError(f"unknown comparison mode {mode!r}")


COMPARISON_SYMBOLS = {"below": "<", "at_most": "≤", "above": ">", "at_least": "≥"}
