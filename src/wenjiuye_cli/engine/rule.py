"""What a rule declares: its intermediates, its conditions in the order the law reads them, its amounts
and its arithmetic — each a polars expression over the fact columns.

A rule is a sequence of steps, walked in order for each row:

* :class:`Cond` — a condition: a nullable-boolean expression (null = cannot be decided), its message code,
  the message's arguments as expressions, and the facts it names when unknown;
* :class:`Read` — a fact read outside a condition: listed as missing when null (if the outcome cannot be
  decided);
* :class:`Settle` — "if a condition so far failed, ineligible; if one is unknown, cannot decide":
  steps after it are looked at only when everything before passed;
* :class:`Exit` — an early outcome with its own status (cannot decide, say) when its test holds.

When every step passes the status is ``final``. Amounts, the maximum, the monthly amount and the months
count only for a granted status (eligible, or eligible with the amount set elsewhere), as do the
arithmetic messages (:class:`Msg`).

Intermediates used in more than one place are declared in stages (:meth:`Scope.stage`) and materialised
as columns before the conditions read them: polars does not merge repeated sub-trees, and inlining them
cost 9× in the prototypes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from wenjiuye_cli.outcome import Cap, Measure, Message, Status


@dataclass(frozen=True)
class Arg:
    """A message argument: its column expression and, optionally, how the value is shown (a label, a
    percentage); ``show`` gets the column's Python value and is never called with None."""

    expr: pl.Expr
    show: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Missing:
    """A fact a condition names when it is unknown; only while ``when`` holds, if given."""

    name: str
    when: pl.Expr | None = None


@dataclass(frozen=True)
class Cond:
    code: str
    result: pl.Expr
    args: Mapping[str, Arg]
    missing: tuple[Missing, ...]
    shown: pl.Expr | None = None  # recorded only where this holds (a condition checked only in some cases)


@dataclass(frozen=True)
class Read:
    name: str
    when: pl.Expr | None = None  # read only where this holds


@dataclass(frozen=True)
class Settle:
    pass


@dataclass(frozen=True)
class Exit:
    when: pl.Expr  # null counts as false
    status: Status
    note: Msg | None = None  # a note the outcome carries when this exit is taken


@dataclass(frozen=True)
class Msg:
    """A message — a line of arithmetic, or a note — shown for the ``statuses`` (default: granted ones)
    and where ``shown`` holds."""

    code: str
    args: Mapping[str, Arg]
    shown: pl.Expr | None = None
    statuses: tuple[Status, ...] | None = None


Step = Cond | Read | Settle | Exit
ArgLike = pl.Expr | Arg


@dataclass(frozen=True)
class Extra:
    """An entry of the outcome's ``extra`` (per-measure details ``calc --format json`` prints, and
    ``--schedule`` reads): its value as an expression, in the Python type the outcome carries (a
    date, a list, a string, an int; ``show`` converts the column's Python value where they differ, and is
    never called with None). Set for the ``statuses`` (default: the granted ones), where ``shown`` holds,
    if ``after`` is one of the rule's steps only where the walk of the steps reached it, and not where one
    of the :class:`Exit` steps ``unless`` was taken."""

    expr: pl.Expr
    statuses: tuple[Status, ...] | None = None
    shown: pl.Expr | None = None
    after: Step | None = None
    show: Callable[[Any], Any] | None = None
    unless: tuple[Exit, ...] = ()


def _arg(value: ArgLike) -> Arg:
    return value if isinstance(value, Arg) else Arg(value)


def cond(
    code: str,
    result: pl.Expr,
    args: Mapping[str, ArgLike] | None = None,
    missing: Iterable[str | tuple[str, pl.Expr]] = (),
    shown: pl.Expr | None = None,
) -> Cond:
    """A condition: ``result`` is true (passed), false (failed) or null (cannot be decided, naming
    ``missing``: fact names, or (name, expression) for a name listed only where the expression holds)."""
    names = tuple(Missing(m) if isinstance(m, str) else Missing(m[0], m[1]) for m in missing)
    return Cond(code, result, {k: _arg(v) for k, v in (args or {}).items()}, names, shown)


