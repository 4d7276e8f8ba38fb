"""What-if analysis: each applicant under the baseline and under a reform, the budget impact, and sweeps.

Compare
    :func:`compare_applicant` evaluates one already-validated applicant twice (baseline policy, reformed
    policy) and pairs the outcomes measure by measure. :class:`BudgetImpact` keeps running Decimal sums
    (totals and differences by measure and by department, counts of applicants better off, worse off,
    newly eligible, no longer eligible), so a stream of any length is summarised in constant memory.

    Applicant lists (CSV/NDJSON, as ``wenjiuye batch`` reads them) stream through :func:`compare_rows`:
    each row is parsed and validated once by :class:`~wenjiuye_cli.batch.ApplicantReader`, compared, added
    to the budget view and handed on; a row that does not validate, or whose evaluation raises, goes to
    the rejects with its row number, so ``rows read = computed + rejected`` (:func:`rows_summary`).
    :func:`is_batch_input` tells an applicant list from a scenario file.

    Definitions (documented in the summary too):
    - *paid* amount of a measure: its exact amount when it is eligible and counts as a payment — exactly
      what the engine adds to an applicant's total. "最高…" maxima are summed separately, never added.
    - *better off*: the reform's total is higher, or equal with higher maxima; *worse off* the reverse.
    - an applicant is *newly eligible* when eligible for no measure under the baseline and for at least
      one under the reform (eligible = status eligible or amount set elsewhere); *no longer eligible*
      the reverse. Per measure, the same words count the applicants whose status for that measure moved
      into or out of eligibility.

Sweep
    :func:`sweep` evaluates one applicant across a range of one fact (``jobs_created=0..8``) or one
    parameter (``rent_subsidy.house_cap_monthly=2000..4000:500``, applied like ``--set``) and
    :func:`find_cliffs` lists where an entitlement drops while the varied value moves in the "better"
    direction (numbers and dates: higher is better unless told otherwise).
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from wenjiuye_cli import __version__
from wenjiuye_cli.batch import NDJSON_SUFFIXES, ApplicantReader
from wenjiuye_cli.dates import add_months
from wenjiuye_cli.engine import Applicant, ApplicantResult, facts_for_kind, measure_by_id, registry
from wenjiuye_cli.errors import UserError
from wenjiuye_cli.facts import FactError, Facts
from wenjiuye_cli.money import ZERO, fmt_money, fmt_number
from wenjiuye_cli.outcome import STATUS_LABELS, Measure, Outcome, Status
from wenjiuye_cli.policy import (
    DECIMAL_UNITS,
    INTEGER_UNITS,
    Policy,
    PolicyError,
    apply_override,
    number_problem,
)
from wenjiuye_cli.policy.reform import copy_policy

if TYPE_CHECKING:
    from wenjiuye_cli.io.readers import FrameReader

ELIGIBLE_STATUSES = frozenset({Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE})


def paid(outcome: Outcome) -> Decimal:
    """What the outcome adds to the applicant's total (the engine's rule)."""
    if outcome.counts_as_payment and outcome.status is Status.ELIGIBLE and outcome.amount is not None:
        return outcome.amount
    return ZERO


def maximum_part(outcome: Outcome) -> Decimal:
    """What the outcome adds to the applicant's maxima total (the engine's rule)."""
    if (
        outcome.counts_as_payment
        and outcome.maximum is not None
        and outcome.status in ELIGIBLE_STATUSES
        and not (outcome.status is Status.ELIGIBLE and outcome.amount is not None)
    ):
        return outcome.maximum
    return ZERO


def is_eligible(outcome: Outcome) -> bool:
    return outcome.status in ELIGIBLE_STATUSES


def money(value: Decimal | None) -> str | None:
    return None if value is None else fmt_money(value)


# ---------------------------------------------------------------------------------------------- compare


class Change(StrEnum):
    """How one measure's result moved from the baseline to the reform."""

    NEWLY_ELIGIBLE = "newly_eligible"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"
    INCREASED = "increased"
    DECREASED = "decreased"
    STATUS_CHANGED = "status_changed"  # e.g. ineligible → cannot decide, amount unchanged
    UNCHANGED = "unchanged"
    # Decided on one side, cannot_decide on the other: the amount on that side is unknown, so the change
    # is not a gain or a loss, and its money stays out of every difference (it is reported apart).
    BECAME_UNDECIDED = "became_undecided"
    BECAME_DECIDED = "became_decided"


CHANGE_LABELS: dict[Change, tuple[str, str]] = {
    Change.NEWLY_ELIGIBLE: ("新符合", "newly eligible"),
    Change.NO_LONGER_ELIGIBLE: ("不再符合", "no longer eligible"),
    Change.INCREASED: ("增加", "increased"),
    Change.DECREASED: ("减少", "decreased"),
    Change.STATUS_CHANGED: ("状态变化", "status changed"),
    Change.UNCHANGED: ("不变", "unchanged"),
    Change.BECAME_UNDECIDED: ("改革后无法判断", "undecidable under the reform"),
    Change.BECAME_DECIDED: ("改革后可以判断", "decidable under the reform"),
}
NOT_COMPARABLE = frozenset({Change.BECAME_UNDECIDED, Change.BECAME_DECIDED})


class Direction(StrEnum):
    """How an applicant as a whole fares under the reform."""

    BETTER_OFF = "better_off"
    WORSE_OFF = "worse_off"
    UNCHANGED = "unchanged"
    UNDECIDED = "undecided"  # a measure decided under one policy only: the applicant's change is unknown


DIRECTION_LABELS: dict[Direction, tuple[str, str]] = {
    Direction.BETTER_OFF: ("受益", "better off"),
    Direction.WORSE_OFF: ("受损", "worse off"),
    Direction.UNCHANGED: ("不变", "unchanged"),
    Direction.UNDECIDED: ("无法判断", "undecided"),
}


