"""A blank applicant list to fill in: ``wenjiuye schema --template KIND -o 模板.xlsx`` (or ``.csv``).

The headers are those the batch reader accepts (:func:`wenjiuye_cli.batch.header_targets`): each fact's
Chinese label (its English name with ``--lang en``, or where a label is shared by two facts), in the order
a person fills a row in:

1. ``序号`` (the row's number, as office lists begin), ``编号`` (the applicant's id) and ``类型`` (the
   kind: the reader needs it unless ``--kind`` is given);
2. ``姓名`` and ``身份证号`` for a person (an applicant, a person hired, an intern): carried through to
   the results, never read by a rule;
3. the kind's facts (:func:`wenjiuye_cli.engine.facts_for_kind`): the common ones, then each measure's.

xlsx (xlsxwriter): the 编号, 姓名 and 身份证号 columns and the text facts are formatted as text, so that
``0012345`` and an 18-digit 身份证号 keep every digit when typed; dates are formatted as dates, amounts
to the fen; yes/no facts and choices have a drop-down list (a warning, not a refusal, for other values
the reader accepts such as ``Y``); selecting a cell shows what to type. The header row is frozen with
the 编号 column, the widths fit the headers, and a second sheet, 填写说明 (``columns``), explains each
column: its header, name, type, unit or format, allowed values, what it means and the articles that
read it. CSV: the header line, UTF-8 with a BOM in a file (what Excel needs), without one on stdout.

A blank cell means "not known", never zero: a measure that needs it says it cannot decide.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from wenjiuye_cli.batch import EVERYDAY_HEADERS, ID_HEADERS, KIND_HEADERS, header_targets, parse_kind
from wenjiuye_cli.engine import facts_for_kind, registry
from wenjiuye_cli.errors import UserError
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import EARLIEST_DATE, KINDS, LATEST_DATE, FactSpec
from wenjiuye_cli.io.atomic import AtomicTextFile
from wenjiuye_cli.io.tabular import normalise_header
from wenjiuye_cli.policy.articles import citation

TemplateFormat = Literal["xlsx", "csv"]
SUFFIXES: dict[str, TemplateFormat] = {".xlsx": "xlsx", ".csv": "csv"}
PERSON_KINDS = frozenset({"person", "hire", "intern"})  # rows that are people: 姓名 and 身份证号
SHEET = {"zh": "申请人名单", "en": "applicants"}
HELP_SHEET = {"zh": "填写说明", "en": "columns"}
FORMATTED_ROWS = 10_000  # rows given a drop-down list or a check (the column formats cover every row)
MAX_MEASURES_LISTED = 4  # a fact read by more measures says how many instead of naming them all

TYPE_NAMES: dict[str, tuple[str, str]] = {
    "id": ("编号（文字）", "id (text)"),
    "kind": ("申请人类型", "kind of applicant"),
    "text": ("文字", "text"),
    "bool": ("是/否", "yes/no"),
    "int": ("整数", "whole number"),
    "money": ("金额", "amount"),
    "ratio": ("比例", "ratio"),
    "date": ("日期", "date"),
    "choice": ("选项", "choice"),
    "firms": ("在孵企业列表", "list of incubated firms"),
}


class TemplateError(UserError):
    """A template that cannot be written as asked (an unknown kind or extension)."""

    code = ExitCode.USAGE


@dataclass(frozen=True)
class Column:
    """One column of the template: its header and what the explanation sheet says of it."""

    header: str  # as written in the header row: accepted by the batch reader
    name: str  # id, kind, a fact's name, or the everyday header itself (序号, 姓名, 身份证号)
    type: str  # a key of TYPE_NAMES
    label: str
    help: str
    unit: str
    choices: tuple[str, ...]  # allowed values as typed (a drop-down list in xlsx)
    articles: str  # the articles (and 附件1 task numbers) whose measures read it
    text: bool  # formatted as text in xlsx (ids, names, 身份证号, text facts)


def template_kind(raw: str) -> str:
    """``person``, ``个人``, ``individual`` … → the kind's key; :class:`TemplateError` for anything else."""
    kind = parse_kind(raw)
    if kind is None:
        known = ", ".join(KINDS)
        raise TemplateError(
            f"未知类型 {raw!r}，应为 {known} 之一（或其中文名，如 个人）",
            f"unknown kind {raw!r}; one of {known} (or its Chinese name, e.g. 个人)",
        )
    return kind


