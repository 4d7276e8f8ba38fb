"""Reforms: partial policy files that change some parameters for a what-if run.

A reform file has the same ``[group.name]`` tables as ``policy.toml`` but gives only what changes::

    [reform]                                  # optional: what the reform is
    title = "房屋租金补贴上限提高到3000元"
    title_en = "raise the house-rent cap to 3000 yuan"

    [rent_subsidy.house_cap_monthly]
    unit = "yuan/month"                       # optional; if given it must equal the baseline unit
    values = { 2020-06-30 = 3000 }            # dated values, exactly as in policy.toml
    source = "what-if: proposal 2025-03"      # optional: where the new value comes from

Rules (checked for the whole file before anything changes; the first problem is a :class:`ReformError`
naming the file and the key, in Chinese and English):

- every ``[group.name]`` must already exist in the baseline policy (a reform never adds parameters);
- a table may give ``values`` (required) and may restate ``unit`` (it must match), and may replace
  ``interpretation`` (when a reform picks another reading of an ambiguous word the old reading's text
  would be wrong), ``source`` and ``reference`` (where the new value comes from). Nothing else: the
  description, article, tasks, department, certainty and choices of a parameter are the policy's, not
  the reform's;
- each value has the type its unit needs (a number for yuan and ratios, a whole number for months,
  persons, …, a date, true/false, one of the choices), is not negative and, for money, has at most 2
  decimal places (the same :func:`~wenjiuye_cli.policy.number_problem` as policy files and ``--set``);
  date ranges do not overlap; the reformed policy — after every reform and ``--set`` (``with_reforms``)
  — does not contradict itself (``general.policy_end`` not before ``general.policy_start``).

Merge semantics: a reform's ``values`` replace the parameter's values *from the reform's earliest date
on*. Baseline values that start before that date are kept (one that would run past it with ``until``
is cut to end the day before). So ``values = { 2020-06-30 = 3000 }`` replaces the whole history of a
parameter that starts on 2020-06-30, while ``values = { 2023-01-01 = 3000 }`` changes it only from 2023.

Several reforms apply in order, each on the result of the previous one; ``--set`` overrides apply last
(:func:`with_reforms`). Applying a reform never touches the policy it is given: it returns a new
:class:`~wenjiuye_cli.policy.Policy` whose ``reforms`` list records ``{"file", "sha256"}``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wenjiuye_cli.errors import UserError
from wenjiuye_cli.limits import shown
from wenjiuye_cli.money import fmt_number, shown_number
from wenjiuye_cli.policy import (
    DECIMAL_UNITS,
    INTEGER_UNITS,
    DatedValue,
    Parameter,
    Policy,
    PolicyError,
    Value,
    apply_override,
    check_overrides_consistent,
    cross_parameter_problem,
    did_you_mean,
    number_problem,
    parse_toml_document,
    replace_parameter,
)

REFORM_TABLE = "reform"
REFORM_META_FIELDS = frozenset({"title", "title_en", "description", "description_en"})
# What a reform table may contain. ``unit`` only restates the baseline unit (a guard for the author).
REPLACEABLE_FIELDS = ("interpretation", "source", "reference")
ALLOWED_FIELDS = frozenset({"values", "unit", *REPLACEABLE_FIELDS})


class ReformError(UserError, PolicyError):
    """A reform file (or reform data) is invalid. ``zh``/``en`` name the file, the key and the reason."""


@dataclass(frozen=True, slots=True)
class ReformChange:
    """One validated ``[group.name]`` table of a reform: its dated values and replaced texts."""

    key: str
    values: dict[date, DatedValue | Value]
    texts: dict[str, str]


# ------------------------------------------------------------------------------------------ public API


def copy_policy(policy: Policy) -> Policy:
    """A new Policy with the same parameters; changing it (or its lists) leaves ``policy`` untouched.

    Parameters are frozen pydantic models, so sharing them is safe; the dicts and lists are new.
    """
    return Policy(
        meta=policy.meta,
        parameters=dict(policy.parameters),
        sha256=policy.sha256,
        origin=policy.origin,
        overrides=list(policy.overrides),
        reforms=[dict(r) for r in policy.reforms],
    )


def apply_reform_file(policy: Policy, path: Path) -> Policy:
    """Validate the reform file at ``path`` and return a new Policy with it applied (``policy`` unchanged)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReformError(
            f"{path}: 无法读取改革方案文件：{reason}", f"{path}: cannot read reform file: {reason}"
        ) from None
    try:
        data = parse_toml_document(raw, str(path))
    except PolicyError as exc:
        raise ReformError(exc.zh, str(exc)) from None
    return apply_reform_data(policy, data, str(path), sha256=hashlib.sha256(raw).hexdigest())


