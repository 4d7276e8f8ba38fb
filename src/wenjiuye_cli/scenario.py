"""Reading scenario files (TOML or JSON) into applicants, with errors that name file, applicant and field.

A scenario holds ``[[applicants]]`` tables; each has ``id``, ``kind`` and facts named as in
``wenjiuye schema``. Unknown keys are errors: a misspelt fact must never silently become a missing one.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from wenjiuye_cli.engine import Applicant, facts_for_kind
from wenjiuye_cli.facts import KIND_ALIASES, KINDS, FactError, Facts
from wenjiuye_cli.limits import (
    INT_DIGITS,
    SHOWN_CHARS,
    TOO_DEEP,
    json_int,
    long_integer_line,
    shown,
    structure_problem,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, which field, and why (in both languages)."""

    source: str
    field: str | None
    zh: str
    en: str

    def text(self, lang: str) -> str:
        where = self.source if self.field is None else f"{self.source} {self.field}"
        return f"{where}: {self.zh if lang == 'zh' else self.en}"


class InputError(Exception):
    """An input (scenario file, row) is invalid. ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = problems


RESERVED = ("id", "kind")


def build_applicant(raw: Mapping[str, Any], source: str, default_kind: str | None = None) -> Applicant:
    """Validate one applicant's mapping of fact name → raw value. Raises :class:`InputError`."""
    problems: list[Problem] = []
    kind_raw = raw.get("kind")
    if kind_raw is None or (isinstance(kind_raw, str) and not kind_raw.strip()):
        kind_raw = default_kind
    kind = KIND_ALIASES.get(kind_raw.strip(), kind_raw.strip()) if isinstance(kind_raw, str) else None
    if kind not in KINDS:
        names = "、".join(f"{k}（{zh}）" for k, (zh, _en) in KINDS.items())
        problems.append(
            Problem(source, "kind", f"申请人类型应为 {names} 之一，而不是 {shown(kind_raw)}",
                    f"kind must be one of {', '.join(KINDS)}, got {shown(kind_raw)}")
        )  # fmt: skip
        raise InputError(problems)
    ident = raw.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    if ident is not None and not isinstance(ident, str):
        problems.append(
            Problem(
                source,
                "id",
                f"申请人编号应为文本，而不是 {shown(ident)}",
                f"the id must be text, got {shown(ident)}",
            )
        )
        ident = ""
    elif not isinstance(ident, str) or not ident.strip():
        problems.append(Problem(source, "id", "缺少申请人编号 id", "missing applicant id"))
        ident = ""
    specs = facts_for_kind(kind)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in RESERVED:
            continue
        spec = specs.get(name)
        if spec is None:
            problems.append(
                Problem(source, name, f"未知字段（{KINDS[kind][0]} 没有此项事实，见 wenjiuye schema）",
                        f"unknown field (not a fact of kind {kind!r}; see wenjiuye schema)")
            )  # fmt: skip
            continue
        try:
            converted = spec.convert(value)
        except FactError as exc:
            problems.append(Problem(source, name, f"{spec.label_zh}：{exc.zh}", f"{spec.label_en}: {exc.en}"))
            continue
        if converted is not None:
            values[name] = converted
    if problems:
        raise InputError(problems)
    return Applicant(id=ident.strip(), kind=kind, facts=Facts(values), source=source)