def template_format(path: Path) -> TemplateFormat:
    """The format ``path``'s extension names; :class:`TemplateError` for any other."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise TemplateError(
            f"模板“{path.name}”的扩展名应为 .xlsx 或 .csv",
            f"template {path.name!r}: the extension must be .xlsx or .csv",
        )
    return fmt


def _fact_header(spec: FactSpec, lang: str) -> str:
    """The Chinese label when the reader takes it for this fact (a label two facts share is not), else the
    English name."""
    if lang == "zh":
        targets, _ = header_targets()
        if targets.get(normalise_header(spec.label_zh)) == spec.name:
            return spec.label_zh
    return spec.name


def _unit(spec: FactSpec, lang: str) -> str:
    zh, en = {
        "money": ("元，可到分（如 2500 或 2500.50）", "yuan, to the fen (2500 or 2500.50)"),
        "ratio": (
            "0 到 1 的小数或百分数，如 0.055 或 5.5%",
            "a decimal from 0 to 1 or a percentage: 0.055 or 5.5%",
        ),
        "date": ("日期，如 2021-03-15", "a date such as 2021-03-15"),
        "bool": ("是 或 否", "是 or 否 (also yes/no, Y/N, true/false)"),
        "choice": ("从下拉列表中选", "pick from the list"),
        "firms": (
            "每家企业写 经营月数/带动就业人数，以分号分隔，如 14/3; 12/1；没有写 无",
            "each firm as months operating/jobs created, separated by ';': 14/3; 12/1; none: 无",
        ),
    }.get(spec.type, ("", ""))
    if spec.type == "int":
        if spec.name.endswith("_months"):
            zh, en = "月（整数）", "months (whole number)"
        elif spec.name.endswith("_age"):
            zh, en = "岁（整数）", "years of age (whole number)"
        else:
            zh, en = "整数", "whole number"
    return zh if lang == "zh" else en


def _choices(spec: FactSpec, lang: str) -> tuple[str, ...]:
    if spec.type == "bool":
        return ("是", "否")
    if spec.type == "choice":
        return tuple(labels[0] if lang == "zh" else value for value, labels in spec.choices.items())
    return ()


def _articles(kind: str, lang: str) -> dict[str, str]:
    """Fact name → the measures (of ``kind``) that read it, as citations."""
    used: dict[str, list[str]] = {}
    for measure in registry():
        if kind in measure.kinds:
            for spec in measure.facts:
                used.setdefault(spec.name, []).append(
                    f"{measure.name(lang)}（{citation(measure.article, measure.tasks, lang)}）"
                    if lang == "zh"
                    else f"{measure.name(lang)} ({citation(measure.article, measure.tasks, lang)})"
                )
    out: dict[str, str] = {}
    for name, cited in used.items():
        if len(cited) > MAX_MEASURES_LISTED:
            out[name] = f"{len(cited)} 项措施都用到" if lang == "zh" else f"read by {len(cited)} measures"
        else:
            out[name] = "；".join(cited) if lang == "zh" else "; ".join(cited)
    return out


def template_columns(kind: str, lang: str = "zh") -> list[Column]:
    """The columns of a blank list of ``kind``, in order (see the module)."""
    if kind not in KINDS:
        raise TemplateError(f"未知类型 {kind!r}", f"unknown kind {kind!r}")
    zh = lang == "zh"
    kind_zh = KINDS[kind][0]
    number, name, id_number = EVERYDAY_HEADERS[:3]

    def everyday(header: str, label_en: str, help_zh: str, help_en: str, text: bool) -> Column:
        return Column(
            header, header, "text", header if zh else label_en, help_zh if zh else help_en, "", (), "", text
        )

    columns = [
        everyday(
            number,
            "row number",
            "行的序号，可不填；原样带到结果中",
            "the row's number, optional; carried to the results",
            False,
        ),
        Column(
            ID_HEADERS[1] if zh else ID_HEADERS[0],
            "id",
            "id",
            "编号" if zh else "id",
            "每个申请人一个编号，不可重复；按文字保存（0012345 的 0 不会丢）"
            if zh
            else "one id per applicant, unique; kept as text (the 0s of 0012345 stay)",
            "",
            (),
            "",
            True,
        ),
        Column(
            KIND_HEADERS[1] if zh else KIND_HEADERS[0],
            "kind",
            "kind",
            "类型" if zh else "kind",
            f"申请人类型：{kind_zh}（也可写 {kind}）；或留空并在 batch 时给出 --kind {kind}"
            if zh
            else f"the kind of applicant: {kind} ({kind_zh}); or leave it empty and give --kind {kind} to batch",
            "",
            (kind_zh, kind) if zh else (kind, kind_zh),
            "",
            True,
        ),
    ]
    if kind in PERSON_KINDS:
        columns += [
            everyday(name, "name", "姓名，原样带到结果中，不参与计算", "the person's name, carried to the results, never read by a rule", True),
            everyday(
                id_number,
                "ID number",
                "18 位身份证号，按文字保存（不会变成 1.10101E+17）；提示信息中会打码",
                "the 18-digit ID number, kept as text (never 1.10101E+17); masked in messages",
                True,
            ),
        ]  # fmt: skip
    cited = _articles(kind, lang)
    for spec in facts_for_kind(kind).values():
        columns.append(
            Column(
                _fact_header(spec, lang),
                spec.name,
                spec.type,
                spec.label(lang),
                spec.help(lang),
                _unit(spec, lang),
                _choices(spec, lang),
                cited.get(spec.name, "所有措施都用到" if zh else "read by every measure"),
                spec.type == "firms",
            )
        )
    return columns


# ----------------------------------------------------------------------------------------------- write


def write_template(
    kind: str, path: Path | None, lang: str = "zh", stdout: IO[str] | None = None
) -> list[Column]:
    """Write the template of ``kind`` to ``path`` (``.xlsx`` or ``.csv``, atomically) or, with ``path``
    None, as CSV to ``stdout``. :class:`TemplateError` for an unknown kind or extension (nothing written);
    ``OSError`` (naming the file) when it cannot be written. Returns the columns written."""
    columns = template_columns(kind, lang)
    if path is None:
        assert stdout is not None
        _csv(columns, stdout)
        return columns
    fmt = template_format(path)
    if fmt == "csv":
        with AtomicTextFile(path, bom=True) as out:  # the BOM: what Excel needs to read UTF-8
            _csv(columns, out.stream)
        return columns
    data = io.BytesIO()
    _xlsx(kind, columns, lang, data)
    with AtomicTextFile(path) as out:
        out.stream.flush()
        out.stream.buffer.write(data.getvalue())
    return columns


def _csv(columns: list[Column], stream: IO[str]) -> None:
    csv.writer(stream, lineterminator="\r\n").writerow([c.header for c in columns])


def _xlsx(kind: str, columns: list[Column], lang: str, target: IO[bytes]) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    from wenjiuye_cli.io.writers import display_width

    zh = lang == "zh"
    book = xlsxwriter.Workbook(target, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
    book.set_properties({"title": f"wenjiuye {kind}", "comments": "wenjiuye schema --template"})
    header = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
    )
    key = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#FCE4D6", "border": 1}
    )
    formats = {
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "money": book.add_format({"num_format": "0.00"}),
        "int": book.add_format({"num_format": "0"}),
    }
    ws = book.add_worksheet(SHEET[lang])
    last = FORMATTED_ROWS
    for col, column in enumerate(columns):
        width = min(max(display_width(column.header) + 3, 10), 40)
        if column.name == EVERYDAY_HEADERS[2]:
            width = max(width, 22)  # 18 digits and some room
        elif column.type == "date":
            width = max(width, 12)
        fmt = formats["text"] if column.text else None if column.type == "text" else formats.get(column.type)
        ws.set_column(col, col, width, fmt)
        ws.write_string(0, col, column.header, key if column.name in ("id", "kind") else header)
        ws.data_validation(1, col, last, col, _validation(column, zh))
    ws.freeze_panes(1, 2)  # the header, and 序号 and 编号 beside every row
    ws.set_row(0, 32)
    _help_sheet(book, columns, lang, kind)
    book.close()


def _validation(column: Column, zh: bool) -> dict[str, Any]:
    """A drop-down list or a range check (a warning: the reader accepts more, such as Y for 是), and the
    message shown when a cell of the column is selected."""
    title = column.header[:32]  # Excel's limits: 32 characters for the title, 255 for the message
    message = " ".join(p for p in (column.help, column.unit) if p)[:255]
    options: dict[str, Any] = {"input_title": title, "input_message": message, "error_type": "warning"}
    if column.choices and len(",".join(column.choices)) <= 255:
        options.update(validate="list", source=list(column.choices))
        options["error_message"] = ("应为：" if zh else "expected: ") + "、".join(column.choices)
    elif column.type == "date":
        options.update(validate="date", criteria="between", minimum=EARLIEST_DATE, maximum=LATEST_DATE)
        options["error_message"] = "应为日期，如 2021-03-15" if zh else "expected a date such as 2021-03-15"
    elif column.type == "int":
        options.update(validate="integer", criteria=">=", value=0)
        options["error_message"] = "应为非负整数" if zh else "expected a whole number, 0 or more"
    elif column.type == "money":
        options.update(validate="decimal", criteria=">=", value=0)
        options["error_message"] = "应为非负金额（元）" if zh else "expected an amount in yuan, 0 or more"
    else:
        options["validate"] = "any"
        options.pop("error_type")
    return options


def _help_sheet(book: Any, columns: list[Column], lang: str, kind: str) -> None:
    zh = lang == "zh"
    ws = book.add_worksheet(HELP_SHEET[lang])
    bold = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    kind_zh, _ = KINDS[kind]
    intro = (
        f"每行一个申请人（{kind_zh}，{kind}）。留空表示不知道（不等于 0）：需要该事实的措施会说明无法判断。"
        f"填好后运行：wenjiuye batch 文件名"
        if zh
        else f"One applicant ({kind}) a row. A blank cell means unknown (not 0): a measure that needs it says it "
        "cannot decide. Then run: wenjiuye batch FILE"
    )
    ws.merge_range(0, 0, 0, 6, intro, wrap)
    ws.set_row(0, 36)
    heads = (
        ("列名（表头）", "英文名", "类型", "单位或格式", "可填的值", "说明", "用于（条款/附件1序号）")
        if zh
        else (
            "header",
            "name",
            "type",
            "unit or format",
            "allowed values",
            "meaning",
            "read by (article/task)",
        )
    )
    widths = (24, 26, 12, 30, 20, 60, 50)
    for col, (text, width) in enumerate(zip(heads, widths, strict=True)):
        ws.write_string(1, col, text, bold)
        ws.set_column(col, col, width, wrap)
    for row, column in enumerate(columns, start=2):
        type_name = TYPE_NAMES[column.type][0 if zh else 1]
        cells = (column.header, column.name, type_name, column.unit, "、".join(column.choices) if zh else ", ".join(column.choices), column.help, column.articles)  # fmt: skip
        for col, text in enumerate(cells):
            ws.write_string(row, col, text)
    ws.freeze_panes(2, 1)
