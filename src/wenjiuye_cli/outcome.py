"""What a measure returns: status, amount or maximum, caps, conditions and the arithmetic.

Explanations are stored as (message code, arguments) and turned into words only when rendered, in the
language asked for; a batch run that outputs only amounts never pays for formatting sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar, cast

from wenjiuye_cli.facts import Facts, FactSpec
from wenjiuye_cli.policy import ParameterNotInForce, Policy, Value

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
    evaluate: Callable[[Evaluation], Outcome]
    messages: Mapping[str, tuple[str, str]]
    order: int = 0

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


_PASSED = Check.PASSED
_FAILED = Check.FAILED
_UNKNOWN = Check.UNKNOWN
_NOT_CACHED = object()
_CANNOT_DECIDE = Status.CANNOT_DECIDE


class Evaluation:
    """The inputs of one measure for one applicant, plus a record of what the rule looked at.

    ``fact_*`` read a fact and remember it as missing when absent; ``param`` reads the parameter in
    force on the evaluation date and remembers that it was used; ``check`` records a condition.

    This runs for every measure of every row of a batch, so the bookkeeping is kept lean: parameters
    are read through the policy's fast path for values without end dates, and membership of the
    "used" and "missing" lists is tested against sets.
    """

    __slots__ = (
        "_missing",
        "_missing_set",
        "_open_ended",
        "_params_used",
        "_trace",
        "_used",
        "conditions",
        "facts",
        "measure",
        "on",
        "policy",
    )

    def __init__(self, measure: Measure, facts: Facts, policy: Policy, on: date) -> None:
        self.measure = measure
        self.facts = facts
        self.policy = policy
        self.on = on
        self.conditions: list[Condition] = []
        self._missing: list[str] = []
        self._missing_set: set[str] = set()
        self._params_used: list[str] = []
        self._used: set[str] = set()
        self._open_ended = policy._open_ended
        self._trace: list[str] | None = None  # keys read, in order, while computing a cached result

    # -- facts
    def fact(self, name: str) -> Any:
        value = self.facts.values.get(name)
        if value is None and name not in self._missing_set:
            self._missing_set.add(name)
            self._missing.append(name)
        return value

    # -- parameters
    def param(self, key: str, on: date | None = None) -> Value:
        """The parameter's value in force on ``on`` (default: the evaluation date), noted as used."""
        if key not in self._used:
            self._used.add(key)
            self._params_used.append(key)
        return self._value(key, on)

    def _value(self, key: str, on: date | None = None) -> Value:
        if self._trace is not None:  # inside cached(): the keys its result depends on
            self._trace.append(key)
        if on is None:
            on = self.on
        open_ended = self._open_ended.get(key)
        if open_ended is not None and on >= open_ended[0]:
            return open_ended[1]
        return self.policy.value(key, on)

    def dec(self, key: str, on: date | None = None) -> Decimal:
        value = self.param(key, on)
        assert isinstance(value, Decimal), key
        return value

    def integer(self, key: str, on: date | None = None) -> int:
        value = self.param(key, on)
        if type(value) is not int and (isinstance(value, bool) or not isinstance(value, int)):
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

    def cached(self, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` — a function of ``key`` and of parameters read through this evaluation, nothing
        else (no facts, no conditions) — remembered per policy. On a repeat the parameters it read are
        recorded as used again, in the same order, and a :class:`ParameterNotInForce` it raised is raised
        again, so the outcome is exactly what computing it afresh would give."""
        cache = self.policy.derived(namespace)
        hit = cache.get(key, _NOT_CACHED)
        if hit is _NOT_CACHED:
            outer = self._trace
            trace: list[str] = []
            self._trace = trace
            try:
                result: Any = compute()
                missing: tuple[str, date] | None = None
            except ParameterNotInForce as exc:
                # Remember what was missing, not the exception: its traceback would keep the callers'
                # frames (and a whole chunk of a batch) alive.
                result, missing = None, (exc.key, exc.on)
            finally:
                self._trace = outer
            hit = cache[key] = (result, missing, tuple(trace))
            if outer is not None:
                outer.extend(trace)
        else:
            result, missing, keys = hit
            for used in keys:
                if used not in self._used:
                    self._used.add(used)
                    self._params_used.append(used)
            if self._trace is not None:
                self._trace.extend(keys)
        if missing is not None:
            raise ParameterNotInForce(*missing)
        return cast(T, result)

    # -- conditions
    def check(
        self, code: str, result: bool | None, missing: tuple[str, ...] = (), **args: Any
    ) -> bool | None:
        """Record a condition. ``None`` means it cannot be decided (``missing`` names the facts)."""
        if result is None:
            seen = self._missing_set
            for name in missing:
                if name not in seen:
                    seen.add(name)
                    self._missing.append(name)
            self.conditions.append(Condition(code, _UNKNOWN, args, missing))
        else:
            self.conditions.append(Condition(code, _PASSED if result else _FAILED, args, ()))
        return result

    def verdict(self) -> Status | None:
        """INELIGIBLE if a condition failed, CANNOT_DECIDE if one is unknown, None if all passed."""
        unknown = False  # one pass: this runs for every measure of every row in a batch
        for condition in self.conditions:
            if condition.result is _FAILED:
                return Status.INELIGIBLE
            if condition.result is _UNKNOWN:
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

    def absorb_reads(self, other: Evaluation) -> None:
        """Count the facts ``other`` found missing and the parameters it read as this evaluation's own.

        For a rule that asks a question in a scratch evaluation because its answer shapes the amount,
        not eligibility (its condition must not fail the measure), yet its facts are still needed."""
        for name in other._missing:
            if name not in self._missing_set:
                self._missing_set.add(name)
                self._missing.append(name)
        for key in other._params_used:
            if key not in self._used:
                self._used.add(key)
                self._params_used.append(key)


class Settled(Exception):
    """Raised by a :class:`LeanEvaluation` at the first failed condition: the measure is ineligible."""


class LeanEvaluation(Evaluation):
    """An evaluation for callers that output only the status and amounts (``compare``; a batch without
    ``--detail`` uses :class:`MinimalEvaluation`).

    It gives the same status, amounts, months, payee and missing facts as :class:`Evaluation` and leaves
    out what only an explanation shows: it keeps no condition records, and it stops at the first failed
    condition (raising :class:`Settled`, which the engine turns into an ``ineligible`` outcome) — a failed
    condition makes a measure ineligible whatever follows, so the rest of the rule need not run. The
    parameters used are still noted: those read on the path taken, which decide it (what-if comparisons
    re-evaluate a measure only when one of them changes). ``tests/test_lean.py`` holds it to the same
    answers as the full evaluation.
    """

    __slots__ = ("_unknown",)

    def __init__(self, measure: Measure, facts: Facts, policy: Policy, on: date) -> None:
        super().__init__(measure, facts, policy, on)
        self._unknown = False

    def check(
        self, code: str, result: bool | None, missing: tuple[str, ...] = (), **args: Any
    ) -> bool | None:
        if result is None:
            self._unknown = True
            seen = self._missing_set
            for name in missing:
                if name not in seen:
                    seen.add(name)
                    self._missing.append(name)
        elif not result:
            # A new instance each time: re-raising one instance would chain every traceback onto it.
            raise Settled
        return result

    def verdict(self) -> Status | None:
        return _CANNOT_DECIDE if self._unknown else None


class MinimalEvaluation(LeanEvaluation):
    """A :class:`LeanEvaluation` that does not note the parameters used either: for output that never
    shows them and no comparison that needs them (a batch without ``--detail``); ~10 % less work."""

    __slots__ = ()

    param = Evaluation._value


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
