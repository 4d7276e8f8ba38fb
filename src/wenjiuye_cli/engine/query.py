"""The columnar evaluator: a frame of applicants of any kinds → a frame of outcomes, every measure at once.

:func:`evaluate_frame` takes a polars frame (or Arrow table) typed as :mod:`wenjiuye_cli.engine.schema`
describes and a :class:`Policy` (picklable: the shape Dask's ``map_partitions``, Spark's ``mapInArrow`` and
Ray's ``map_batches`` take) and returns, per migrated measure ``m``:

* ``m.status`` — ``pl.Enum`` of :class:`Status` values; null for a row whose kind the measure is not for;
* ``m.amount``, ``m.maximum``, ``m.monthly_amount`` — ``pl.Decimal(38, 2)``, null unless granted;
* ``m.months`` — ``pl.Int64``; ``m.missing_facts`` — ``pl.List(pl.String)`` (empty unless cannot decide);

and ``total`` / ``maxima_total`` over those measures, as ``engine.evaluate`` adds them up. ``id`` is passed
through when present. With ``explain=True`` it also returns, per condition ``i`` and message ``j``, the
columns ``m.c<i>.recorded`` / ``.result`` / ``.<argument>`` / ``.missing.<fact>`` and ``m.a<j>.shown`` /
``.<argument>``, and ``m.schedule``; each ``extra`` entry as ``m.e.<name>`` and ``m.e.<name>.shown``;
where the walk of the steps reached step ``i`` as ``m.t<i>.reached`` (for ``parameters_used``, see
:mod:`wenjiuye_cli.engine.trace`); :mod:`wenjiuye_cli.engine.render` turns a row of them into today's
:class:`Outcome`, words included.

Shared intermediates are materialised in stages (the rules' own, then the conditions, then the statuses),
all measures' stage *k* in one ``with_columns`` so polars runs them side by side.
"""

from __future__ import annotations

import importlib
import pkgutil
import weakref
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import polars as pl

from wenjiuye_cli import rules as _rules_pkg
from wenjiuye_cli.engine.expr import ON, Params, to_fen
from wenjiuye_cli.engine.rule import Cond, Exit, Read, Rule, Settle
from wenjiuye_cli.engine.schema import EVALUATION_DATE, ID, KIND, MONEY, conform
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import Policy

STATUS = pl.Enum([s.value for s in Status])
GRANTED = (Status.ELIGIBLE.value, Status.AMOUNT_SET_ELSEWHERE.value)
_CACHE = "columnar.rules"
ROW = "~row"


@cache
def migrated() -> tuple[str, ...]:
    """Ids of the measures that have a columnar rule (``wenjiuye_cli.rules.<id>``), in the engine's order."""
    names = {m.name for m in pkgutil.iter_modules(_rules_pkg.__path__) if not m.name.startswith("_")}
    from wenjiuye_cli.engine import registry

    return tuple(m.id for m in registry() if m.id in names)


class _Token:
    """Marks one state of a policy's parameters (kept in ``Policy.derived``, which a change empties)."""

    __slots__ = ("__weakref__",)


# The declarations hold polars expressions and closures, which do not pickle: they are kept here, keyed
# by the token the policy carries, so a policy still pickles (for Dask, Spark, Ray) and a copy rebuilds them.
_BUILT: weakref.WeakKeyDictionary[_Token, dict[str, Rule]] = weakref.WeakKeyDictionary()


def rules_for(policy: Policy, measures: Iterable[str] | None = None) -> tuple[Rule, ...]:
    """The rules' declarations for ``policy`` (those of ``measures`` only, when given: a calc of one kind
    declares its kind's), each built once per state of its parameters (a ``--set`` or a reform empties
    ``policy.derived``, so it is always seen); in the engine's order."""
    cache_ = policy.derived(_CACHE)
    token = cache_.get(None)
    if not isinstance(token, _Token):
        token = cache_[None] = _Token()
    built = _BUILT.get(token)
    if built is None:
        built = _BUILT[token] = {}
    wanted = set(migrated()) if measures is None else set(measures)
    unknown = wanted - set(migrated())
    if unknown:
        raise KeyError(f"no columnar rule for {sorted(unknown)}")
    params: Params | None = None
    for mid in migrated():
        if mid in wanted and mid not in built:
            params = params or Params(policy)
            built[mid] = importlib.import_module(f"{_rules_pkg.__name__}.{mid}").declare(params)
    return tuple(built[mid] for mid in migrated() if mid in wanted)


