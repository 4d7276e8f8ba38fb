"""The command line: parses options, calls the library, renders. No rule lives here.

stdout carries data only (tables, JSON, NDJSON, CSV); messages and errors go to stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer
from rich.table import Table
from rich.text import Text

from wenjiuye_cli import __version__
from wenjiuye_cli.cli.commands._common import (
    AllOpt,
    AsOfOpt,
    ExcelSafeOpt,
    IdOpt,
    Lang,
    LangOpt,
    MeasureOpt,
    NoColorOpt,
    PolicyOpt,
    ReformOpt,
    SetOpt,
    ShowIdsOpt,
    StatusOpt,
    err_console,
    fail,
    open_policy,
    out_console,
    parse_as_of,
    quiet_broken_pipe,
    read_scenarios_or_exit,
    t,
)
from wenjiuye_cli.cli.commands._lazy import LazyCommand, LazyGroup
from wenjiuye_cli.cli.commands._usage import UsageGroup
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import Status

# The rules (polars), the policy (pydantic), the readers and writers load inside the commands that use
# them, and the commands kept in their own modules when they are resolved (commands._lazy): ``--help``,
# ``--version`` and the help of the commands defined here import none of them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typer._click.core import Command

    from wenjiuye_cli.policy import Policy


class _Root(LazyGroup, UsageGroup):
    lazy: ClassVar[dict[str, LazyCommand]] = {
        "batch": LazyCommand(
            "batch", "批量计算申请人名单（Excel 导出的 CSV 或 NDJSON）/ evaluate an applicant list, streamed."
        ),
        "compare": LazyCommand(
            "whatif",
            "对比基准政策与改革方案：每个申请人的差额与预算影响 / baseline versus reform, per applicant and "
            "in total.",
        ),
        "sweep": LazyCommand(
            "whatif",
            "一个申请人在某事实或参数的一系列取值下的补贴，并指出断崖；或一个名单在参数各取值下的预算曲线 /\n"
            "entitlements across a range, with cliffs; or a list's budget across a parameter's values.",
        ),
    }

    def load(self, name: str) -> Command:
        return _load(app, name, self.lazy[name])


class _PolicyGroup(LazyGroup):
    lazy: ClassVar[dict[str, LazyCommand]] = {
        "diff": LazyCommand(
            "whatif",
            "改革方案与基准相比改变了哪些参数（旧 → 新，附条款）/ parameters that differ from the baseline.",
        ),
    }

    def load(self, name: str) -> Command:
        return _load(policy_app, name, self.lazy[name])


app = typer.Typer(
    name="wenjiuye",
    help="和平区稳就业政策补贴计算器 / Subsidy calculator for the Heping District employment policy (2020).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # locals would print applicants' ID numbers
    cls=_Root,  # usage errors in the user's language, option types as words, examples in --help
)
policy_app = typer.Typer(
    help="查看、检查政策参数 / show and check policy parameters", no_args_is_help=True, cls=_PolicyGroup
)
app.add_typer(policy_app, name="policy")


class Format(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def version_callback(value: bool) -> None:
    if value:
        print(f"wenjiuye {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="显示版本 / show version"),
    ] = False,
) -> None:
    """和平区稳就业政策补贴计算器。"""


# ------------------------------------------------------------------------------------------------- calc


@app.command()
def calc(
    scenarios: Annotated[list[str], typer.Argument(help="情景文件（TOML/JSON），- 表示标准输入")],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="table|json|ndjson|csv")] = None,
    lang: LangOpt = Lang.zh,
    policy_file: PolicyOpt = None,
    reforms: ReformOpt = None,
    sets: SetOpt = None,
    as_of: AsOfOpt = None,
    schedule: Annotated[
        bool,
        typer.Option("--schedule", help="表格中列出按月发放的月份、金额和截止日期 / show monthly schedules"),
    ] = False,
    ids: IdOpt = None,
    measure_ids: MeasureOpt = None,
    statuses: StatusOpt = None,
    everything: AllOpt = False,
    no_color: NoColorOpt = False,
    excel_safe: ExcelSafeOpt = True,
    show_ids: ShowIdsOpt = False,
) -> None:
    """计算情景文件中每个申请人的各项补贴 / itemised entitlements for each applicant in the scenarios."""
    from wenjiuye_cli.cli.commands._calc_table import chosen_applicants, chosen_measures, render_tables
    from wenjiuye_cli.output import CSV_ITEM_COLUMNS, itemised_rows, stamp, write_json, write_ndjson

    console = err_console(no_color, show_ids)
    only = chosen_measures(console, lang, measure_ids)
    policy = open_policy(console, lang, policy_file, sets, reforms)
    on = parse_as_of(console, lang, as_of)
    applicants = chosen_applicants(console, lang, read_scenarios_or_exit(console, lang, scenarios), ids)
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.json)
    from wenjiuye_cli.engine.applicants import (
        PrecisionError,
        evaluate_applicants,
    )  # polars: only the commands using it

    # one frame, one query; parameters_used and extra only where they are shown (JSON, --schedule)
    trace = chosen in (Format.json, Format.ndjson) or (chosen is Format.table and schedule)
    try:
        results = evaluate_applicants(applicants, policy, on, only=only, trace=trace)
    except PrecisionError as exc:  # a bad scenario value, as read_scenarios_or_exit reports one
        fail(console, exc.text(lang), ExitCode.BAD_CONFIG)
    wanted = {Status(s.value) for s in statuses} if statuses else None
    undated_results = [r for r in results if r.as_of_source == "today"]
    if undated_results:  # evaluated on the run date: after the policy's last day, ineligible for everything
        undated = [r.applicant.source for r in undated_results]  # the place in the file, the id masked
        run_date = undated_results[0].as_of.isoformat()
        console.print(
            Text(t(lang, f"{len(undated)} 个申请人没有申请日期，按运行当天 {run_date} 计算（{', '.join(undated)}）；"
                         "可用 --as-of 指定评估日期",
                   f"{len(undated)} applicants have no application date and were evaluated on the run date "
                   f"{run_date} ({', '.join(undated)}); set one with --as-of")),
            style="yellow", soft_wrap=True,
        )  # fmt: skip
    if wanted is not None and chosen is not Format.table:  # the total stays the applicant's, all measures
        results = [replace(r, outcomes=[o for o in r.outcomes if o.status in wanted]) for r in results]
    with quiet_broken_pipe():
        if chosen is Format.json:
            write_json(results, policy, on, lang, sys.stdout)
        elif chosen is Format.ndjson:
            write_ndjson(results, policy, on, lang, sys.stdout)
        elif chosen is Format.csv:
            # CSV has no place for metadata: the stamp goes to stderr so the data stays clean.
            console.print(Text(json.dumps(stamp(policy, on), ensure_ascii=False)), style="dim")
            writer = csv.writer(sys.stdout, lineterminator="\r\n")
            writer.writerow(CSV_ITEM_COLUMNS)
            for result in results:
                writer.writerows(itemised_rows(result, lang, excel_safe=excel_safe))  # formula guard (OWASP)
        else:
            render_tables(results, policy, on, lang, no_color, schedule, wanted, everything)


# --------------------------------------------------------------------------------------------- measures


@app.command()
def measures(
    fmt: Annotated[ListFormat | None, typer.Option("--format", "-f", help="table|json")] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """列出全部32条及其任务序号、责任部门、是否计算 / the 32 articles and what the calculator computes."""
    from wenjiuye_cli.engine import registry
    from wenjiuye_cli.policy.articles import ARTICLES, department_label

    computed: dict[str, list[str]] = {}
    for measure in registry():
        computed.setdefault(measure.article, []).append(measure.id)
    rows = [
        {
            "article": a.number,
            "title": a.title(lang),
            "tasks": list(a.tasks),
            "department": a.department,
            "computed": a.number in computed,
            "measures": computed.get(a.number, []),
        }
        for a in ARTICLES
    ]
    chosen = fmt or (ListFormat.table if sys.stdout.isatty() else ListFormat.json)
    with quiet_broken_pipe():
        if chosen is ListFormat.json:
            json.dump({"articles": rows}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return
        table = Table(show_lines=False)
        for col in (t(lang, "条", "article"), t(lang, "标题", "title"), t(lang, "序号", "tasks"),
                    t(lang, "责任部门", "department"), t(lang, "计算", "computed")):  # fmt: skip
            table.add_column(col)
        for article in ARTICLES:
            ids = computed.get(article.number)
            status = (
                t(lang, "计算：", "computed: ") + ", ".join(ids)
                if ids
                else t(lang, "服务或目标", "service or target")
            )
            table.add_row(
                article.number,
                article.title(lang),
                ",".join(map(str, article.tasks)),
                department_label(article.department, lang),
                status,
            )
        out_console().print(table)


# ----------------------------------------------------------------------------------------------- schema


@app.command()
def schema(
    kind: Annotated[str | None, typer.Argument(help="申请人类型 / applicant kind")] = None,
    fmt: Annotated[ListFormat | None, typer.Option("--format", "-f", help="table|json")] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="KIND", help="写一份空白名单（中文表头）/ write a blank list to fill in"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="模板文件 .xlsx 或 .csv（默认 CSV 到标准输出）", dir_okay=False),
    ] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """每类申请人可填写的事实，或一份空白名单（--template）/ the facts each kind takes, or a blank list."""
    console = err_console()
    if template is not None or output is not None:
        from wenjiuye_cli.cli.commands._template import schema_template

        schema_template(console, lang, template, output, kind)
        return
    from wenjiuye_cli.engine import facts_for_kind, registry

    kinds = [kind] if kind else list(KINDS)
    for k in kinds:
        if k not in KINDS:
            fail(console, t(lang, f"未知类型 {k!r}，应为 {', '.join(KINDS)}", f"unknown kind {k!r}; one of {', '.join(KINDS)}"),
                 ExitCode.USAGE)  # fmt: skip
    doc: dict[str, list[dict[str, object]]] = {}
    for k in kinds:
        used_by: dict[str, list[str]] = {}
        for measure in registry():
            if k in measure.kinds:
                for spec in measure.facts:
                    used_by.setdefault(spec.name, []).append(measure.id)
        doc[k] = [
            {
                "name": spec.name,
                "label": spec.label(lang),
                "type": spec.type,
                "choices": {v: labels[0 if lang == "zh" else 1] for v, labels in spec.choices.items()}
                or None,
                "help": spec.help(lang),
                "measures": used_by.get(spec.name, []),
            }
            for spec in facts_for_kind(k).values()
        ]
    chosen = fmt or (ListFormat.table if sys.stdout.isatty() else ListFormat.json)
    with quiet_broken_pipe():
        if chosen is ListFormat.json:
            json.dump({"kinds": doc}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return
        out = out_console()
        for k, facts in doc.items():
            label = KINDS[k][0 if lang == "zh" else 1]
            table = Table(title=t(lang, f"{k}（{label}）", f"{k} ({label})"), title_justify="left")
            for col in ("name", t(lang, "标签（中文表头）", "label"), t(lang, "类型", "type"),
                        t(lang, "说明", "help"), t(lang, "用于", "used by")):  # fmt: skip
                table.add_column(col)
            for f in facts:
                typ = str(f["type"])
                if f["choices"]:
                    typ += " " + "/".join(f"{v}={lab}" for v, lab in dict(f["choices"]).items())  # type: ignore[call-overload]
                table.add_row(str(f["name"]), str(f["label"]), typ, str(f["help"]), ", ".join(f["measures"]))  # type: ignore[arg-type]
            out.print(table)


# ----------------------------------------------------------------------------------------------- policy


@policy_app.command("show")
def policy_show(
    key: Annotated[
        str | None,
        typer.Argument(help="参数名、分组前缀或名称中的词，如 rent_subsidy、房租 / key, group or words"),
    ] = None,
    fmt: Annotated[ListFormat | None, typer.Option("--format", "-f", help="table|json")] = None,
    lang: LangOpt = Lang.zh,
    policy_file: PolicyOpt = None,
    sets: SetOpt = None,
) -> None:
    """显示参数：取值及生效日期、单位、条款、来源 / parameters with dated values, units and sources."""
    from wenjiuye_cli.explain import format_arg

    console = err_console()
    policy = open_policy(console, lang, policy_file, sets)
    selected = {
        k: p for k, p in policy.parameters.items() if key is None or k == key or k.startswith(f"{key}.")
    }
    if not selected and key:
        selected = _search_parameters(policy, key)
    if not selected:
        fail(console, t(lang, f"没有参数 {key!r}，名称或说明中也没有这个词", f"no parameter {key!r}, and no "
                        "parameter whose name or description has these words"), ExitCode.USAGE)  # fmt: skip
    chosen = fmt or (ListFormat.table if sys.stdout.isatty() else ListFormat.json)
    with quiet_broken_pipe():
        if chosen is ListFormat.json:
            doc = {
                "policy": policy.stamp(),
                "parameters": {
                    k: {
                        **p.model_dump(mode="json", exclude={"values"}),
                        "values": [
                            {"from": s.isoformat(), "until": u.isoformat() if u else None, "value": _plain(v)}
                            for s, u, v in p.entries()
                        ],
                    }
                    for k, p in selected.items()
                },
            }
            json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return
        table = Table(show_lines=True)
        for col in (t(lang, "参数", "parameter"), t(lang, "取值（生效日期）", "values (from date)"),
                    t(lang, "单位", "unit"), t(lang, "条/序号", "article/task"), t(lang, "依据", "source")):  # fmt: skip
            table.add_column(col)
        for k, p in selected.items():
            values = "\n".join(
                f"{s.isoformat()}: {format_arg(v, lang)}" + (f" (→{u.isoformat()})" if u else "")
                for s, u, v in p.entries()
            )
            desc = p.description if lang == "zh" else p.description_en
            source = p.source + (
                f"\n[{p.certainty}] {p.interpretation}" if p.interpretation else f"\n[{p.certainty}]"
            )
            table.add_row(Text(f"{k}\n{desc}"), values, p.unit, f"{p.article}/{','.join(map(str, p.tasks))}",
                          Text(source))  # fmt: skip
        out_console().print(table)


def _search_parameters(policy: Policy, words: str) -> dict[str, Any]:
    """Parameters whose key, description (zh or en) or measure name (``房租`` → 创业房租补贴) holds every
    word of ``words``, case-insensitively."""
    from wenjiuye_cli.engine import registry

    names: dict[str, str] = {}
    for measure in registry():
        names[measure.id] = f"{measure.name('zh')} {measure.name('en')}"
    terms = words.casefold().split()
    found = {}
    for k, p in policy.parameters.items():
        group = k.split(".", 1)[0]
        text = " ".join((k, p.description, p.description_en, names.get(group, ""))).casefold()
        if all(term in text for term in terms):
            found[k] = p
    return found


def _plain(value: object) -> object:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return fmt_number(value)  # type: ignore[arg-type]


@policy_app.command("check")
def policy_check(
    file: Annotated[Path, typer.Argument(help="要检查的政策文件", dir_okay=False)],
    lang: LangOpt = Lang.zh,
) -> None:
    """校验政策文件（单位、类型、日期区间、未知字段）/ validate a policy file."""
    console = err_console()
    if not file.exists():
        fail(console, t(lang, f"找不到文件：{file}", f"no such file: {file}"), ExitCode.NO_INPUT)
    policy = open_policy(console, lang, file, [])
    missing = sorted(_required_keys() - set(policy.parameters))
    if missing:
        fail(console, t(lang, f"{file}: 缺少规则需要的参数：{', '.join(missing)}",
                        f"{file}: parameters the rules need are missing: {', '.join(missing)}"),
             ExitCode.BAD_CONFIG)  # fmt: skip
    console.print(
        Text(
            t(
                lang,
                f"{file}: 通过，{len(policy.parameters)} 个参数，sha256 {policy.sha256}",
                f"{file}: OK, {len(policy.parameters)} parameters, sha256 {policy.sha256}",
            )
        )
    )


def _required_keys() -> set[str]:
    """Every parameter key the shipped policy defines: a replacement file must define them too."""
    from wenjiuye_cli.policy import load_policy

    return set(load_policy().parameters)


def _register_command_modules() -> None:
    """Wire up the sub-commands kept in ``wenjiuye_cli.cli.commands`` (batch, compare, sweep, …): those the
    groups list lazily load when resolved (:func:`_load`), any other module now."""
    import pkgutil

    from wenjiuye_cli.cli import commands

    lazy = {entry.module for group in (_Root, _PolicyGroup) for entry in group.lazy.values()}
    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not module.name.startswith("_") and module.name not in lazy:
            _registered(module.name)


_REGISTERED: set[str] = set()


def _registered(module: str) -> None:
    """``wenjiuye_cli.cli.commands.<module>`` imported and its commands registered, once."""
    if module not in _REGISTERED:
        import importlib

        importlib.import_module(f"wenjiuye_cli.cli.commands.{module}").register(app)
        _REGISTERED.add(module)


def _load(group: typer.Typer, name: str, entry: LazyCommand) -> Command:
    """The click command of ``name`` in ``group``, from the module of ``entry``."""
    from typer.main import get_command_from_info, get_command_name

    _registered(entry.module)
    for info in group.registered_commands:
        if (info.name or get_command_name(info.callback.__name__ if info.callback else "")) == name:
            return get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    raise LookupError(f"wenjiuye_cli.cli.commands.{entry.module} registers no command {name!r}")


_register_command_modules()


def main() -> None:
    """The console script's old entry point: the process around the command is in ``__main__``."""
    from wenjiuye_cli.__main__ import main as run

    run()