def msg(
    code: str,
    args: Mapping[str, ArgLike] | None = None,
    shown: pl.Expr | None = None,
    statuses: tuple[Status, ...] | None = None,
) -> Msg:
    return Msg(code, {k: _arg(v) for k, v in (args or {}).items()}, shown, statuses)


def extra(
    expr: pl.Expr,
    statuses: tuple[Status, ...] | None = None,
    shown: pl.Expr | None = None,
    after: Step | None = None,
    show: Callable[[Any], Any] | None = None,
    unless: tuple[Exit, ...] = (),
) -> Extra:
    """An ``extra`` entry (see :class:`Extra`)."""
    return Extra(expr, statuses, shown, after, show, unless)


def arg(expr: pl.Expr, show: Callable[[Any], Any] | None = None) -> Arg:
    return Arg(expr, show)


class Scope:
    """Names a rule's intermediate columns (``~<measure>.<name>``) and keeps the stages they are built in."""

    def __init__(self, measure_id: str) -> None:
        self.measure_id = measure_id
        self.stages: list[dict[str, pl.Expr]] = []

    def name(self, name: str) -> str:
        return f"~{self.measure_id}.{name}"

    def status(self) -> pl.Expr:
        """The rule's status (the :class:`Status` value as text): for explanation columns and ``extra``
        entries only, which are computed once the status is."""
        return pl.col(self.name("status"))

    def stage(self, **exprs: pl.Expr) -> dict[str, pl.Expr]:
        """Materialise ``exprs`` as columns, after every earlier stage; returns a reference to each."""
        layer = {self.name(k): v.alias(self.name(k)) for k, v in exprs.items()}
        self.stages.append(layer)
        return {k: pl.col(self.name(k)) for k in exprs}


@dataclass(eq=False)
class Rule:
    """One measure's declarations, built once per policy (see ``engine.query.rules_for``)."""

    measure: Measure
    steps: tuple[Step, ...]
    final: Status
    stages: tuple[Mapping[str, pl.Expr], ...] = ()
    amount: pl.Expr | None = None
    maximum: pl.Expr | None = None
    monthly_amount: pl.Expr | None = None
    months: pl.Expr | None = None
    # Where the months count is shown for a cannot-decide outcome too (the period known, its amount not)
    months_shown: pl.Expr | None = None
    # Status when every step passed but this holds (e.g. an amount set by another standard); else final.
    final_when: tuple[tuple[pl.Expr, Status], ...] = ()
    arithmetic: tuple[Msg, ...] = ()
    notes: tuple[Msg, ...] = ()
    payee: str | None = None
    payee_statuses: tuple[Status, ...] = (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE)
    # Struct{month: List(Date), amount: List(Decimal)}: the monthly schedule, explained outcomes only.
    schedule: pl.Expr | None = None
    # Extra columns the explanation needs (e.g. per-period figures), and the function that turns a row's
    # values of them into messages where a fixed list of :class:`Msg` cannot say it.
    explain_columns: Mapping[str, pl.Expr] = field(default_factory=dict)
    explain_messages: Callable[[Mapping[str, Any]], list[Message]] | None = None  # granted outcomes
    explain_notes: Callable[[Mapping[str, Any]], list[Message]] | None = None  # every outcome (gets "status")
    explain_caps: Callable[[Mapping[str, Any]], list[Cap]] | None = None  # granted outcomes
    # The missing facts, in order, where that order depends on the row (alternative branches naming the
    # same facts in a different order: see ``rules._branches.missing_in_order``); else the steps' order.
    missing_facts: pl.Expr | None = None
    memo: dict[str, object] = field(default_factory=dict, repr=False)  # the evaluator's walk of the steps
    # False for a granted outcome that is not money paid (an income disregard): never added to the totals
    counts_as_payment: bool = True
    # Where a cannot-decide outcome still shows the monthly amount, the payee and the schedule of what it
    # could compute (some months of a schedule have no parameter value in force): as a granted one does
    partial_shown: pl.Expr | None = None
    # The outcome's ``extra`` entries, in the order ``calc -f json`` lists them (explained outcomes only)
    extra: Mapping[str, Extra] = field(default_factory=dict)