@dataclass(frozen=True, slots=True)
class MeasureComparison:
    """One measure for one applicant under both policies; amounts and the change are worked out once."""

    measure: Measure
    baseline: Outcome
    reform: Outcome
    baseline_paid: Decimal
    reform_paid: Decimal
    baseline_maximum: Decimal  # what it adds to the maxima total
    reform_maximum: Decimal
    change: Change

    @classmethod
    def of(cls, measure: Measure, baseline: Outcome, reform: Outcome) -> MeasureComparison:
        paid_before = paid(baseline)
        max_before = maximum_part(baseline)
        if reform is baseline:  # not re-evaluated: nothing can differ
            return cls(
                measure, baseline, reform, paid_before, paid_before, max_before, max_before, Change.UNCHANGED
            )
        paid_after = paid(reform)
        max_after = maximum_part(reform)
        before, after = is_eligible(baseline), is_eligible(reform)
        diff = (paid_after - paid_before) or (max_after - max_before)
        undecided_before = baseline.status is Status.CANNOT_DECIDE
        undecided_after = reform.status is Status.CANNOT_DECIDE
        if undecided_after and not undecided_before:
            change = Change.BECAME_UNDECIDED
        elif undecided_before and not undecided_after:
            change = Change.BECAME_DECIDED
        elif after and not before:
            change = Change.NEWLY_ELIGIBLE
        elif before and not after:
            change = Change.NO_LONGER_ELIGIBLE
        elif diff > 0:
            change = Change.INCREASED
        elif diff < 0:
            change = Change.DECREASED
        elif (
            baseline.status is not reform.status
            or baseline.amount != reform.amount
            or baseline.maximum != reform.maximum
        ):
            change = Change.STATUS_CHANGED
        else:
            change = Change.UNCHANGED
        return cls(measure, baseline, reform, paid_before, paid_after, max_before, max_after, change)

    @property
    def comparable(self) -> bool:
        """Decided (or undecided) under both policies, so its difference means something."""
        return self.change not in NOT_COMPARABLE

    @property
    def difference(self) -> Decimal | None:
        """The change in what is paid; None when one side cannot be decided (unknown, not zero)."""
        return self.reform_paid - self.baseline_paid if self.comparable else None

    @property
    def maxima_difference(self) -> Decimal | None:
        return self.reform_maximum - self.baseline_maximum if self.comparable else None


@dataclass(slots=True)
class Comparison:
    """One applicant under the baseline and under the reform (the summary flags are worked out once)."""

    applicant: Applicant
    baseline: ApplicantResult
    reform: ApplicantResult
    items: list[MeasureComparison]
    # Input columns carried through (序号, 姓名, 身份证号 of a list), by header; never read by a rule.
    columns: dict[str, str] | None = None
    direction: Direction = field(init=False)
    newly_eligible: bool = field(init=False)
    no_longer_eligible: bool = field(init=False)
    # A measure that could be decided under the baseline but not under the reform (e.g. an external value
    # ends before the extended policy does): its amount is unknown, not lost — say so apart from "worse off".
    became_undecided: bool = field(init=False)
    changed: bool = field(init=False)
    # The change in the total (and in the maxima) over the measures decided under both policies (or
    # neither); a measure decided under one only has an unknown difference and stays out.
    difference: Decimal = field(init=False)
    maxima_difference: Decimal = field(init=False)

    def __post_init__(self) -> None:
        unknown = [i for i in self.items if not i.comparable]
        known = [i for i in self.items if i.comparable]
        self.difference = sum((i.reform_paid - i.baseline_paid for i in known), ZERO)
        self.maxima_difference = sum((i.reform_maximum - i.baseline_maximum for i in known), ZERO)
        self.became_undecided = any(i.change is Change.BECAME_UNDECIDED for i in unknown)
        became_decided = any(i.change is Change.BECAME_DECIDED for i in unknown)
        diff = self.difference or self.maxima_difference
        direction = (
            Direction.BETTER_OFF if diff > 0 else Direction.WORSE_OFF if diff < 0 else Direction.UNCHANGED
        )
        # An undecided amount is unknown but never negative. So a measure that paid nothing before and
        # cannot be decided now can only add, and one that cannot be decided before and pays nothing now
        # can only take away: the direction stands when every such unknown points the same way.
        can_only_add = all(
            i.change is Change.BECAME_UNDECIDED and not (i.baseline_paid or i.baseline_maximum)
            for i in unknown
        )
        can_only_take = all(
            i.change is Change.BECAME_DECIDED and not (i.reform_paid or i.reform_maximum) for i in unknown
        )
        stands = (direction is Direction.BETTER_OFF and can_only_add) or (
            direction is Direction.WORSE_OFF and can_only_take
        )
        self.direction = direction if not unknown or stands else Direction.UNDECIDED
        before = any(is_eligible(i.baseline) for i in self.items)
        after = any(is_eligible(i.reform) for i in self.items)
        # Certain only when no measure moved to or from "cannot decide": that one may be eligible.
        self.newly_eligible = after and not before and not became_decided
        self.no_longer_eligible = before and not after and not self.became_undecided
        self.changed = any(i.change is not Change.UNCHANGED for i in self.items)


# The engine reads these itself (the policy's validity), outside any measure's recorded parameters.
ENGINE_PARAMETERS = frozenset({"general.policy_start", "general.policy_end"})


def changed_parameters(baseline: Policy, reform: Policy) -> frozenset[str]:
    """Keys whose dated values differ between the two policies (texts do not change results)."""
    keys = set(baseline.parameters) | set(reform.parameters)
    return frozenset(
        k
        for k in keys
        if k not in baseline.parameters
        or k not in reform.parameters
        or baseline.parameters[k].entries() != reform.parameters[k].entries()
    )


class Comparer:
    """Compares applicants under two policies: each side one lean query of the columnar engine over all
    the applicants given at once (a comparison shows statuses and amounts, never the condition trace).
    ``changed`` are the parameters the reform changes."""

    def __init__(
        self,
        baseline: Policy,
        reform: Policy,
        as_of: date | None = None,
        today: date | None = None,
    ) -> None:
        self.baseline = baseline
        self.reform = reform
        self.as_of = as_of
        self.today = today or date.today()
        self.changed = changed_parameters(baseline, reform)
        self._measures = {m.id: m for m in registry()}

    def compare(self, applicant: Applicant) -> Comparison:
        """Evaluate an (already validated) applicant under both policies and pair the outcomes."""
        (comparison,) = self.compare_scenarios([applicant])
        return comparison

    def compare_all(self, applicants: Iterable[Applicant], chunk: int = 2000) -> Iterator[Comparison]:
        """:meth:`compare_scenarios` over ``applicants``, ``chunk`` at a time (constant memory)."""
        batch: list[Applicant] = []
        for applicant in applicants:
            batch.append(applicant)
            if len(batch) >= chunk:
                yield from self.compare_scenarios(batch)
                batch = []
        if batch:
            yield from self.compare_scenarios(batch)

    def compare_scenarios(self, applicants: Iterable[Applicant]) -> Iterator[Comparison]:
        """The applicants of a scenario file, all in one frame through the columnar engine: one lean
        query under the baseline and one under the reform (every measure on both sides: the columnar
        outcome carries no ``parameters_used``, and a measure whose parameters did not change gives the
        same outcome, so the same items, as the shortcut of :meth:`compare`)."""
        from wenjiuye_cli.engine.applicants import evaluate_applicants  # polars: only where needed

        listed = list(applicants)
        before = evaluate_applicants(listed, self.baseline, self.as_of, self.today, explain=False)
        after = evaluate_applicants(listed, self.reform, self.as_of, self.today, explain=False)
        for applicant, old, new in zip(listed, before, after, strict=True):
            yield self._paired(applicant, old, new)

    def _paired(self, applicant: Applicant, before: ApplicantResult, after: ApplicantResult) -> Comparison:
        items: list[MeasureComparison] = []
        for old, new in zip(before.outcomes, after.outcomes, strict=True):
            assert old.measure_id == new.measure_id
            items.append(MeasureComparison.of(self._measures[old.measure_id], old, new))
        return Comparison(applicant, before, after, items)


