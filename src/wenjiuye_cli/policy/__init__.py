"""Loading, validating and querying ``policy.toml``: every number the rules use, dated and referenced.

The file has one ``[meta]`` table and then two-level parameter tables, ``[group.name]``; the parameter's
dotted key is ``group.name``. Each parameter carries its unit, the article (条) and task numbers (序号)
it implements, the responsible department, its source, and ``values`` keyed by the date from which each
value is in force (OpenFisca style). A value may also be a table ``{ value = ..., until = DATE }`` to end
it before the next one starts; the ranges must not overlap.

Validation is strict (pydantic, ``extra="forbid"``): an unknown key, a missing unit, a value of the wrong
type for its unit or overlapping date ranges is a :class:`PolicyError` naming the key. So is a parameter
the shipped ``policy.toml`` does not define (the rules read only those), a negative number or an amount of
money finer than a fen (:func:`number_problem`, the one check shared by policy files, ``--set`` and
reforms), and ``general.policy_end`` before ``general.policy_start`` (:func:`cross_parameter_problem`).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import itertools
import re
import tomllib
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wenjiuye_cli.limits import INT_DIGITS, long_integer_line, structure_problem
from wenjiuye_cli.money import shown_number

Unit = Literal[
    "yuan",
    "yuan/month",
    "yuan/person",
    "yuan/firm",
    "yuan/post/month",
    "ratio",
    "months",
    "years",
    "persons",
    "count",
    "date",
    "choice",
    "flag",
]
DECIMAL_UNITS = frozenset({"yuan", "yuan/month", "yuan/person", "yuan/firm", "yuan/post/month", "ratio"})
INTEGER_UNITS = frozenset({"months", "years", "persons", "count"})
# Amounts of money: paid in whole fen (0.01 yuan), so a value never has more than 2 decimal places.
MONEY_UNITS = frozenset(u for u in DECIMAL_UNITS if u.split("/")[0] == "yuan")
MONEY_PLACES = 2
# The largest value of a number by unit: bounds of plausibility, not policy numbers (every value the
# policy states lies far inside them). Beyond them a value is a typing mistake that would overflow the
# calendar (a duration of a million months), the 28-digit decimal arithmetic (1e400 yuan) or make a
# rule loop over a billion months.
MAXIMA: dict[str, Decimal | int] = {
    **{unit: Decimal(10) ** 12 for unit in MONEY_UNITS},  # yuan: 一万亿元
    "ratio": 100,
    "months": 1200,  # 100 years
    "years": 1000,
    "persons": 10_000_000,
    "count": 10_000_000,
}

Value = Decimal | int | date | str | bool

ARTICLE_NUMERALS: tuple[str, ...] = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十",
    "三十一", "三十二",
)  # fmt: skip
# Places in the document that are not one of the 32 numbered articles but still carry rules.
OTHER_PLACES = ("附则", "附件2", "外部")
TASK_NUMBERS = range(1, 69)


class PolicyError(Exception):
    """A policy file, reform or override is invalid. The message names the key and the reason.

    ``str()`` is English; ``zh`` is the Chinese text where one was written (the common ``--set`` mistakes,
    unknown parameters, contradictions), else the English one (pydantic's own messages are English)."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.zh = en if zh is None else zh


class PolicyFileError(PolicyError):
    """The policy file cannot be read (missing, a directory, no permission): an input problem, not an
    invalid policy."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: cannot read policy file: {reason}")
        self.path = path
        self.reason = reason


class ParameterNotInForce(Exception):
    """The parameter has no value on the requested date (before its first value, or after ``until``)."""

    def __init__(self, key: str, on: date) -> None:
        super().__init__(f"{key} has no value in force on {on.isoformat()}")
        self.key = key
        self.on = on


class DatedValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: Decimal | int | date | str | bool
    until: date | None = None


class Parameter(BaseModel):
    """One parameter of the policy, as written in policy.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    description_en: str = Field(min_length=1)
    unit: Unit
    article: str
    tasks: list[int] = Field(default_factory=list)
    department: str = Field(min_length=1)
    source: str = Field(min_length=1)
    reference: str | None = None
    certainty: Literal["stated", "external", "interpretation", "derived"]
    checked: date | None = None
    interpretation: str | None = None
    choices: list[str] | None = None
    values: dict[date, DatedValue | Decimal | int | date | str | bool]

    @field_validator("article")
    @classmethod
    def _known_article(cls, article: str) -> str:
        if article not in ARTICLE_NUMERALS and article not in OTHER_PLACES:
            allowed = "、".join((*ARTICLE_NUMERALS[:3], "…", ARTICLE_NUMERALS[-1], *OTHER_PLACES))
            raise ValueError(f"unknown article {article!r}; expected one of {allowed}")
        return article

    @field_validator("tasks")
    @classmethod
    def _known_tasks(cls, tasks: list[int]) -> list[int]:
        for task in tasks:
            if task not in TASK_NUMBERS:
                raise ValueError(f"task number {task} is not in the task list (1-68)")
        return tasks

    @model_validator(mode="after")
    def _consistent(self) -> Parameter:
        if not self.values:
            raise ValueError("values must hold at least one dated value")
        if self.certainty == "external" and self.checked is None:
            raise ValueError("an external value needs 'checked' (the date its source was checked)")
        if self.certainty == "interpretation" and not self.interpretation:
            raise ValueError("an interpretation needs 'interpretation' (the reading chosen and why)")
        if self.unit == "choice" and not self.choices:
            raise ValueError("unit 'choice' needs 'choices'")
        for start, raw in self.values.items():
            value = raw.value if isinstance(raw, DatedValue) else raw
            _check_value_type(self, value, where=start.isoformat())
        _check_no_overlap(self.entries())
        return self

    def entries(self) -> list[tuple[date, date | None, Value]]:
        """(start, until, value) sorted by start."""
        out: list[tuple[date, date | None, Value]] = []
        for start in sorted(self.values):
            raw = self.values[start]
            if isinstance(raw, DatedValue):
                out.append((start, raw.until, _normalise(self.unit, raw.value)))
            else:
                out.append((start, None, _normalise(self.unit, raw)))
        return out


def _normalise(unit: str, value: Value) -> Value:
    if unit in DECIMAL_UNITS and isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _check_value_type(param: Parameter, value: Value, where: str) -> None:
    unit = param.unit
    ok: bool
    if unit in DECIMAL_UNITS:
        ok = isinstance(value, Decimal | int) and not isinstance(value, bool)
        expected = "a number"
    elif unit in INTEGER_UNITS:
        ok = isinstance(value, int) and not isinstance(value, bool)
        expected = "a whole number"
    elif unit == "date":
        ok = isinstance(value, date)
        expected = "a date"
    elif unit == "flag":
        ok = isinstance(value, bool)
        expected = "true or false"
    else:  # choice
        ok = isinstance(value, str) and value in (param.choices or [])
        expected = f"one of {param.choices}"
    if not ok:
        raise ValueError(f"value at {where} is {value!r}; unit {unit!r} needs {expected}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"value at {where} is not a finite number")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        problem = number_problem(unit, value)
        if problem is not None:
            raise ValueError(f"value at {where} is {shown_number(value)}: {problem[1]}")


def number_problem(unit: str, value: object) -> tuple[str, str] | None:
    """Why a number is not allowed as a value of a parameter with ``unit`` — (zh, en) — or None.

    The one range check for policy files, ``--set`` and reform files. No parameter is negative: every
    numeric unit is an amount of money, a ratio, a duration or a count (``Unit`` has no signed unit; a
    signed quantity would need a unit of its own, exempted here). Money (``MONEY_UNITS``) is whole fen:
    at most 2 decimal places. Ratios may have more. Non-numbers are not this check's business.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return None
    if value < 0:
        return "不能为负数", "must not be negative"
    maximum = MAXIMA.get(unit)
    if maximum is not None and value > maximum:
        return f"超出允许范围（0 至 {maximum:,}）", f"out of the allowed range (0 to {maximum:,})"
    if unit in MONEY_UNITS and isinstance(value, Decimal) and _decimal_places(value) > MONEY_PLACES:
        return (
            f"金额最多 {MONEY_PLACES} 位小数，须为整分",
            f"an amount of money has at most {MONEY_PLACES} decimal places: whole fen",
        )
    return None


def _decimal_places(value: Decimal) -> int:
    """Places after the point once trailing zeros are dropped (3000.50 → 1, 3000.000 → 0), exactly:
    unlike ``normalize()`` this never rounds to the context precision."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked before
    significant = "".join(map(str, digits)).rstrip("0")
    if not significant:  # zero, however written (0.0000)
        return 0
    return max(0, -(exponent + len(digits) - len(significant)))


def _check_no_overlap(entries: list[tuple[date, date | None, Value]]) -> None:
    for (start, until, _), (next_start, _n, _v) in itertools.pairwise(entries):
        if until is not None and until >= next_start:
            raise ValueError(
                f"date ranges overlap: the value from {start} runs until {until}, "
                f"but the next value starts on {next_start}"
            )
    for start, until, _ in entries:
        if until is not None and until < start:
            raise ValueError(f"the value from {start} ends before it starts ({until})")


class PolicyMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    title_en: str
    issuer: str
    issued: date
    text: str
    schema_version: Literal[1]


@dataclass(frozen=True, slots=True)
class _Series:
    starts: list[date]
    entries: list[tuple[date, date | None, Value]]


@dataclass
class Policy:
    """A validated policy: metadata plus parameters, queryable by key and date.

    ``sha256`` identifies the file the policy was read from; ``overrides`` lists the ``--set``
    assignments applied on top of it, so every output can say exactly what it was computed from.
    """

    meta: PolicyMeta
    parameters: dict[str, Parameter]
    sha256: str
    origin: str
    overrides: list[str] = field(default_factory=list)
    reforms: list[dict[str, str]] = field(default_factory=list)  # {"file": ..., "sha256": ...} in order
    _series: dict[str, _Series] = field(default_factory=dict, repr=False)
    # Fast path of :meth:`value`: for a parameter with one value and no end date (nearly all of them),
    # (start, value); the value is in force on every day from ``start``.
    _open_ended: dict[str, tuple[date, Value]] = field(default_factory=dict, repr=False, compare=False)
    # Results derived from the parameters alone (see :meth:`derived`); emptied whenever a parameter changes.
    _derived: dict[Hashable, dict[Hashable, Any]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._series = {}
        self._open_ended = {}
        self._derived = {}
        for key, param in self.parameters.items():
            self._index(key, param)

    def _index(self, key: str, param: Parameter) -> None:
        entries = param.entries()
        self._series[key] = _Series([e[0] for e in entries], entries)
        if len(entries) == 1 and entries[0][1] is None:
            self._open_ended[key] = (entries[0][0], entries[0][2])
        else:
            self._open_ended.pop(key, None)
        self._derived.clear()

    def parameter(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError:
            zh_hint, hint = did_you_mean(key, self.parameters)
            raise PolicyError(f"unknown parameter {key!r}{hint}", f"没有参数 {key!r}{zh_hint}") from None

    def value(self, key: str, on: date) -> Value:
        """The value of ``key`` in force on ``on``; raises :class:`ParameterNotInForce` if none is."""
        open_ended = self._open_ended.get(key)
        if open_ended is not None and on >= open_ended[0]:
            return open_ended[1]
        try:
            series = self._series[key]
        except KeyError:
            raise PolicyError(f"unknown parameter {key!r}") from None
        i = bisect.bisect_right(series.starts, on) - 1
        if i < 0:
            raise ParameterNotInForce(key, on)
        _start, until, value = series.entries[i]
        if until is not None and on > until:
            raise ParameterNotInForce(key, on)
        return value

    def derived(self, namespace: Hashable, limit: int = 20_000) -> dict[Hashable, Any]:
        """A cache for results computed from this policy's parameters alone (no facts), e.g. a statutory
        retirement date per birth date. It is emptied whenever a parameter is replaced, and when it holds
        ``limit`` entries (so memory stays flat over millions of rows)."""
        cache = self._derived.get(namespace)
        if cache is None or len(cache) >= limit:
            cache = self._derived[namespace] = {}
        return cache

    def changes_between(self, key: str, first: date, last: date) -> list[date]:
        """Start dates of values of ``key`` that begin strictly after ``first`` and on or before ``last``."""
        return [s for s in self._series[key].starts if first < s <= last]

    def stamp(self) -> dict[str, Any]:
        return {
            "title": self.meta.title,
            "file": self.origin,
            "sha256": self.sha256,
            "reforms": [dict(r) for r in self.reforms],
            "overrides": list(self.overrides),
        }


def did_you_mean(name: str, known: Iterable[str]) -> tuple[str, str]:
    """A "did you mean" suffix (zh, en) naming the closest of ``known`` to ``name``, or empty texts."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return (f"（是否想写 {close[0]}？）", f" (did you mean {close[0]}?)") if close else ("", "")


# --------------------------------------------------------------------------------------------- loading


BUILTIN_ORIGIN = "builtin:policy.toml"


@functools.cache
def shipped_parameter_keys() -> frozenset[str]:
    """The parameters the shipped ``policy.toml`` defines: exactly those the rules read (measures look
    parameters up by these keys), so a policy file may define no others."""
    data = tomllib.loads(default_policy_bytes().decode("utf-8-sig"))
    return frozenset(f"{group}.{name}" for group, table in data.items() if group != "meta" for name in table)


def default_policy_bytes() -> bytes:
    return resources.files("wenjiuye_cli.policy").joinpath("policy.toml").read_bytes()


def load_policy(path: Path | None = None, overrides: Iterable[str] = ()) -> Policy:
    """Read and validate a policy file (the shipped one when ``path`` is None), then apply ``--set``s."""
    if path is None:
        raw, origin = default_policy_bytes(), BUILTIN_ORIGIN
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PolicyFileError(path, exc.strerror or str(exc)) from None
        origin = str(path)
    policy = parse_policy(raw, origin)
    for assignment in overrides:
        apply_override(policy, assignment)
    check_overrides_consistent(policy)
    return policy


def parse_policy(raw: bytes, origin: str) -> Policy:
    data = parse_toml_document(raw, origin)
    meta, params = validate_policy_data(data, origin)
    if origin != BUILTIN_ORIGIN:
        missing = sorted(shipped_parameter_keys() - set(params))
        if missing:
            raise PolicyError(
                f"{origin}: parameters the rules need are missing: {', '.join(missing)}",
                f"{origin}：缺少规则需要的参数：{', '.join(missing)}",
            )
    policy = Policy(meta=meta, parameters=params, sha256=hashlib.sha256(raw).hexdigest(), origin=origin)
    problem = cross_parameter_problem(policy)
    if problem is not None:
        raise PolicyError(f"{origin}: {problem[1]}", f"{origin}：{problem[0]}")
    return policy


def parse_toml_document(raw: bytes, origin: str) -> dict[str, Any]:
    """A policy or reform file as parsed TOML (numbers with a point as Decimal), or a :class:`PolicyError`
    saying why not: not UTF-8, not TOML, an integer too long to read, nesting deeper than any policy."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError(f"{origin}: not UTF-8 text", f"{origin}：不是 UTF-8 文本") from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{origin}: not valid TOML: {exc}", f"{origin}：TOML 格式错误：{exc}") from None
    except RecursionError:
        raise PolicyError(
            f"{origin}: not valid TOML: nested too deeply", f"{origin}：TOML 格式错误：嵌套过深"
        ) from None
    except ValueError:  # an integer of more digits than Python reads (tomllib has no parse_int)
        line = long_integer_line(text)
        where = f"line {line}: " if line else ""
        where_zh = f"第 {line} 行" if line else ""
        raise PolicyError(
            f"{origin}: not valid TOML: {where}an integer of more than {INT_DIGITS} digits",
            f"{origin}：TOML 格式错误：{where_zh}整数超过 {INT_DIGITS} 位",
        ) from None
    problem = structure_problem(data)
    if problem is not None:
        path, zh, en = problem
        raise PolicyError(f"{origin}: {path}: {en}", f"{origin}：{path}：{zh}")
    return data


def validate_policy_data(data: Mapping[str, Any], origin: str) -> tuple[PolicyMeta, dict[str, Parameter]]:
    if "meta" not in data:
        raise PolicyError(f"{origin}: missing [meta] table")
    try:
        meta = PolicyMeta.model_validate(data["meta"])
    except ValidationError as exc:
        raise PolicyError(_describe(origin, "meta", exc)) from None
    # The shipped file defines the known keys; checking it against itself would only parse it twice.
    known = None if origin == BUILTIN_ORIGIN else shipped_parameter_keys()
    params = validate_parameters(data, origin, skip=("meta",), known=known)
    return meta, params


def validate_parameters(
    data: Mapping[str, Any],
    origin: str,
    skip: tuple[str, ...] = (),
    partial: bool = False,
    known: Collection[str] | None = None,
) -> dict[str, Parameter]:
    """Validate the ``[group.name]`` tables of a policy (or, with ``partial``, of a reform file).

    With ``known``, a parameter not in it is an error naming it and the closest known key."""
    params: dict[str, Parameter] = {}
    for group, table in data.items():
        if group in skip:
            continue
        if not isinstance(table, dict) or not _is_identifier(group):
            raise PolicyError(f"{origin}: {group}: expected a table of parameters [{group}.name]")
        for name, body in table.items():
            key = f"{group}.{name}"
            if not isinstance(body, dict) or not _is_identifier(name):
                raise PolicyError(f"{origin}: {key}: expected a parameter table with unit, values, …")
            if known is not None and key not in known:
                zh_hint, hint = did_you_mean(key, known)
                raise PolicyError(
                    f"{origin}: {key}: unknown parameter: the rules read no such parameter{hint}",
                    f"{origin}：{key}：未知参数，规则不读取这个参数{zh_hint}",
                )
            if partial:
                params[key] = body  # type: ignore[assignment]  # merged and validated by the caller
                continue
            try:
                params[key] = Parameter.model_validate(body)
            except ValidationError as exc:
                raise PolicyError(_describe(origin, key, exc)) from None
    return params


_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


def _is_identifier(name: str) -> bool:
    return bool(_IDENT.match(name))


def _describe(origin: str, key: str, exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"] if not _is_type_tag(str(p)))
        where = f"{key}.{loc}" if loc else key
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not part of the policy file format)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        parts.append(f"{where}: {msg}")
    # Union members each report the same failure; show each message once.
    unique = list(dict.fromkeys(parts))
    return f"{origin}: " + "; ".join(unique[:5])


def _is_type_tag(part: str) -> bool:
    # pydantic puts union member names (e.g. 'DatedValue', 'decimal') into error locations.
    return part in {"DatedValue", "decimal", "int", "date", "str", "bool", "function-after[_consistent()]"}


# ------------------------------------------------------------------------------------------- overrides

_ASSIGNMENT = re.compile(
    r"^(?P<key>[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)(?:@(?P<date>\d{4}-\d{2}-\d{2}))?=(?P<v>.*)$"
)


def parse_scalar(param: Parameter, text: str, key: str) -> Value:
    """Parse a command-line value for ``param`` by its unit; errors name the key and the expected type."""
    text = text.strip()
    unit = param.unit
    try:
        if unit in DECIMAL_UNITS:
            percent = text.endswith("%")
            number = Decimal(text[:-1] if percent else text)
            if not number.is_finite():
                raise InvalidOperation
            if percent:  # checked first: 1E+999999999% would overflow the division
                _checked_number(unit, number / 100 if number <= 10**9 else number, key, text)
                number /= 100
            return _checked_number(unit, number, key, text)
        if unit in INTEGER_UNITS:
            return _checked_number(unit, int(text), key, text)
        if unit == "date":
            return date.fromisoformat(text)
        if unit == "flag":
            lowered = text.lower()
            if lowered in {"true", "yes", "1", "是"}:
                return True
            if lowered in {"false", "no", "0", "否"}:
                return False
            raise ValueError
    except (ValueError, InvalidOperation):
        raise PolicyError(
            f"--set {key}: {text!r} is not valid for unit {unit!r}",
            f"--set {key}：{text!r} 不符合单位 {unit!r}",
        ) from None
    if param.choices and text in param.choices:
        return text
    raise PolicyError(
        f"--set {key}: {text!r} is not one of {param.choices}",
        f"--set {key}：{text!r} 不是 {param.choices} 之一",
    )


def _checked_number(unit: str, number: Decimal | int, key: str, text: str) -> Decimal | int:
    problem = number_problem(unit, number)
    if problem is not None:
        raise PolicyError(f"--set {key}={text}: {problem[1]}", f"--set {key}={text}：{problem[0]}")
    return number


def apply_override(policy: Policy, assignment: str) -> None:
    """Apply ``key=VALUE`` (the value for every date) or ``key@YYYY-MM-DD=VALUE`` (from that date on)."""
    match = _ASSIGNMENT.match(assignment.strip())
    if not match:
        raise PolicyError(
            f"--set {assignment!r}: expected group.name=VALUE or group.name@YYYY-MM-DD=VALUE",
            f"--set {assignment!r}：应写成 group.name=VALUE 或 group.name@YYYY-MM-DD=VALUE",
        )
    key = match["key"]
    param = policy.parameter(key)
    value = parse_scalar(param, match["v"], key)
    if match["date"]:
        try:
            start = date.fromisoformat(match["date"])
        except ValueError as exc:
            raise PolicyError(
                f"--set {assignment.strip()}: {match['date']} is not a valid date (YYYY-MM-DD): {exc}",
                f"--set {assignment.strip()}：{match['date']} 不是有效日期（YYYY-MM-DD）",
            ) from None
        kept: dict[date, Any] = {}
        for day, raw in param.values.items():
            if day >= start:
                continue
            if isinstance(raw, DatedValue) and raw.until is not None and raw.until >= start:
                # The earlier value now ends the day before the override starts.
                raw = DatedValue(value=raw.value, until=start - timedelta(days=1))
            kept[day] = raw
        new_values: dict[date, Any] = {**kept, start: value}
    else:
        new_values = {min(param.values): value}
    try:
        updated = Parameter.model_validate({**param.model_dump(exclude={"values"}), "values": new_values})
    except ValidationError as exc:
        raise PolicyError(_describe("--set", key, exc)) from None
    replace_parameter(policy, key, updated)
    policy.overrides.append(assignment.strip())


def replace_parameter(policy: Policy, key: str, param: Parameter) -> None:
    policy.parameters[key] = param
    policy._index(key, param)


# ------------------------------------------------------------------------------ cross-parameter checks

# (earlier, later): dates that must be in this order on every day both are in force.
ORDERED_DATES: tuple[tuple[str, str], ...] = (("general.policy_start", "general.policy_end"),)
DENOMINATOR_SUFFIX = "_denominator"


def cross_parameter_problem(policy: Policy) -> tuple[str, str] | None:
    """Why the parameters contradict each other — (zh, en) — or None. Checked when a policy file is
    loaded and once all its reforms and ``--set``s are applied (not after each one: moving both ends of
    a range one ``--set`` at a time may pass through a state that is never used)."""
    for first, second in ORDERED_DATES:
        if first not in policy.parameters or second not in policy.parameters:
            continue
        starts = {*policy.changes_between(first, date.min, date.max)}
        starts.update(policy.changes_between(second, date.min, date.max))
        for day in sorted(starts):
            try:
                start, end = policy.value(first, day), policy.value(second, day)
            except ParameterNotInForce:
                continue
            if isinstance(start, date) and isinstance(end, date) and end < start:
                return (
                    f"{second}（{end.isoformat()}）早于 {first}（{start.isoformat()}）",
                    f"{second} ({end.isoformat()}) is before {first} ({start.isoformat()})",
                )
    # A share written as numerator/denominator (flexible_insurance.*_share_denominator): never 0.
    for key, param in policy.parameters.items():
        if key.endswith(DENOMINATOR_SUFFIX):
            for start, _until, value in param.entries():
                if value == 0:
                    return (
                        f"{key}（{start.isoformat()} 起）是分母，不能为 0",
                        f"{key} (from {start.isoformat()}) is a denominator and cannot be 0",
                    )
    return None


def check_overrides_consistent(policy: Policy) -> None:
    """After ``--set``s: a :class:`PolicyError` naming them if they leave contradicting parameters."""
    problem = cross_parameter_problem(policy)
    if problem is not None:
        sets = " ".join(f"--set {o}" for o in policy.overrides) or policy.origin
        raise PolicyError(f"{sets}: {problem[1]}", f"{sets}：{problem[0]}")