def evaluate_frame(
    frame: pl.DataFrame | pl.LazyFrame | Any,
    policy: Policy,
    *,
    explain: bool = False,
    measures: Iterable[str] | None = None,
    parts: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Evaluate every applicant of ``frame`` against its kind's migrated measures (see the module doc).

    ``parts``: only these of each measure's outcome columns (``("status", "amount", "maximum")`` for the
    wide results, which then cost neither the time nor the memory of the others); default: all of them."""
    queries, assemble = _queries(frame, policy, explain, measures, parts, eager=True)
    # One collect per kind: planning one kind's query costs less than its share of the whole plan (the
    # optimiser's work grows faster than the plan), and the peak memory of planning is one kind's.
    return assemble([query.collect() for query in queries]).collect()


def plan(
    frame: pl.DataFrame | pl.LazyFrame | Any,
    policy: Policy,
    *,
    explain: bool = False,
    measures: Iterable[str] | None = None,
    parts: Iterable[str] | None = None,
) -> pl.LazyFrame:
    """The lazy query :func:`evaluate_frame` collects (as one query)."""
    queries, assemble = _queries(frame, policy, explain, measures, parts, eager=False)
    return assemble(queries)


def _queries(
    frame: pl.DataFrame | pl.LazyFrame | Any,
    policy: Policy,
    explain: bool,
    measures: Iterable[str] | None,
    parts: Iterable[str] | None,
    eager: bool,
) -> tuple[list[pl.LazyFrame], Callable[[Sequence[pl.DataFrame | pl.LazyFrame]], pl.LazyFrame]]:
    """One query per kind held (and one for rows of no kind), and how their results make the whole, in
    the input's order. ``eager``: the frame in memory is typed once, and each kind's rows filtered out
    before its query is built."""
    wanted = _parts(parts, explain)
    if not isinstance(frame, pl.DataFrame | pl.LazyFrame):  # an Arrow table (or record batch)
        converted = pl.from_arrow(frame)
        assert isinstance(converted, pl.DataFrame)
        frame = converted
    if isinstance(frame, pl.DataFrame) and (
        EVALUATION_DATE not in frame.columns or frame.get_column(EVALUATION_DATE).null_count()
    ):
        raise ValueError(f"every row needs its {EVALUATION_DATE} (see wenjiuye_cli.engine.schema)")
    rules = rules_for(policy, measures)
    kinds = sorted({k for r in rules for k in r.measure.kinds})
    lazy = conform(frame, kinds).with_row_index(ROW)
    params = Params(policy)
    # (a lazy frame is not checked: a row without its date is then simply outside the policy's life)
    in_force = ON.is_between(pl.lit(params.start), pl.lit(params.end)).fill_null(False)
    lazy = lazy.with_columns(in_force.alias("~in_force"))
    keep = [pl.col(ID)] if ID in lazy.collect_schema() else []

    # Each kind's rows get only its measures: one query per kind, put back in the input's order. For a
    # frame in memory, only the kinds it holds (a calc of one applicant builds one query, not eight).
    present = kinds
    typed: pl.DataFrame | None = None
    if isinstance(frame, pl.DataFrame) and KIND in frame.columns:
        held = set(frame.get_column(KIND).unique().to_list())
        present = [k for k in kinds if k in held]
        if eager:
            typed = lazy.collect()

    def rows_of(test: pl.Expr) -> pl.LazyFrame:
        return lazy.filter(test) if typed is None else typed.filter(test).lazy()

    queries = [
        _evaluate(
            rows_of(pl.col(KIND) == kind),
            [r for r in rules if kind in r.measure.kinds],
            explain,
            keep,
            wanted,
        )
        for kind in present
    ]
    others = rows_of(~pl.col(KIND).is_in(present) | pl.col(KIND).is_null())
    queries.append(others.select(pl.col(ROW), *keep, *_totals([])))
    columns: list[pl.Expr] = [pl.col(e.meta.output_name()) for e in keep]
    evaluated = {r.measure.id for r in rules if r.measure.kinds & set(present)}
    for rule in rules:
        if rule.measure.id in evaluated:
            columns += [pl.col(name) for name in _names(rule, explain, wanted)]
        else:  # no row of its kinds: typed nulls (explanation columns untyped: never read)
            columns += [
                pl.lit(None, dtype=OUTCOME_DTYPES[name.rsplit(".", 1)[1]]).alias(name)
                for name in _names(rule, False, wanted)
            ]
            if explain:
                columns += [
                    pl.lit(None).alias(name) for name in _names(rule, True)[len(_names(rule, False)) :]
                ]
    columns += [pl.col("total"), pl.col("maxima_total")]

    def assemble(results: Sequence[pl.DataFrame | pl.LazyFrame]) -> pl.LazyFrame:
        whole = pl.concat([r.lazy() for r in results], how="diagonal_relaxed")
        return whole.sort(ROW).select(columns)

    return queries, assemble


OUTCOME_DTYPES: dict[str, pl.DataType] = {
    "status": STATUS,
    "amount": MONEY,
    "maximum": MONEY,
    "monthly_amount": MONEY,
    "months": pl.Int64(),
    "payee": pl.String(),
    "missing_facts": pl.List(pl.String),
}


OUTCOME_PARTS = tuple(OUTCOME_DTYPES)


def _parts(parts: Iterable[str] | None, explain: bool) -> tuple[str, ...]:
    """The outcome columns asked for, in :data:`OUTCOME_PARTS`' order (all of them with ``explain``)."""
    if parts is None or explain:
        return OUTCOME_PARTS
    asked = set(parts)
    unknown = asked - set(OUTCOME_PARTS)
    if unknown:
        raise KeyError(f"no outcome column {sorted(unknown)}")
    return tuple(p for p in OUTCOME_PARTS if p in asked)