def compare_applicant(
    applicant: Applicant,
    baseline: Policy,
    reform: Policy,
    as_of: date | None = None,
    today: date | None = None,
) -> Comparison:
    """One applicant under both policies (a :class:`Comparer` for one use; use one Comparer for many)."""
    return Comparer(baseline, reform, as_of, today).compare(applicant)


def compare_all(
    applicants: Iterable[Applicant],
    baseline: Policy,
    reform: Policy,
    as_of: date | None = None,
    today: date | None = None,
) -> Iterator[Comparison]:
    return Comparer(baseline, reform, as_of, today).compare_all(applicants)


# ------------------------------------------------------------------------------------- applicant lists


def compare_rows(reader: ApplicantReader, comparer: Comparer, impact: BudgetImpact) -> Iterator[Comparison]:
    """Compare each applicant of a CSV/NDJSON list as it is read, adding it to ``impact`` first.

    Every row ends up compared (counted in ``impact.applicants``) or in the reader's rejects: a row
    whose evaluation raises under either policy is rejected as in batch (a defect in a rule must not
    lose the other rows). One row's outcomes are held at a time.
    """
    for row in reader:
        try:
            comparison = comparer.compare(row.applicant)
        except Exception as exc:
            reader.reject_error(row, exc)
            continue
        impact.add(comparison)
        yield comparison


def rows_summary(reader: ApplicantReader | FrameReader, impact: BudgetImpact) -> dict[str, Any]:
    """The input and row counts of a compared list: ``read = computed + rejected`` (blank rows apart)."""
    info = reader.info
    return {
        "input": {
            "file": info.name,
            "format": info.format,
            "encoding": info.encoding,
            "ignored_columns": list(info.ignored_columns),
        },
        "rows": reader.counts.as_dict(impact.applicants),
    }


SCENARIO_SUFFIXES = (".toml", ".json")
BATCH_SUFFIXES = (".csv", *NDJSON_SUFFIXES, ".xlsx", ".xlsm", ".parquet", ".pq")
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32: Excel's "Unicode text"; scenarios are UTF-8
_TOML_START = re.compile(r"""^(?:#|\[|[A-Za-z0-9_.\-"']+\s*=)""")
HEAD_LIMIT = 1 << 20  # bytes read to find the first line


def is_batch_input(name: str, head: bytes) -> bool:
    """True for an applicant list (CSV/NDJSON, as batch reads it), False for a scenario file (TOML/JSON).

    By the name's extension (``.csv``/``.ndjson``/``.jsonl`` or ``.toml``/``.json``); otherwise (stdin,
    other names) by the first non-blank line of ``head``: a TOML comment, table or ``key =`` line, or a
    JSON array, is a scenario; a JSON object is an NDJSON row unless it holds ``applicants`` (or is not
    complete on its line: a pretty-printed scenario); anything else is a CSV header. Empty: a scenario.
    """
    lower = name.lower()
    if lower.endswith(BATCH_SUFFIXES):
        return True
    if lower.endswith(SCENARIO_SUFFIXES):
        return False
    if head.startswith(_UNICODE_BOMS):
        return True
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if not line or _TOML_START.match(line):
        return False
    if line.startswith("{"):
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested too deeply: the reader says which
            return False
        return isinstance(obj, dict) and "applicants" not in obj
    return True


class _Prefixed(io.RawIOBase):
    """Bytes already read (``head``), then the rest of ``stream`` (closed with it when ``owned``)."""

    def __init__(self, head: bytes, stream: BinaryIO, owned: bool) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream
        self._owned = owned

    def close(self) -> None:
        if self._owned and not self.closed:
            self._stream.close()
        super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def peek_head(stream: BinaryIO, limit: int = HEAD_LIMIT, owned: bool = False) -> tuple[bytes, BinaryIO]:
    """The first bytes of ``stream`` (through its first non-blank line, at most about ``limit``) and a
    stream that reads everything again from the start. Reads no more than that: pipes stay streams.
    Closing the new stream closes ``stream`` only when ``owned`` (never stdin)."""
    head = b""
    while len(head) < limit:
        data = stream.read1(64 * 1024) if hasattr(stream, "read1") else stream.read(64 * 1024)
        if not data:
            break
        head += data
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if b"\n" in stripped or b"\r" in stripped:
            break
    return head, io.BufferedReader(_Prefixed(head, stream, owned))


# ------------------------------------------------------------------------------------------ budget view