def parse_scenario_bytes(data: bytes, name: str) -> Any:
    """Parse TOML or JSON (by extension; stdin is sniffed) with Decimal numbers."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(name, None, "不是 UTF-8 文本", "not UTF-8 text")]) from None
    lower = name.lower()
    if lower.endswith(".json"):
        return _parse_json(text, name)
    if lower.endswith(".toml") or text.lstrip()[:1] not in "[{":
        return _parse_toml(text, name)
    # Sniffed (stdin, or another extension): "{" is JSON, but "[" opens a JSON list and a TOML table
    # ([[applicants]]) alike — whichever reads it is the format; when neither does, say both reasons.
    try:
        return _parse_json(text, name)
    except InputError as json_error:
        try:
            return _parse_toml(text, name)
        except InputError as toml_error:
            if text.lstrip()[:1] == "{":
                raise json_error from None
            (j,), (t,) = json_error.problems, toml_error.problems
            raise InputError(
                [Problem(name, None, f"既不是有效的 JSON（{j.zh}），也不是有效的 TOML（{t.zh}）",
                         f"neither valid JSON ({j.en}) nor valid TOML ({t.en})")]
            ) from None  # fmt: skip


def _parse_json(text: str, name: str) -> Any:
    try:
        # Integers too long for int stay Decimal: the fact holding one is rejected for its range.
        doc = json.loads(text, parse_float=Decimal, parse_int=json_int)
    except json.JSONDecodeError as exc:
        zh, en = _json_hint(text, exc)
        raise InputError(
            [Problem(name, None, f"JSON 格式错误：{exc}{zh}", f"invalid JSON: {exc}{en}")]
        ) from None
    except RecursionError:
        raise InputError([Problem(name, None, *TOO_DEEP)]) from None
    return _checked_structure(doc, name)


def _json_hint(text: str, exc: json.JSONDecodeError) -> tuple[str, str]:
    """What the usual mistake behind a JSON error is: a comma after the last item (Python and
    JavaScript allow it, JSON does not)."""
    before = text[: exc.pos].rstrip()
    if before.endswith(",") and text[exc.pos :].lstrip()[:1] in ("}", "]"):
        line = before.count("\n") + 1
        return (f"（第 {line} 行末尾的逗号后面没有下一项：JSON 中最后一项后不能有逗号，删去它）",
                f" (the comma at the end of line {line} has no item after it: JSON allows no comma after "
                "the last item; delete it)")  # fmt: skip
    return "", ""


_TOML_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_LOOSE_DATE = re.compile(r"=\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d:])")


def _parse_toml(text: str, name: str) -> Any:
    try:
        doc = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        zh, en = _toml_hint(text, str(exc))
        raise InputError(
            [Problem(name, None, f"TOML 格式错误：{exc}{zh}", f"invalid TOML: {exc}{en}")]
        ) from None
    except RecursionError:
        raise InputError([Problem(name, None, *TOO_DEEP)]) from None
    except ValueError:  # an integer of more digits than Python reads (tomllib has no parse_int)
        raise InputError([_long_integer_problem(text, name)]) from None
    return _checked_structure(doc, name)


def _long_integer_problem(text: str, name: str) -> Problem:
    line = long_integer_line(text)
    where = f"第 {line} 行" if line else ""
    where_en = f"line {line}: " if line else ""
    return Problem(
        name,
        None,
        f"TOML 格式错误：{where}整数超过 {INT_DIGITS} 位",
        f"invalid TOML: {where_en}an integer of more than {INT_DIGITS} digits",
    )


def _checked_structure(doc: Any, name: str) -> Any:
    """Nesting deeper than any scenario needs, or a lone surrogate, is rejected naming the place."""
    problem = structure_problem(doc)
    if problem is not None:
        path, zh, en = problem
        raise InputError([Problem(name, path or None, zh, en)])
    return doc


def _toml_hint(text: str, message: str) -> tuple[str, str]:
    """What the usual mistake behind a TOML error is: a date written as people write it (2021-3-15,
    2021/3/15), where TOML needs four-two-two digits (2021-03-15)."""
    at = _TOML_AT_LINE.search(message)
    if at is None:
        return "", ""
    lines = text.splitlines()
    number = int(at.group(1))
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    date = _LOOSE_DATE.search(line)
    if date is None:
        return "", ""
    year, month, day = date.groups()
    written = date.group(0).lstrip("= \t")
    fixed = f"{year}-{int(month):02d}-{int(day):02d}"
    if written == fixed:  # the date is fine: the mistake is elsewhere on the line
        return "", ""
    return (f"（第 {number} 行的日期 {written} 应写作 {fixed}：TOML 日期的月、日各两位，用 - 分隔）",
            f" (the date {written} on line {number} must be written {fixed}: a TOML date has two-digit "
            "months and days, separated by -)")  # fmt: skip


def read_scenario(data: bytes, name: str) -> list[Applicant]:
    """All applicants of one scenario file; every problem in the file is reported at once."""
    doc = parse_scenario_bytes(data, name)
    if isinstance(doc, list):
        doc = {"applicants": doc}
    if not isinstance(doc, dict) or not isinstance(doc.get("applicants"), list):
        raise InputError(
            [
                Problem(
                    name,
                    None,
                    "缺少 applicants 列表（[[applicants]]）",
                    "expected an 'applicants' list ([[applicants]])",
                )
            ]
        )
    extra = set(doc) - {"applicants", "description", "title"}
    problems = [Problem(name, key, "未知的顶层字段", "unknown top-level key") for key in sorted(extra)]
    applicants: list[Applicant] = []
    for index, raw in enumerate(doc["applicants"], start=1):
        label = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(label, str | int) or isinstance(label, bool):
            label = None
        elif len(str(label)) > SHOWN_CHARS:
            label = str(label)[: SHOWN_CHARS - 1] + "…"
        source = f"{name} applicants[{index}]" + (f" ({label})" if label else "")
        if not isinstance(raw, dict):
            problems.append(Problem(source, None, "应为一张表", "expected a table"))
            continue
        try:
            applicants.append(build_applicant(raw, source))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return applicants


def read_scenario_files(paths: list[str], stdin: BinaryIO) -> Iterator[Applicant]:
    for path in paths:
        if path == "-":
            yield from read_scenario(stdin.read(), "<stdin>")
        else:
            yield from read_scenario(Path(path).read_bytes(), path)