def _names(rule: Rule, explain: bool, parts: tuple[str, ...] = OUTCOME_PARTS) -> list[str]:
    """The rule's output column names, outcome columns first (memoised: building them costs)."""
    key = f"names.{explain}"
    names = rule.memo.get(key)
    if names is None:
        exprs = _outcome_columns(rule) + (_explain_columns(rule) if explain else [])
        names = rule.memo[key] = [e.meta.output_name() for e in exprs]
    assert isinstance(names, list)
    if parts == OUTCOME_PARTS:
        return names
    mid = rule.measure.id
    return [f"{mid}.{part}" for part in parts]


def _evaluate(
    lazy: pl.LazyFrame,
    rules: Sequence[Rule],
    explain: bool,
    keep: list[pl.Expr],
    parts: tuple[str, ...] = OUTCOME_PARTS,
) -> pl.LazyFrame:
    """The rules over rows they all apply to, stage by stage, all rules' stage k in one step; of each
    rule's outcome columns only ``parts`` (the totals need status, amount and maximum)."""
    depth = max((len(r.stages) for r in rules), default=0)
    for k in range(depth):
        layer = [e for r in rules if k < len(r.stages) for e in r.stages[k].values()]
        lazy = lazy.with_columns(layer)
    lazy = lazy.with_columns([e for r in rules for e in _condition_columns(r)])
    lazy = lazy.with_columns([e for r in rules for e in _walk(r).verdicts])
    lazy = lazy.with_columns([e for r in rules for e in _walk(r).reached_columns])
    lazy = lazy.with_columns([e for r in rules for e in _status_columns(r)])
    needed = set(parts) | {"status", "amount", "maximum"}
    outcomes = [
        e for r in rules for e, part in zip(_outcome_columns(r), OUTCOME_PARTS, strict=True) if part in needed
    ]
    lazy = lazy.with_columns(outcomes)
    out: list[pl.Expr] = [pl.col(ROW), *keep]
    out += [pl.col(f"{r.measure.id}.{part}") for r in rules for part in parts]
    if explain:
        out += [e for r in rules for e in _explain_columns(r)]
    out += _totals(rules)
    return lazy.select(out)