@dataclass(slots=True)
class Tally:
    """Running sums for one measure, one department or everything."""

    baseline: Decimal = ZERO
    reform: Decimal = ZERO
    baseline_maxima: Decimal = ZERO
    reform_maxima: Decimal = ZERO
    baseline_eligible: int = 0  # outcomes (applicant × measure) eligible under the baseline
    reform_eligible: int = 0
    newly_eligible: int = 0
    no_longer_eligible: int = 0
    increased: int = 0
    decreased: int = 0
    # Outcomes decided under one policy only, and what they pay on the side where they are decided:
    # part of that side's total, but of no difference (the other side's amount is unknown).
    became_undecided: int = 0
    became_decided: int = 0
    baseline_not_comparable: Decimal = ZERO
    reform_not_comparable: Decimal = ZERO
    baseline_maxima_not_comparable: Decimal = ZERO
    reform_maxima_not_comparable: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        """Over the outcomes decided under both policies (or neither): not reform − baseline when a
        measure became undecidable, whose amount under the reform is unknown, not zero."""
        return (self.reform - self.reform_not_comparable) - (self.baseline - self.baseline_not_comparable)

    @property
    def maxima_difference(self) -> Decimal:
        return (self.reform_maxima - self.reform_maxima_not_comparable) - (
            self.baseline_maxima - self.baseline_maxima_not_comparable
        )

    def add(self, item: MeasureComparison) -> None:
        self.baseline += item.baseline_paid
        self.reform += item.reform_paid
        self.baseline_maxima += item.baseline_maximum
        self.reform_maxima += item.reform_maximum
        self.baseline_eligible += is_eligible(item.baseline)
        self.reform_eligible += is_eligible(item.reform)
        change = item.change
        if change is not Change.UNCHANGED:
            self.newly_eligible += change is Change.NEWLY_ELIGIBLE
            self.no_longer_eligible += change is Change.NO_LONGER_ELIGIBLE
            self.increased += change is Change.INCREASED
            self.decreased += change is Change.DECREASED
            if change in NOT_COMPARABLE:
                self.became_undecided += change is Change.BECAME_UNDECIDED
                self.became_decided += change is Change.BECAME_DECIDED
                self.baseline_not_comparable += item.baseline_paid
                self.reform_not_comparable += item.reform_paid
                self.baseline_maxima_not_comparable += item.baseline_maximum
                self.reform_maxima_not_comparable += item.reform_maximum

    def merge(self, other: Tally) -> None:
        for name in Tally.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {
            "baseline": fmt_money(self.baseline),
            "reform": fmt_money(self.reform),
            "difference": fmt_money(self.difference),
            "baseline_maxima": fmt_money(self.baseline_maxima),
            "reform_maxima": fmt_money(self.reform_maxima),
            "maxima_difference": fmt_money(self.maxima_difference),
            "baseline_eligible": self.baseline_eligible,
            "reform_eligible": self.reform_eligible,
            "newly_eligible": self.newly_eligible,
            "no_longer_eligible": self.no_longer_eligible,
            "increased": self.increased,
            "decreased": self.decreased,
            "not_comparable": {
                "became_undecided": self.became_undecided,
                "became_decided": self.became_decided,
                "baseline": fmt_money(self.baseline_not_comparable),
                "reform": fmt_money(self.reform_not_comparable),
                "baseline_maxima": fmt_money(self.baseline_maxima_not_comparable),
                "reform_maxima": fmt_money(self.reform_maxima_not_comparable),
            },
        }


@dataclass(slots=True)
class BudgetImpact:
    """The budget view of a comparison, built one applicant at a time (constant memory)."""

    applicants: int = 0
    changed: int = 0
    better_off: int = 0
    worse_off: int = 0
    unchanged: int = 0
    undecided: int = 0
    newly_eligible: int = 0
    no_longer_eligible: int = 0
    became_undecided: int = 0
    by_measure: dict[str, Tally] = field(default_factory=dict)
    status_changes: dict[str, dict[tuple[Status, Status], int]] = field(default_factory=dict)

    def add(self, comparison: Comparison) -> None:
        self.applicants += 1
        self.changed += comparison.changed
        direction = comparison.direction
        self.better_off += direction is Direction.BETTER_OFF
        self.worse_off += direction is Direction.WORSE_OFF
        self.unchanged += direction is Direction.UNCHANGED
        self.undecided += direction is Direction.UNDECIDED
        self.newly_eligible += comparison.newly_eligible
        self.no_longer_eligible += comparison.no_longer_eligible
        self.became_undecided += comparison.became_undecided
        tallies = self.by_measure
        for item in comparison.items:
            mid = item.measure.id
            tally = tallies.get(mid)
            if tally is None:
                tally = tallies[mid] = Tally()
            tally.add(item)
            if item.baseline.status is not item.reform.status:
                moves = self.status_changes.setdefault(mid, {})
                pair = (item.baseline.status, item.reform.status)
                moves[pair] = moves.get(pair, 0) + 1

    @property
    def total(self) -> Tally:
        """Everything: the sum of the measures' tallies."""
        out = Tally()
        for tally in self.by_measure.values():
            out.merge(tally)
        return out

    def _in_policy_order(self) -> list[tuple[str, Tally]]:
        order = {m.id: i for i, m in enumerate(registry())}
        return sorted(self.by_measure.items(), key=lambda kv: order.get(kv[0], len(order)))

    @property
    def by_department(self) -> dict[str, Tally]:
        """Tallies by responsible department (责任部门), summed from the measures' in policy order."""
        out: dict[str, Tally] = {}
        for mid, tally in self._in_policy_order():
            out.setdefault(measure_by_id(mid).department, Tally()).merge(tally)
        return out

    def as_dict(self, lang: str, budget: Decimal | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "applicants": self.applicants,
            "changed": self.changed,
            "better_off": self.better_off,
            "worse_off": self.worse_off,
            "unchanged": self.unchanged,
            "undecided": self.undecided,
            "newly_eligible": self.newly_eligible,
            "no_longer_eligible": self.no_longer_eligible,
            "became_undecided": self.became_undecided,
            "total": self.total.as_dict(),
            "by_measure": [
                {
                    "measure": mid,
                    "name": measure_by_id(mid).name(lang),
                    "article": measure_by_id(mid).article,
                    "tasks": list(measure_by_id(mid).tasks),
                    "department": measure_by_id(mid).department,
                    **tally.as_dict(),
                    "status_changes": {
                        f"{a.value}->{b.value}": n
                        for (a, b), n in sorted(self.status_changes.get(mid, {}).items())
                    },
                }
                for mid, tally in self._in_policy_order()
            ],
            "by_department": [
                {"department": d, **tally.as_dict()} for d, tally in self.by_department.items()
            ],
            "definitions": DEFINITIONS[lang if lang in DEFINITIONS else "en"],
        }
        if budget is not None:
            doc["budget"] = budget_position(self, budget)
        return doc