def apply_reform_data(
    policy: Policy, data: Mapping[str, Any], name: str, sha256: str | None = None
) -> Policy:
    """Validate reform ``data`` (parsed TOML: ``{group: {name: {values: ...}}}``) and apply it to a copy.

    ``name`` is what messages and the stamp call the reform. ``sha256`` defaults to the hash of the
    data's canonical JSON form (sorted keys), so the same data always gets the same hash.
    """
    changes = validate_reform(policy, data, name)
    reformed = copy_policy(policy)
    for change in changes:
        base = policy.parameters[change.key]
        merged = merge_values(base, change.values)
        body = {**base.model_dump(exclude={"values"}), **change.texts, "values": merged}
        try:
            param = Parameter.model_validate(body)
        except ValidationError as exc:
            reasons = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors(include_url=False))
            raise ReformError(
                f"{name}: {change.key}：{reasons}", f"{name}: {change.key}: {reasons}"
            ) from None
        replace_parameter(reformed, change.key, param)
    digest = sha256 if sha256 is not None else canonical_sha256(data)
    record = {"file": name, "sha256": digest}
    title = reform_about(data).get("title")
    if title:
        record["title"] = title
    reformed.reforms.append(record)
    return reformed


def with_reforms(policy: Policy, reform_files: Iterable[Path] = (), overrides: Iterable[str] = ()) -> Policy:
    """Apply reform files in order, then ``--set`` overrides; always returns a new Policy.

    This is the one-liner for a command that takes ``--reform`` and ``--set``::

        policy = with_reforms(load_policy(policy_file), reforms or [], sets or [])
    """
    result = copy_policy(policy)
    files = list(reform_files)
    for path in files:
        result = apply_reform_file(result, path)
    for assignment in overrides:
        apply_override(result, assignment)
    # Parameters that must agree (policy_end not before policy_start) are checked once, on the result:
    # one reform or --set may move one end before another moves the other, in any order.
    if result.overrides:
        check_overrides_consistent(result)  # names the --sets
        return result
    problem = cross_parameter_problem(result)
    if problem is not None:
        names = "、".join(map(str, files)), ", ".join(map(str, files))
        raise ReformError(f"{names[0]}：{problem[0]}", f"{names[1]}: {problem[1]}")
    return result