# ------------------------------------------------------------------------------------------- stages


def _col(rule: Rule, name: str) -> pl.Expr:
    return pl.col(f"~{rule.measure.id}.{name}")


def _alias(rule: Rule, name: str, expr: pl.Expr) -> pl.Expr:
    return expr.alias(f"~{rule.measure.id}.{name}")


def _condition_columns(rule: Rule) -> list[pl.Expr]:
    """Each condition's result (nullable) and whether its ``if`` holds, each exit's test, as columns."""
    out: list[pl.Expr] = []
    for i, step in enumerate(rule.steps):
        if isinstance(step, Cond):
            out.append(_alias(rule, f"c{i}", step.result.cast(pl.Boolean)))
            if step.shown is not None:
                out.append(_alias(rule, f"s{i}", step.shown.fill_null(False)))
        elif isinstance(step, Exit):
            out.append(_alias(rule, f"x{i}", step.when.fill_null(False)))
    return out


class _Walk:
    """The rule's steps walked once, in order: where each is reached, the status chain, the missing facts."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        applies = pl.col(KIND).is_in(sorted(rule.measure.kinds))
        self.applies = applies
        # Steps between two settles or exits form a group, reached when every earlier group passed. Each
        # group's verdict and each "reached" is a column of its own, so no test repeats another's tree.
        self.verdicts: list[pl.Expr] = []  # layer 1: over the condition columns
        self.reached_columns: list[pl.Expr] = []  # layer 2: over the verdicts and exits
        self.recorded: dict[int, pl.Expr] = {}
        self.exit_reached: dict[int, pl.Expr] = {}
        self.step_reached: dict[int, pl.Expr] = {}  # where the walk got to each step
        so_far: list[pl.Expr] = [pl.col("~in_force")]
        reached = self._reached(0, so_far)
        branches: list[tuple[pl.Expr, str | None]] = [(~applies, None), (~reached, Status.INELIGIBLE.value)]
        pending: list[pl.Expr] = []  # effective results of the group's conditions
        missing: list[tuple[str, pl.Expr]] = []
        steps: Sequence[object] = (*rule.steps, Settle())
        group = 0
        for i, step in enumerate(steps):
            self.step_reached[i] = reached
            if isinstance(step, Cond):
                result = _col(rule, f"c{i}")
                recorded = reached if step.shown is None else reached & _col(rule, f"s{i}")
                self.recorded[i] = recorded
                pending.append(
                    result
                    if step.shown is None
                    else pl.when(_col(rule, f"s{i}")).then(result).otherwise(True)
                )
                for m in step.missing:
                    listed = recorded & result.is_null()
                    missing.append((m.name, listed if m.when is None else listed & m.when.fill_null(False)))
            elif isinstance(step, Read):
                listed = reached & pl.col(step.name).is_null()
                missing.append(
                    (step.name, listed if step.when is None else listed & step.when.fill_null(False))
                )
            elif isinstance(step, Settle):
                if pending:
                    # Kleene: false if any failed, null if any unknown
                    self.verdicts.append(_alias(rule, f"v{group}", pl.all_horizontal(pending)))
                    verdict = _col(rule, f"v{group}")
                    branches.append((reached & verdict.not_(), Status.INELIGIBLE.value))
                    branches.append((reached & verdict.is_null(), Status.CANNOT_DECIDE.value))
                    so_far.append(verdict.fill_null(False))
                    group += 1
                    reached = self._reached(group, so_far)
                    pending = []
            elif isinstance(step, Exit):
                self.exit_reached[i] = reached
                taken = _col(rule, f"x{i}")
                branches.append((reached & taken, step.status.value))
                so_far.append(~taken)
                group += 1
                reached = self._reached(group, so_far)
        for test, status in rule.final_when:
            branches.append((test.fill_null(False), status.value))
        self.branches = branches
        self.missing = missing

    def _reached(self, group: int, terms: list[pl.Expr]) -> pl.Expr:
        self.reached_columns.append(_alias(self.rule, f"r{group}", pl.all_horizontal(terms)))
        return _col(self.rule, f"r{group}")

    def status(self) -> pl.Expr:
        expr: object = pl.when(self.branches[0][0]).then(pl.lit(None, dtype=pl.String))
        for test, status in self.branches[1:]:
            expr = expr.when(test).then(pl.lit(status))  # type: ignore[attr-defined]
        final: pl.Expr = expr.otherwise(pl.lit(self.rule.final.value))  # type: ignore[attr-defined]
        return final.cast(STATUS)

    def missing_facts(self, status: pl.Expr) -> pl.Expr:
        empty = pl.lit([], dtype=pl.List(pl.String))
        if self.rule.missing_facts is not None:  # the rule's own order (a list of names, listed if undecided)
            listed = self.rule.missing_facts
            return (
                pl.when(~self.applies)
                .then(None)
                .when(status == Status.CANNOT_DECIDE.value)
                .then(listed)
                .otherwise(empty)
            )
        if not self.missing:
            return pl.when(self.applies).then(empty)
        # A fact named at several steps is listed where it is first named: one test per fact (named later
        # only where it was named first too, which holds of every rule so far)
        tests: dict[str, list[pl.Expr]] = {}
        for name, listed in self.missing:
            tests.setdefault(name, []).append(listed)
        # joined as text, then split: concat_list of literals costs ~17× as much per row in polars 2.1
        joined = pl.concat_str(
            [pl.when(pl.any_horizontal(t)).then(pl.lit(name)) for name, t in tests.items()],
            separator=",",
            ignore_nulls=True,
        )
        names = pl.when(joined == "").then(empty).otherwise(joined.str.split(","))
        return (
            pl.when(~self.applies)
            .then(None)
            .when(status == Status.CANNOT_DECIDE.value)
            .then(names)
            .otherwise(empty)
        )


def _walk(rule: Rule) -> _Walk:
    walk = rule.memo.get("walk")
    if walk is None:
        walk = rule.memo["walk"] = _Walk(rule)
    assert isinstance(walk, _Walk)
    return walk


def _status_columns(rule: Rule) -> list[pl.Expr]:
    return [_alias(rule, "status", _walk(rule).status())]


def _outcome_columns(rule: Rule) -> list[pl.Expr]:
    mid = rule.measure.id
    status = _col(rule, "status")
    granted = status.is_in(GRANTED)

    def shown(expr: pl.Expr | None, dtype: pl.DataType, also: pl.Expr | None = None) -> pl.Expr:
        if expr is None:
            return pl.lit(None, dtype=dtype)
        # money at the fen, half up, as every output shows it (amounts are already whole fen)
        value = to_fen(expr) if dtype == MONEY else expr.cast(dtype)
        undecided = status == Status.CANNOT_DECIDE.value
        when = granted if also is None else granted | (undecided & also.fill_null(False))
        return pl.when(when).then(value).otherwise(pl.lit(None, dtype=dtype))

    return [
        status.alias(f"{mid}.status"),
        shown(rule.amount, MONEY).alias(f"{mid}.amount"),
        shown(rule.maximum, MONEY).alias(f"{mid}.maximum"),
        shown(rule.monthly_amount, MONEY, rule.partial_shown).alias(f"{mid}.monthly_amount"),
        shown(rule.months, pl.Int64(), rule.months_shown).alias(f"{mid}.months"),
        (
            pl.when(status.is_in([s.value for s in rule.payee_statuses]) | _partial(rule, status))
            .then(pl.lit(rule.payee))
            .otherwise(pl.lit(None, dtype=pl.String))
            .alias(f"{mid}.payee")
        ),
        _walk(rule).missing_facts(status).alias(f"{mid}.missing_facts"),
    ]


def _explain_columns(rule: Rule) -> list[pl.Expr]:
    mid = rule.measure.id
    walk = _walk(rule)
    status = _col(rule, "status")
    granted = status.is_in(GRANTED)
    out: list[pl.Expr] = []
    for i, step in enumerate(rule.steps):
        if not isinstance(step, Cond):
            continue
        out.append(walk.recorded[i].alias(f"{mid}.c{i}.recorded"))
        out.append(_col(rule, f"c{i}").alias(f"{mid}.c{i}.result"))
        out += [a.expr.alias(f"{mid}.c{i}.{name}") for name, a in step.args.items()]
        out += [
            (m.when.fill_null(False) if m.when is not None else pl.lit(True)).alias(
                f"{mid}.c{i}.missing.{m.name}"
            )
            for m in step.missing
        ]
    # where the walk reached each step (for ``engine.trace.parameters_used``)
    out += [
        walk.step_reached[i].alias(f"{mid}.t{i}.reached")
        for i, step in enumerate(rule.steps)
        if not isinstance(step, Settle)
    ]
    for i, step in enumerate(rule.steps):
        if isinstance(step, Exit) and step.note is not None:
            out.append((walk.exit_reached[i] & _col(rule, f"x{i}")).alias(f"{mid}.x{i}.taken"))
            out += [a.expr.alias(f"{mid}.x{i}.{name}") for name, a in step.note.args.items()]
    for prefix, messages in (("a", rule.arithmetic), ("n", rule.notes)):
        for j, message in enumerate(messages):
            when = granted if message.statuses is None else status.is_in([s.value for s in message.statuses])
            visible = when if message.shown is None else when & message.shown.fill_null(False)
            out.append(visible.alias(f"{mid}.{prefix}{j}.shown"))
            out += [a.expr.alias(f"{mid}.{prefix}{j}.{name}") for name, a in message.args.items()]
    if rule.schedule is not None:
        scheduled = (status == Status.ELIGIBLE.value) | _partial(rule, status)
        out.append(pl.when(scheduled).then(rule.schedule).alias(f"{mid}.schedule"))
    out += [e.alias(f"{mid}.x.{name}") for name, e in rule.explain_columns.items()]
    for name, entry in rule.extra.items():
        when = granted if entry.statuses is None else status.is_in([s.value for s in entry.statuses])
        if entry.shown is not None:
            when = when & entry.shown.fill_null(False)
        if entry.after is not None:
            (index,) = [i for i, s in enumerate(rule.steps) if s is entry.after]
            when = when & walk.step_reached[index]
        for step in entry.unless:
            (index,) = [i for i, s in enumerate(rule.steps) if s is step]
            when = when & ~(walk.exit_reached[index] & _col(rule, f"x{index}"))
        out.append(when.alias(f"{mid}.e.{name}.shown"))
        out.append(entry.expr.alias(f"{mid}.e.{name}"))
    out.append(ON.alias(f"{mid}.on"))
    return out


def _totals(rules: Sequence[Rule]) -> list[pl.Expr]:
    """``engine.evaluate``'s sums: eligible amounts; maxima of granted outcomes without an amount."""
    zero = pl.lit(0, dtype=MONEY)
    paid: list[pl.Expr] = []
    maxima: list[pl.Expr] = []
    for rule in rules:
        if not rule.counts_as_payment:
            continue
        mid = rule.measure.id
        status, amount = pl.col(f"{mid}.status"), pl.col(f"{mid}.amount")
        with_amount = (status == Status.ELIGIBLE.value) & amount.is_not_null()
        paid.append(pl.when(with_amount).then(amount).otherwise(zero))
        maxima.append(
            pl.when(~with_amount & status.is_in(GRANTED))
            .then(pl.col(f"{mid}.maximum"))
            .otherwise(zero)
            .fill_null(zero)
        )
    if not paid:
        return [zero.alias("total"), zero.alias("maxima_total")]
    return [
        pl.sum_horizontal(paid).cast(MONEY).alias("total"),
        pl.sum_horizontal(maxima).cast(MONEY).alias("maxima_total"),
    ]


def _partial(rule: Rule, status: pl.Expr) -> pl.Expr:
    """Where a cannot-decide outcome shows its partial figures (``Rule.partial_shown``)."""
    if rule.partial_shown is None:
        return pl.lit(False)
    return (status == Status.CANNOT_DECIDE.value) & rule.partial_shown.fill_null(False)