DEFINITIONS: dict[str, dict[str, str]] = {
    "zh": {
        "amounts": "金额为符合条件且计入支付的确定金额（与 calc 的合计相同）；“最高…”额度单列，不计入合计",
        "better_off": "改革后合计更高（合计相同时最高额更高）",
        "newly_eligible": "基准下任何措施都不符合、改革后至少符合一项的申请人；分措施时指该措施由不符合变为符合",
        "became_undecided": "至少有一项措施在基准下可以判断、改革后无法判断的申请人（其金额未知，不等于减少）",
        "difference": "差额只计两种政策下都能判断的措施；一方无法判断的措施不计入差额，其在可判断一方的金额单列"
        "（not_comparable），有这类措施的申请人记为“无法判断”（undecided），不算受益或受损",
    },
    "en": {
        "amounts": "amounts are the exact amounts of eligible measures that count as payments (calc's total); "
        "'maximum' amounts are listed separately and never added",
        "better_off": "the reform's total is higher (or equal with higher maxima)",
        "newly_eligible": "applicants eligible for no measure under the baseline and for at least one under the "
        "reform; per measure, applicants whose status for that measure became eligible",
        "became_undecided": "applicants with at least one measure decidable under the baseline but not under the "
        "reform (its amount is unknown, which is not the same as lower)",
        "difference": "differences count only measures decidable under both policies; one decidable under one "
        "policy only stays out of every difference, its amount on the decidable side is listed apart "
        "(not_comparable), and its applicant is 'undecided', neither better nor worse off",
    },
}


def budget_position(impact: BudgetImpact, available: Decimal) -> dict[str, Any]:
    """How the reform's total compares with an available fund (maxima reported, not counted)."""
    reform_total = impact.total.reform
    with_maxima = reform_total + impact.total.reform_maxima
    share = (reform_total / available) if available > 0 else None
    return {
        "available": fmt_money(available),
        "baseline_total": fmt_money(impact.total.baseline),
        "reform_total": fmt_money(reform_total),
        "remaining": fmt_money(available - reform_total),
        "within_budget": reform_total <= available,
        "share_used": None if share is None else fmt_number(share.quantize(Decimal("0.0001"))),
        "baseline_within_budget": impact.total.baseline <= available,
        "reform_total_with_maxima": fmt_money(with_maxima),
        "within_budget_with_maxima": with_maxima <= available,
    }


# ------------------------------------------------------------------------------------------------ stamp


