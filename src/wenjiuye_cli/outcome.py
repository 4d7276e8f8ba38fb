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
from typing import Any, TypeVar

from wenjiuye_cli.facts import FactSpec

T = TypeVar("T")


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


class LazyLabel:
    """A :class:`Label` made only when it is shown: ``make(*args)`` builds it on first use.

    For labels that go into the arguments of a condition or note on every row of a batch but are turned
    into words only when an explanation is rendered (``--detail``, ``calc``). Compares equal to the
    :class:`Label` it makes.
    """

    __slots__ = ("_args", "_label", "_make")

    def __init__(self, make: Callable[..., Label], *args: Any) -> None:
        self._make = make
        self._args = args
        self._label: Label | None = None

    def label(self) -> Label:
        if self._label is None:
            self._label = self._make(*self._args)
        return self._label

    @property
    def zh(self) -> str:
        return self.label().zh

    @property
    def en(self) -> str:
        return self.label().en

    def text(self, lang: str) -> str:
        return self.label().text(lang)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyLabel):
            other = other.label()
        return self.label() == other if isinstance(other, Label) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.label())

    def __repr__(self) -> str:
        return repr(self.label())


@dataclass(slots=True)
class Condition:
    """A condition the rule looked at. Treat it as read-only: it is not ``frozen`` only because a frozen
    dataclass costs three times as much to build, and a batch builds about ten of these per row."""

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
    messages: Mapping[str, tuple[str, str]]
    order: int = 0

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


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