def canonical_sha256(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_json_default, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return fmt_number(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def reform_about(data: Mapping[str, Any]) -> dict[str, str]:
    """The optional ``[reform]`` table (title, description) of reform data."""
    about = data.get(REFORM_TABLE)
    return {k: v for k, v in about.items() if isinstance(v, str)} if isinstance(about, dict) else {}


# ------------------------------------------------------------------------------------------ validation


def validate_reform(policy: Policy, data: Mapping[str, Any], name: str) -> list[ReformChange]:
    """Check reform ``data`` against ``policy``; raises :class:`ReformError` on the first problem."""
    if not isinstance(data, Mapping):
        raise ReformError(f"{name}: 应为参数表", f"{name}: expected tables of parameters")
    groups = {key.partition(".")[0] for key in policy.parameters}
    changes: list[ReformChange] = []
    for group, table in data.items():
        if group == REFORM_TABLE and group not in groups:
            _check_about(table, name)
            continue
        if group not in groups:
            zh_hint, en_hint = did_you_mean(group, groups)
            raise ReformError(
                f"{name}: [{group}]：基准政策中没有这个参数分组，改革方案不能新增参数{zh_hint}",
                f"{name}: [{group}]: no such parameter group in the baseline policy; "
                f"a reform cannot add parameters{en_hint}",
            )
        if not isinstance(table, dict):
            raise ReformError(
                f"{name}: {group}：应为参数表 [{group}.名称]",
                f"{name}: {group}: expected [{group}.name] tables",
            )
        if not table:
            raise ReformError(
                f"{name}: [{group}]：没有给出任何参数", f"{name}: [{group}]: no parameters given"
            )
        for param_name, body in table.items():
            key = f"{group}.{param_name}"
            changes.append(_validate_table(policy, key, body, name))
    if not changes:
        raise ReformError(f"{name}: 改革方案没有改变任何参数", f"{name}: the reform changes no parameter")
    return changes


def _check_about(table: object, name: str) -> None:
    if not isinstance(table, dict):
        raise ReformError(f"{name}: [reform] 应为表", f"{name}: [reform] must be a table")
    for field, value in table.items():
        if field not in REFORM_META_FIELDS:
            allowed = ", ".join(sorted(REFORM_META_FIELDS))
            raise ReformError(
                f"{name}: reform.{field}：未知字段（可用：{allowed}）",
                f"{name}: reform.{field}: unknown key (allowed: {allowed})",
            )
        if not isinstance(value, str):
            raise ReformError(f"{name}: reform.{field}：应为文本", f"{name}: reform.{field}: must be text")


def _validate_table(policy: Policy, key: str, body: object, name: str) -> ReformChange:
    base = policy.parameters.get(key)
    if base is None:
        zh_hint, en_hint = did_you_mean(key, policy.parameters)
        raise ReformError(
            f"{name}: {key}：基准政策中没有这个参数，改革方案不能新增参数{zh_hint}",
            f"{name}: {key}: no such parameter in the baseline policy; a reform cannot add parameters{en_hint}",
        )
    if not isinstance(body, dict):
        raise ReformError(
            f"{name}: {key}：应为参数表（values = {{ 日期 = 取值 }}）",
            f"{name}: {key}: expected a table with values = {{ DATE = VALUE }}",
        )
    for field in body:
        if field not in ALLOWED_FIELDS:
            allowed = "values, unit, " + ", ".join(REPLACEABLE_FIELDS)
            if field in Parameter.model_fields:
                zh_reason, en_reason = "改革方案不能修改此项", "a reform may not change this"
            else:
                zh_reason, en_reason = "未知字段", "unknown key"
            raise ReformError(
                f"{name}: {key}.{field}：{zh_reason}（改革方案可写：{allowed}）",
                f"{name}: {key}.{field}: {en_reason} (a reform may give: {allowed})",
            )
    if "unit" in body and body["unit"] != base.unit:
        raise ReformError(
            f"{name}: {key}.unit：基准单位为 {base.unit!r}，改革方案不能改变单位（写的是 {body['unit']!r}）",
            f"{name}: {key}.unit: the baseline unit is {base.unit!r}; a reform cannot change units "
            f"(got {body['unit']!r})",
        )
    texts: dict[str, str] = {}
    for field in REPLACEABLE_FIELDS:
        if field in body:
            text = body[field]
            if not isinstance(text, str) or not text.strip():
                raise ReformError(
                    f"{name}: {key}.{field}：应为非空文本", f"{name}: {key}.{field}: must be text"
                )
            texts[field] = text
    if "values" not in body:
        raise ReformError(
            f"{name}: {key}：缺少 values（values = {{ 日期 = 取值 }}）",
            f"{name}: {key}: missing values (values = {{ DATE = VALUE }})",
        )
    values = _validate_values(base, key, body["values"], name)
    return ReformChange(key, values, texts)


def _validate_values(base: Parameter, key: str, raw: object, name: str) -> dict[date, DatedValue | Value]:
    where = f"{name}: {key}.values"
    if not isinstance(raw, dict) or not raw:
        raise ReformError(
            f"{where}：应为 {{ 日期 = 取值 }} 表，至少一项",
            f"{where}: expected {{ DATE = VALUE }} with at least one",
        )
    out: dict[date, DatedValue | Value] = {}
    spans: list[tuple[date, date | None]] = []
    for text, item in raw.items():
        try:
            start = date.fromisoformat(str(text))
        except ValueError:
            raise ReformError(
                f"{where}：{text!r} 不是日期（应为 YYYY-MM-DD）",
                f"{where}: {text!r} is not a date (YYYY-MM-DD)",
            ) from None
        until: date | None = None
        if isinstance(item, dict):
            extra = set(item) - {"value", "until"}
            if extra or "value" not in item:
                raise ReformError(
                    f"{where}.{text}：应为取值或 {{ value = ..., until = 日期 }}",
                    f"{where}.{text}: expected a value or {{ value = ..., until = DATE }}",
                )
            until_raw = item.get("until")
            if until_raw is not None and (not isinstance(until_raw, date) or isinstance(until_raw, datetime)):
                raise ReformError(f"{where}.{text}.until：应为日期", f"{where}.{text}.until: must be a date")
            until = until_raw
            value = item["value"]
        else:
            value = item
        if isinstance(value, float):  # from Python callers; TOML is parsed with parse_float=Decimal
            value = Decimal(repr(value))
        _check_value(base, value, f"{where}.{text}")
        out[start] = DatedValue(value=value, until=until) if until is not None else value
        spans.append((start, until))
    spans.sort()
    for start, until in spans:
        if until is not None and until < start:
            raise ReformError(
                f"{where}：{start} 起的取值在开始前就结束（{until}）",
                f"{where}: the value from {start} ends before it starts ({until})",
            )
    for (start, until), (next_start, _next_until) in itertools.pairwise(spans):
        if until is not None and until >= next_start:
            raise ReformError(
                f"{where}：日期区间重叠：{start} 起的取值到 {until}，而下一个取值 {next_start} 已开始",
                f"{where}: date ranges overlap: the value from {start} runs until {until}, "
                f"but the next value starts on {next_start}",
            )
    return out


def _check_value(base: Parameter, value: object, where: str) -> None:
    unit = base.unit
    ok: bool
    if unit in DECIMAL_UNITS:
        ok = isinstance(value, Decimal | int) and not isinstance(value, bool)
        zh, en = "数字", "a number"
        if ok and isinstance(value, Decimal) and not value.is_finite():
            ok = False
    elif unit in INTEGER_UNITS:
        ok = isinstance(value, int) and not isinstance(value, bool)
        zh, en = "整数", "a whole number"
    elif unit == "date":
        ok = isinstance(value, date) and not isinstance(value, datetime)
        zh, en = "日期（YYYY-MM-DD，不加引号）", "a date (YYYY-MM-DD, unquoted)"
    elif unit == "flag":
        ok = isinstance(value, bool)
        zh, en = "true 或 false", "true or false"
    else:  # choice
        ok = isinstance(value, str) and value in (base.choices or [])
        zh = en = f"{' / '.join(base.choices or [])}"
        zh, en = f"以下之一：{zh}", f"one of {en}"
    if not ok:
        raise ReformError(
            f"{where}：单位 {unit!r} 需要{zh}，而不是 {_show(value)}",
            f"{where}: unit {unit!r} needs {en}, got {_show(value)}",
        )
    problem = number_problem(unit, value)
    if problem is not None:
        zh, en = problem
        raise ReformError(f"{where}：{zh}（{_show(value)}）", f"{where}: {en} ({_show(value)})")


def _show(value: object) -> str:
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return shown_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return shown(value)


# ------------------------------------------------------------------------------------------------ merge


def merge_values(base: Parameter, new: Mapping[date, DatedValue | Value]) -> dict[date, DatedValue | Value]:
    """Baseline values before the reform's earliest date (cut to end before it), then the reform's."""
    first = min(new)
    kept: dict[date, DatedValue | Value] = {}
    for start, until, value in base.entries():
        if start >= first:
            continue
        if until is not None and until >= first:
            until = first - timedelta(days=1)
        kept[start] = DatedValue(value=value, until=until) if until is not None else value
    return {**kept, **dict(sorted(new.items()))}


# ------------------------------------------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class ParameterChange:
    """A parameter that differs between two policies: its entries and texts before and after."""

    key: str
    before: Parameter
    after: Parameter
    fields: tuple[str, ...]  # "values" and/or the replaced text fields

    @property
    def entries_before(self) -> list[tuple[date, date | None, Value]]:
        return self.before.entries()

    @property
    def entries_after(self) -> list[tuple[date, date | None, Value]]:
        return self.after.entries()


def diff_policies(baseline: Policy, changed: Policy) -> list[ParameterChange]:
    """Parameters whose values (or replaced texts) differ, in the baseline file's order."""
    out: list[ParameterChange] = []
    for key, before in baseline.parameters.items():
        after = changed.parameters.get(key)
        if after is None or after is before:
            continue
        fields: list[str] = []
        if before.entries() != after.entries():
            fields.append("values")
        fields.extend(f for f in REPLACEABLE_FIELDS if getattr(before, f) != getattr(after, f))
        if fields:
            out.append(ParameterChange(key, before, after, tuple(fields)))
    return out


def plain_value(value: Value) -> str | int | bool:
    """A parameter value as JSON shows it: numbers as plain decimal strings, dates ISO."""
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return fmt_number(value)


def entries_json(entries: Sequence[tuple[date, date | None, Value]]) -> list[dict[str, Any]]:
    return [
        {"from": s.isoformat(), "until": u.isoformat() if u else None, "value": plain_value(v)}
        for s, u, v in entries
    ]


def change_dict(change: ParameterChange) -> dict[str, Any]:
    p = change.before
    doc: dict[str, Any] = {
        "key": change.key,
        "description": p.description,
        "description_en": p.description_en,
        "unit": p.unit,
        "article": p.article,
        "tasks": list(p.tasks),
        "department": p.department,
        "changed": list(change.fields),
        "before": entries_json(change.entries_before),
        "after": entries_json(change.entries_after),
    }
    for field in REPLACEABLE_FIELDS:
        if field in change.fields:
            doc[f"{field}_before"] = getattr(change.before, field)
            doc[f"{field}_after"] = getattr(change.after, field)
    return doc