def run_stamp(
    reformed: Policy, as_of: date | None, today: date, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What a compare or sweep output was computed from: tool, baseline hash, reforms, --set, dates.

    ``reformed.sha256`` is the baseline file's hash (a reform never changes it); ``reformed.reforms``
    lists each reform file and its hash in the order applied; ``overrides`` the ``--set`` assignments.
    """
    doc: dict[str, Any] = {
        "tool": "wenjiuye",
        "version": __version__,
        "policy": {"file": reformed.origin, "sha256": reformed.sha256},
        "reforms": [dict(r) for r in reformed.reforms],
        "overrides": list(reformed.overrides),
        "as_of": as_of.isoformat() if as_of else None,
        "as_of_rule": "--as-of" if as_of else "application_date (else the run date)",
        "run_date": today.isoformat(),
    }
    if extra:
        doc.update(extra)
    return doc


def stamp_text(stamp: dict[str, Any]) -> str:
    """The stamp on one line (hashes shortened to 12 hex digits), under a table."""
    parts = [
        f"wenjiuye {stamp['version']}",
        f"policy {stamp['policy']['file']} sha256:{stamp['policy']['sha256'][:12]}",
    ]
    parts.extend(f"reform {r['file']} sha256:{r['sha256'][:12]}" for r in stamp["reforms"])
    parts.extend(f"--set {o}" for o in stamp["overrides"])
    if "vary" in stamp:
        parts.append(f"vary {stamp['vary']}")
    if "as_of" in stamp:
        parts.append(f"as-of {stamp['as_of'] or 'application_date'}")
    parts.append(f"run {stamp['run_date']}")
    return " · ".join(parts)


# ------------------------------------------------------------------------------------ compare as data


def side_dict(outcome: Outcome, lang: str) -> dict[str, Any]:
    return {
        "status": outcome.status.value,
        "status_label": STATUS_LABELS[outcome.status][0 if lang == "zh" else 1],
        "amount": money(outcome.amount),
        "maximum": money(outcome.maximum),
        "paid": fmt_money(paid(outcome)),
        "missing_facts": list(outcome.missing_facts),
    }


def comparison_dict(comparison: Comparison, lang: str, changed_items_only: bool = False) -> dict[str, Any]:
    items = [i for i in comparison.items if not changed_items_only or i.change is not Change.UNCHANGED]
    carried = {} if comparison.columns is None else {"columns": comparison.columns}
    return {
        "id": comparison.applicant.id,
        **carried,
        "kind": comparison.applicant.kind,
        "as_of": comparison.baseline.as_of.isoformat(),
        "baseline_total": fmt_money(comparison.baseline.total),
        "reform_total": fmt_money(comparison.reform.total),
        "difference": fmt_money(comparison.difference),
        "baseline_maxima_total": fmt_money(comparison.baseline.maxima_total),
        "reform_maxima_total": fmt_money(comparison.reform.maxima_total),
        "direction": comparison.direction.value,
        "newly_eligible": comparison.newly_eligible,
        "no_longer_eligible": comparison.no_longer_eligible,
        "items": [
            {
                "measure": i.measure.id,
                "name": i.measure.name(lang),
                "article": i.measure.article,
                "tasks": list(i.measure.tasks),
                "department": i.measure.department,
                "change": i.change.value,
                "difference": money(i.difference),
                "baseline": side_dict(i.baseline, lang),
                "reform": side_dict(i.reform, lang),
            }
            for i in items
        ],
    }


COMPARE_COLUMNS = (
    "id", "kind", "as_of", "baseline_total", "reform_total", "difference", "baseline_maxima_total",
    "reform_maxima_total", "direction", "newly_eligible", "no_longer_eligible", "changed_measures",
    "status_only_changes",
)  # fmt: skip
COMPARE_ITEM_COLUMNS = (
    "id", "kind", "as_of", "measure", "name", "article", "tasks", "department", "change",
    "baseline_status", "baseline_amount", "baseline_maximum", "reform_status", "reform_amount",
    "reform_maximum", "difference",
)  # fmt: skip


def describe_item(item: MeasureComparison, lang: str | None = None) -> str:
    """``rent_subsidy 24000.00→36000.00`` or ``rent_subsidy ineligible→6000.00``.

    With ``lang`` the measure id is left out and statuses are words in that language (for tables).
    """

    def side(o: Outcome) -> str:
        if o.status is Status.ELIGIBLE and o.amount is not None:
            return fmt_money(o.amount)
        if o.maximum is not None and is_eligible(o):
            return f"{'最高' if lang == 'zh' else 'max'} {fmt_money(o.maximum)}"
        if lang is None:
            return o.status.value
        return STATUS_LABELS[o.status][0 if lang == "zh" else 1]

    moved = f"{side(item.baseline)}→{side(item.reform)}"
    return moved if lang is not None else f"{item.measure.id} {moved}"


def carried_cells(comparison: Comparison, headers: Sequence[str]) -> list[str]:
    """The carried input cells under ``headers`` (empty where the comparison has none)."""
    columns = comparison.columns or {}
    return [columns.get(h) or "" for h in headers]


def with_carried(columns: Sequence[str], carried: Sequence[str]) -> list[str]:
    """Output columns with the carried input columns after the id (as batch writes them)."""
    return [columns[0], *carried, *columns[1:]]


def comparison_row(comparison: Comparison) -> list[str]:
    changed = "; ".join(describe_item(i) for i in money_changes(comparison))
    status_only = "; ".join(describe_item(i) for i in comparison.items if i.change is Change.STATUS_CHANGED)
    return [
        comparison.applicant.id,
        comparison.applicant.kind,
        comparison.baseline.as_of.isoformat(),
        fmt_money(comparison.baseline.total),
        fmt_money(comparison.reform.total),
        fmt_money(comparison.difference),
        fmt_money(comparison.baseline.maxima_total),
        fmt_money(comparison.reform.maxima_total),
        comparison.direction.value,
        _yes(comparison.newly_eligible),
        _yes(comparison.no_longer_eligible),
        changed,
        status_only,
    ]


def money_changes(comparison: Comparison) -> list[MeasureComparison]:
    """Measures whose amount or eligibility changed (not those that only moved, say, ineligible → undecided)."""
    return [i for i in comparison.items if i.change not in (Change.UNCHANGED, Change.STATUS_CHANGED)]


def comparison_item_rows(comparison: Comparison, changed_only: bool = False) -> Iterator[list[str]]:
    for item in comparison.items:
        if changed_only and item.change is Change.UNCHANGED:
            continue
        m = item.measure
        yield [
            comparison.applicant.id,
            comparison.applicant.kind,
            comparison.baseline.as_of.isoformat(),
            m.id,
            m.name_zh,
            m.article,
            " ".join(str(t) for t in m.tasks),
            m.department,
            item.change.value,
            item.baseline.status.value,
            money(item.baseline.amount) or "",
            money(item.baseline.maximum) or "",
            item.reform.status.value,
            money(item.reform.amount) or "",
            money(item.reform.maximum) or "",
            money(item.difference) or "",
        ]


def _yes(value: bool) -> str:
    return "true" if value else "false"


# ------------------------------------------------------------------------------------------------ sweeps


class SweepError(UserError, ValueError):
    """A ``--vary``/``--vary-param`` specification that cannot be used; ``zh``/``en`` say why."""


AxisType = Literal["integer", "decimal", "date", "unordered"]
SweepValue = int | Decimal | date | str | bool
MAX_POINTS = 1000


@dataclass(frozen=True, slots=True)
class Axis:
    """What a sweep varies: a fact of the applicant or a parameter of the policy, and the values it takes."""

    target: Literal["fact", "parameter"]
    name: str
    type: AxisType
    values: tuple[SweepValue, ...]
    label_zh: str
    label_en: str
    unit: str = ""

    @property
    def ordered(self) -> bool:
        return self.type != "unordered"

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def spec(self) -> str:
        return f"{'fact' if self.target == 'fact' else 'parameter'} {self.name}"


_SPEC = re.compile(r"^\s*(?P<name>[a-z][a-z0-9_.]*)\s*=\s*(?P<range>.+?)\s*$")
_RANGE = re.compile(r"^(?P<start>[^:]+?)\.\.(?P<stop>[^:]+?)(?::(?P<step>.+))?$")
_DATE_STEP = re.compile(r"^(?P<n>\d+)\s*(?P<unit>[dwmy])$")


def parse_values(text: str, type_: AxisType, name: str) -> tuple[SweepValue, ...]:
    """``START..STOP[:STEP]`` or a comma list ``a,b,c``; numbers may be ``12%``; dates step ``7d/2w/1m/1y``."""
    text = text.strip()
    match = _RANGE.match(text)
    if match is None:
        items = [p.strip() for p in text.split(",") if p.strip()]
        if not items:
            raise SweepError(f"{name}：没有取值", f"{name}: no values given")
        values = [_scalar(item, type_, name) for item in items]
        if type_ != "unordered":
            values = sorted(set(values), key=_sort_key)
        return _limit(tuple(values), name)
    if type_ == "unordered":
        raise SweepError(
            f"{name}：不是数值或日期，请列出取值（如 a,b）",
            f"{name}: not a number or date; list the values (a,b)",
        )
    start = _scalar(match["start"], type_, name)
    stop = _scalar(match["stop"], type_, name)
    step_text = match["step"]
    if type_ == "date":
        assert isinstance(start, date)
        assert isinstance(stop, date)
        return _limit(_date_range(start, stop, step_text or "1m", name), name)
    assert isinstance(start, int | Decimal)
    assert isinstance(stop, int | Decimal)
    step = _scalar(step_text, type_, name) if step_text else 1
    assert isinstance(step, int | Decimal)
    if step <= 0:
        raise SweepError(f"{name}：步长应大于0", f"{name}: the step must be greater than 0")
    if stop < start:
        raise SweepError(
            f"{name}：终点 {stop} 小于起点 {start}", f"{name}: the stop {stop} is below the start {start}"
        )
    count = int((Decimal(stop) - Decimal(start)) / Decimal(step)) + 1
    if count > MAX_POINTS:
        raise SweepError(
            f"{name}：{count} 个点太多（最多 {MAX_POINTS}），请加大步长，如 {text}:{_suggest(start, stop)}",
            f"{name}: {count} points is too many (at most {MAX_POINTS}); give a larger step, "
            f"e.g. {text}:{_suggest(start, stop)}",
        )
    return tuple(start + i * step for i in range(count))


def _suggest(start: int | Decimal, stop: int | Decimal) -> str:
    step = Decimal(stop - start) / 20
    if step >= Decimal("0.01"):  # whole fen when it can be: a step for money must not make sub-fen points
        step = step.quantize(Decimal("0.01"), rounding=ROUND_UP)
    return fmt_number(step)


def _sort_key(value: SweepValue) -> Any:
    return value


def _limit(values: tuple[SweepValue, ...], name: str) -> tuple[SweepValue, ...]:
    if len(values) > MAX_POINTS:
        raise SweepError(
            f"{name}：点太多（最多 {MAX_POINTS}）", f"{name}: too many points (at most {MAX_POINTS})"
        )
    return values


def _date_range(start: date, stop: date, step: str, name: str) -> tuple[date, ...]:
    match = _DATE_STEP.match(step.strip().lower())
    if match is None or int(match["n"]) == 0:
        raise SweepError(
            f"{name}：日期步长应写成 7d、2w、1m 或 1y，而不是 {step!r}",
            f"{name}: a date step is 7d, 2w, 1m or 1y, not {step!r}",
        )
    if stop < start:
        raise SweepError(
            f"{name}：终点 {stop} 早于起点 {start}", f"{name}: the stop {stop} is before the start {start}"
        )
    n, unit = int(match["n"]), match["unit"]
    out: list[date] = []
    i = 0
    while True:
        if unit in "dw":
            day = start + timedelta(days=i * n * (7 if unit == "w" else 1))
        else:
            day = add_months(start, i * n * (12 if unit == "y" else 1))
        if day > stop:
            break
        out.append(day)
        i += 1
        if i > MAX_POINTS:
            raise SweepError(
                f"{name}：点太多（最多 {MAX_POINTS}）", f"{name}: too many points (at most {MAX_POINTS})"
            )
    return tuple(out)


SWEEP_DIGITS = 15  # a swept number (start, stop, step, listed value) is 0 or 10^-15 to 10^15 in size


def _scalar(text: str, type_: AxisType, name: str) -> SweepValue:
    text = text.strip()
    try:
        if type_ == "date":
            return date.fromisoformat(text)
        if type_ == "unordered":
            return text
        percent = text.endswith("%")
        number = Decimal(text[:-1] if percent else text)
        if not number.is_finite():
            raise InvalidOperation
    except (ValueError, InvalidOperation):
        expected = ("日期 YYYY-MM-DD", "a date YYYY-MM-DD") if type_ == "date" else ("数字", "a number")
        raise SweepError(
            f"{name}：{text!r} 应为{expected[0]}", f"{name}: {text!r} should be {expected[1]}"
        ) from None
    # Bounded before any arithmetic: 1E+999999999 as a whole number would take minutes to convert, and
    # a step of 1E-999999999 would overflow the count of points (the fact's or parameter's own range is
    # checked on each point later).
    if number and not -SWEEP_DIGITS <= number.adjusted() <= SWEEP_DIGITS:
        raise SweepError(
            f"{name}：{text!r} 超出允许范围（绝对值 10^-{SWEEP_DIGITS} 至 10^{SWEEP_DIGITS}）",
            f"{name}: {text!r} is out of the allowed range (10^-{SWEEP_DIGITS} to 10^{SWEEP_DIGITS} in size)",
        )
    if percent:
        number /= 100
    if type_ == "integer":
        if number != number.to_integral_value():
            raise SweepError(f"{name}：{text!r} 应为整数", f"{name}: {text!r} should be a whole number")
        return int(number)
    return number


def split_spec(spec: str) -> tuple[str, str]:
    match = _SPEC.match(spec)
    if match is None:
        raise SweepError(
            f"应写成 名称=起点..终点[:步长] 或 名称=a,b,c，而不是 {spec!r}",
            f"expected NAME=START..STOP[:STEP] or NAME=a,b,c, got {spec!r}",
        )
    return match["name"], match["range"]


_FACT_AXIS_TYPES: dict[str, AxisType] = {
    "int": "integer",
    "money": "decimal",
    "ratio": "decimal",
    "date": "date",
    "bool": "unordered",
    "choice": "unordered",
}


def fact_axis(spec: str, kind: str) -> Axis:
    """``--vary FACT=START..STOP[:STEP]`` for an applicant of ``kind``; values are checked like input."""
    name, text = split_spec(spec)
    facts = facts_for_kind(kind)
    fact_spec = facts.get(name)
    if fact_spec is None:
        raise SweepError(
            f"{name}：不是 {kind} 的事实（见 wenjiuye schema {kind}）",
            f"{name}: not a fact of kind {kind!r} (see wenjiuye schema {kind})",
        )
    type_ = _FACT_AXIS_TYPES.get(fact_spec.type)
    if type_ is None:
        raise SweepError(
            f"{name}：类型 {fact_spec.type} 的事实不能变动",
            f"{name}: a fact of type {fact_spec.type} cannot be varied",
        )
    raw_values = parse_values(text, type_, name)
    values: list[SweepValue] = []
    for raw in raw_values:
        try:
            converted = fact_spec.convert(raw)
        except FactError as exc:
            raise SweepError(f"{name}：{exc.zh}", f"{name}: {exc.en}") from None
        values.append(converted)
    from wenjiuye_cli.engine.applicants import PrecisionError  # polars: only where needed

    try:  # 1000.005 yuan is refused as calc refuses it in a scenario file, naming --vary
        check_precision([Applicant("", kind, Facts({name: value}), "--vary") for value in values])
    except PrecisionError as exc:
        raise SweepError(exc.zh, exc.en) from None
    return Axis("fact", name, type_, tuple(values), fact_spec.label_zh, fact_spec.label_en, fact_spec.type)


def check_precision(applicants: Sequence[Applicant]) -> None:
    """Raise :class:`~wenjiuye_cli.engine.applicants.PrecisionError` (naming the applicant's place and the
    fact) when a money or ratio fact holds more decimal places than the engine keeps (money: whole fen),
    before anything is evaluated or written. The one check: the frame every evaluation builds
    (:func:`~wenjiuye_cli.engine.applicants.applicants_frame`, through which ``calc`` refuses the value)
    is built for the applicants."""
    from wenjiuye_cli.engine.applicants import applicants_frame  # polars: only where needed

    applicants_frame(applicants, [date.min] * len(applicants))


def parameter_axis(spec: str, policy: Policy) -> Axis:
    """``--vary-param KEY=START..STOP[:STEP]``: each value replaces the parameter for every date (like --set)."""
    key, text = split_spec(spec)
    try:
        param = policy.parameter(key)
    except PolicyError:
        raise SweepError(
            f"{key}：没有这个参数（见 wenjiuye policy show）",
            f"{key}: no such parameter (see wenjiuye policy show)",
        ) from None
    type_: AxisType
    if param.unit in DECIMAL_UNITS:
        type_ = "decimal"
    elif param.unit in INTEGER_UNITS:
        type_ = "integer"
    elif param.unit == "date":
        type_ = "date"
    else:
        type_ = "unordered"
    values = parse_values(text, type_, key)
    for value in values:  # the same range check as policy files, --set and reforms, said as a usage error
        problem = number_problem(param.unit, value)
        if problem is not None:
            zh, en = problem
            raise SweepError(
                f"--vary-param {key}：{zh}（{value_text(value)}）",
                f"--vary-param {key}: {en} ({value_text(value)})",
            )
    return Axis("parameter", key, type_, values, param.description, param.description_en, param.unit)


def value_text(value: SweepValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return fmt_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class SweepPoint:
    value: SweepValue
    result: ApplicantResult


def sweep(
    applicant: Applicant,
    policy: Policy,
    axis: Axis,
    as_of: date | None = None,
    today: date | None = None,
) -> list[SweepPoint]:
    """Evaluate ``applicant`` at each value of ``axis`` (never changes ``applicant`` or ``policy``)."""
    from wenjiuye_cli.engine.applicants import evaluate_applicants  # polars: only where needed

    day = today or date.today()
    if axis.target == "fact":  # every point a row of one frame, one query
        varied = [
            Applicant(applicant.id, applicant.kind, Facts({**applicant.facts.values, axis.name: value}),
                      applicant.source)
            for value in axis.values
        ]  # fmt: skip
        results = evaluate_applicants(varied, policy, as_of, day, explain=False)
        return [SweepPoint(value, result) for value, result in zip(axis.values, results, strict=True)]
    points: list[SweepPoint] = []
    for value in axis.values:  # a policy per point (its declarations are built for it), one query each
        point_policy = copy_policy(policy)
        apply_override(point_policy, f"{axis.name}={value_text(value)}")
        (result,) = evaluate_applicants([applicant], point_policy, as_of, day, explain=False)
        points.append(SweepPoint(value, result))
    return points


def entitlement(outcome: Outcome) -> Decimal | None:
    """The amount a measure gives at a sweep point: exact amount, else its maximum, 0 if ineligible.

    None when it cannot be decided (or eligible with an amount set elsewhere and no maximum).
    """
    if outcome.status is Status.INELIGIBLE:
        return ZERO
    if outcome.status is Status.CANNOT_DECIDE:
        return None
    if outcome.amount is not None:
        return outcome.amount
    return outcome.maximum


@dataclass(frozen=True, slots=True)
class Cliff:
    """An entitlement that drops as the varied value moves in the better direction (``frm`` → ``to``)."""

    measure_id: str | None  # None: the applicant's total
    frm: SweepValue
    to: SweepValue
    before: Decimal
    after: Decimal
    before_status: Status | None
    after_status: Status | None

    @property
    def drop(self) -> Decimal:
        return self.before - self.after

    def as_dict(self, lang: str) -> dict[str, Any]:
        name = (
            measure_by_id(self.measure_id).name(lang)
            if self.measure_id
            else ("合计" if lang == "zh" else "total")
        )
        return {
            "measure": self.measure_id or "total",
            "name": name,
            "from": value_text(self.frm),
            "to": value_text(self.to),
            "before": fmt_money(self.before),
            "after": fmt_money(self.after),
            "drop": fmt_money(self.drop),
            "before_status": self.before_status.value if self.before_status else None,
            "after_status": self.after_status.value if self.after_status else None,
        }


Better = Literal["higher", "lower"]


def find_cliffs(points: Sequence[SweepPoint], better: Better = "higher") -> list[Cliff]:
    """Where an amount (a measure's entitlement or the total) drops while the value gets 'better'.

    With ``better="higher"`` the points are walked from low to high values; with ``"lower"`` from high
    to low. Points whose amount cannot be decided are skipped, never guessed.
    """
    ordered = list(points) if better == "higher" else list(reversed(points))
    cliffs: list[Cliff] = []
    if len(ordered) < 2:
        return cliffs
    measure_ids = [o.measure_id for o in ordered[0].result.outcomes]
    for index, mid in enumerate(measure_ids):
        known = [
            (p, p.result.outcomes[index])
            for p in ordered
            if entitlement(p.result.outcomes[index]) is not None
        ]
        for (p, a), (q, b) in itertools.pairwise(known):
            before, after = entitlement(a), entitlement(b)
            assert before is not None
            assert after is not None
            if after < before:
                cliffs.append(Cliff(mid, p.value, q.value, before, after, a.status, b.status))
    for p, q in itertools.pairwise(ordered):
        if q.result.total < p.result.total:
            cliffs.append(Cliff(None, p.value, q.value, p.result.total, q.result.total, None, None))
    return cliffs


def sweep_dict(
    axis: Axis, points: Sequence[SweepPoint], cliffs: Sequence[Cliff], lang: str, stamp: dict[str, Any]
) -> dict[str, Any]:
    first = points[0].result if points else None
    return {
        "stamp": stamp,
        "applicant": {"id": first.applicant.id, "kind": first.applicant.kind} if first else None,
        "vary": {
            "target": axis.target,
            "name": axis.name,
            "label": axis.label(lang),
            "unit": axis.unit,
            "values": [value_text(v) for v in axis.values],
        },
        "points": [
            {
                "value": value_text(p.value),
                "as_of": p.result.as_of.isoformat(),
                "total": fmt_money(p.result.total),
                "maxima_total": fmt_money(p.result.maxima_total),
                "items": [
                    {
                        "measure": o.measure_id,
                        "status": o.status.value,
                        "amount": money(o.amount),
                        "maximum": money(o.maximum),
                        "entitlement": money(entitlement(o)),
                        "missing_facts": list(o.missing_facts),
                    }
                    for o in p.result.outcomes
                ],
            }
            for p in points
        ],
        "cliffs": [c.as_dict(lang) for c in cliffs],
    }


def sweep_columns(points: Sequence[SweepPoint]) -> list[str]:
    ids = [o.measure_id for o in points[0].result.outcomes] if points else []
    cols = ["value"]
    for mid in ids:
        cols.extend((f"{mid}:status", f"{mid}:amount"))
    cols.extend(("total", "maxima_total", "cliff"))
    return cols


def sweep_rows(points: Sequence[SweepPoint], cliffs: Sequence[Cliff]) -> Iterator[list[str]]:
    """CSV rows matching :func:`sweep_columns`; ``cliff`` names what drops on arriving at the row's value."""
    arrivals: dict[str, list[str]] = {}
    for c in cliffs:
        arrivals.setdefault(value_text(c.to), []).append(c.measure_id or "total")
    for p in points:
        row = [value_text(p.value)]
        for o in p.result.outcomes:
            ent = entitlement(o)
            row.extend((o.status.value, "" if ent is None else fmt_money(ent)))
        row.extend(
            (
                fmt_money(p.result.total),
                fmt_money(p.result.maxima_total),
                " ".join(arrivals.get(value_text(p.value), [])),
            )
        )
        yield row
