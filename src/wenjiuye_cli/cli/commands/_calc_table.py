"""``calc`` as a person reads it: the answer first, then why.

Each applicant opens with one line — what they are entitled to, each amount and the total. Then the details:
the eligible measures with their arithmetic and caps, the measures that failed on a fact the applicant gave
with the reason in words, and one folded line for the measures that cannot be decided, naming the facts
that would decide them (``--all`` shows those in full too). The table fits the terminal: at 80 columns
nothing is cut with ``…``; the reason column wraps and gets the room before the others.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wenjiuye_cli import __version__
from wenjiuye_cli.cli.commands._common import Lang, fail, out_console, t
from wenjiuye_cli.cli.commands._text import Wrapped, paragraph
from wenjiuye_cli.engine import Applicant, ApplicantResult, all_facts, measure_by_id, registry
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.explain import format_arg, render, render_message
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.money import fmt_money, fmt_number
from wenjiuye_cli.outcome import STATUS_LABELS, Check, Outcome, Status
from wenjiuye_cli.output import not_monthly
from wenjiuye_cli.policy import Policy
from wenjiuye_cli.policy.articles import citation


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def chosen_measures(console: Console, lang: str, values: list[str] | None) -> list[str] | None:
    """The measure ids asked for with ``--measure`` (None: all); an unknown one is a usage error that
    lists the ids there are."""
    if not values:
        return None
    known = [m.id for m in registry()]
    wanted = _split(values)
    unknown = [v for v in wanted if v not in known]
    if unknown:
        fail(console, t(lang, f"--measure：未知措施 {'、'.join(unknown)}；可选：{', '.join(known)}",
                        f"--measure: unknown measure {', '.join(unknown)}; one of: {', '.join(known)}"),
             ExitCode.USAGE)  # fmt: skip
    return wanted


def chosen_applicants(
    console: Console, lang: str, applicants: list[Applicant], values: list[str] | None
) -> list[Applicant]:
    """The applicants asked for with ``--id`` (all when none is); an id not in the files is a usage error
    that lists the ids there are."""
    if not values:
        return applicants
    wanted = _split(values)
    present = list(dict.fromkeys(a.id for a in applicants))
    unknown = [v for v in wanted if v not in present]
    if unknown:
        shown = ", ".join(present[:20]) + (" …" if len(present) > 20 else "")
        fail(console, t(lang, f"--id：情景文件中没有申请人 {'、'.join(unknown)}；有：{shown}",
                        f"--id: no applicant {', '.join(unknown)} in the scenarios; there are: {shown}"),
             ExitCode.USAGE)  # fmt: skip
    return [a for a in applicants if a.id in wanted]


STYLES = {
    Status.ELIGIBLE: "green",
    Status.INELIGIBLE: "red",
    Status.CANNOT_DECIDE: "yellow",
    Status.AMOUNT_SET_ELSEWHERE: "cyan",
}
# The order of the details: what the applicant gets, then what failed, then what cannot be decided.
DETAIL_ORDER = (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE, Status.INELIGIBLE, Status.CANNOT_DECIDE)
SOURCES = {
    "application_date": ("申请日期", "the application date"),
    "--as-of": ("--as-of", "--as-of"),
    "today": ("运行当天", "the run date"),
}


def _cite(outcome: Outcome, lang: str) -> str:
    measure = measure_by_id(outcome.measure_id)
    return citation(measure.article, measure.tasks, lang)


def _amount_words(outcome: Outcome, lang: str) -> str:
    """The amount as the headline and the table show it: exact, a maximum, or set by another standard."""
    if outcome.amount is not None:
        text = fmt_money(outcome.amount)
    elif outcome.maximum is not None:
        text = t(lang, "最高 ", "max ") + fmt_money(outcome.maximum)
    elif outcome.status is Status.AMOUNT_SET_ELSEWHERE:
        text = t(lang, "金额按其他标准", "amount set elsewhere")
    else:
        return "—"
    if not outcome.counts_as_payment:
        text += t(lang, "（不计入合计）", " (not a payment)")
    return text


def headline(result: ApplicantResult, lang: str) -> str:
    """One line: ``R-001（个人）：符合 1 项，合计 60000.00 元 — 创业房租补贴 60000.00（第十五条/37）``."""
    kind = KINDS[result.applicant.kind][0 if lang == "zh" else 1]
    granted = [o for o in result.outcomes if o.status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE)]
    total = fmt_money(result.total)
    who = t(lang, f"{result.applicant.id}（{kind}）", f"{result.applicant.id} ({kind})")
    line = t(lang, f"{who}：符合 {len(granted)} 项，合计 {total} 元",
             f"{who}: eligible for {len(granted)}, total {total} yuan")  # fmt: skip
    if result.maxima_total:
        maxima = fmt_money(result.maxima_total)
        line += t(lang, f"（另有最高额 {maxima} 元未计入）", f" (maxima of {maxima} yuan not included)")
    if granted:
        items = [
            f"{measure_by_id(o.measure_id).name(lang)} {_amount_words(o, lang)}"
            + t(lang, f"（{_cite(o, lang)}）", f" ({_cite(o, lang)})")
            for o in granted
        ]
        line += " — " + t(lang, "；", "; ").join(items)
    else:
        failed = sum(1 for o in result.outcomes if o.status is Status.INELIGIBLE)
        undecided = sum(1 for o in result.outcomes if o.status is Status.CANNOT_DECIDE)
        line += t(lang, f"（{failed} 项不符合，{undecided} 项缺少事实）",
                  f" ({failed} ineligible, {undecided} lacking facts)")  # fmt: skip
    return line


def _reasons(outcome: Outcome, lang: str, everything: bool) -> list[str]:
    """The lines of the "why and how" cell. Eligible: the arithmetic, the caps that bound and the notes.
    Ineligible: the conditions that failed. Cannot decide: what is unknown and the facts that would
    decide it. ``everything`` (``--all``) adds every condition that did not pass, whatever the status."""
    measure = measure_by_id(outcome.measure_id)
    lines: list[str] = []
    show_unknown = everything or outcome.status is Status.CANNOT_DECIDE
    for cond in outcome.conditions:
        if cond.result is Check.FAILED or (show_unknown and cond.result is Check.UNKNOWN):
            mark = "✗" if cond.result is Check.FAILED else "?"
            text = render(cond.code, cond.args, measure, lang)
            if cond.result is Check.FAILED and not cond.args and _is_yes_no_fact(cond.code):
                text += t(lang, "：否", ": no")  # the condition is the fact itself, answered no
            lines.append(f"{mark} {text}")
    if outcome.status is Status.INELIGIBLE and not everything:
        return lines
    lines.extend(render_message(m, measure, lang) for m in outcome.arithmetic)
    bound = [
        t(lang, f"{cap.parameter} = {fmt_number(cap.limit)}（计算值 {fmt_number(cap.uncapped)}）",
          f"{cap.parameter} = {fmt_number(cap.limit)} (computed {fmt_number(cap.uncapped)})")
        for cap in outcome.caps
        if cap.bound
    ]  # fmt: skip
    if bound:
        lines.append(t(lang, "按上限封顶：", "capped by: ") + t(lang, "；", "; ").join(bound))
    lines.extend(render_message(m, measure, lang) for m in outcome.notes)
    if outcome.missing_facts:
        lines.append(t(lang, "缺少事实：", "missing facts: ") + fact_labels(outcome.missing_facts, lang))
    return lines


def _is_yes_no_fact(code: str) -> bool:
    spec = all_facts().get(code)
    return spec is not None and spec.type == "bool"


def fact_labels(names: Iterable[str], lang: str) -> str:
    """Facts as the user knows them: the label and, in brackets, the column or key to fill in."""
    specs = all_facts()
    shown = [
        t(lang, f"{specs[n].label(lang)}（{n}）", f"{specs[n].label(lang)} ({n})") if n in specs else n
        for n in names
    ]
    return t(lang, "、", ", ").join(shown)


def detail_table(outcomes: list[Outcome], lang: str, everything: bool) -> Table:
    """The measures shown in detail. Only the reason column is let grow: the others are narrow, wrap by
    word, and fold (never cut) a word too long for them, so at 80 columns the reasons keep their room."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, collapse_padding=False)
    table.add_column(Wrapped(t(lang, "措施与条款", "measure (art./task)")), max_width=14, overflow="fold")
    table.add_column(
        Wrapped(t(lang, "结果（元）", "result (yuan)")), justify="right", max_width=12, overflow="fold"
    )
    table.add_column(Wrapped(t(lang, "依据与计算", "why and how")), overflow="fold")
    ordered = sorted(outcomes, key=lambda o: DETAIL_ORDER.index(o.status))
    for number, outcome in enumerate(ordered):
        measure = measure_by_id(outcome.measure_id)
        result = Wrapped(
            STATUS_LABELS[outcome.status][0 if lang == "zh" else 1], style=STYLES[outcome.status]
        )
        amount = _amount_words(outcome, lang)
        if amount != "—":
            result.append("\n" + amount)
        table.add_row(
            Wrapped(f"{measure.name(lang)}\n{_cite(outcome, lang)}"),
            result,
            Wrapped("\n".join(_reasons(outcome, lang, everything))),
            end_section=number < len(ordered) - 1,
        )
    return table


FOLDED_FACTS_SHOWN = 5


def folded_line(undecided: list[Outcome], lang: str) -> str:
    """``另有 10 项措施缺少事实，无法判断（如需查看：--all）``, then the facts that would decide the most of
    them (how many measures each decides, most first; ``--all`` names every one)."""
    deciding: dict[str, int] = {}
    for outcome in undecided:
        for name in outcome.missing_facts:
            deciding[name] = deciding.get(name, 0) + 1
    line = t(lang, f"另有 {len(undecided)} 项措施缺少事实，无法判断（如需查看：--all）",
             f"{len(undecided)} more measures cannot be decided for lack of facts (to see them: --all)")  # fmt: skip
    if deciding:
        ranked = sorted(deciding, key=lambda name: -deciding[name])  # stable: first needed first on a tie
        specs = all_facts()
        shown = [
            (specs[name].label(lang) if name in specs else name) + f" ({deciding[name]})"
            for name in ranked[:FOLDED_FACTS_SHOWN]
        ]
        more = len(ranked) - len(shown)
        line += t(lang, "。最常缺的事实（可决定的措施数）：", ". Facts most needed (measures they decide): ")
        line += t(lang, "、", ", ").join(shown)
        if more:
            line += t(lang, f" 等共 {len(ranked)} 项", f" and {more} more")
    return line


def render_tables(
    results: list[ApplicantResult],
    policy: Policy,
    on: date | None,
    lang: Lang,
    no_color: bool,
    schedule: bool = False,
    statuses: Collection[Status] | None = None,
    everything: bool = False,
) -> None:
    """Each applicant: the headline, the date it was computed for, the details, the folded line; then
    one stamp for the run. ``statuses`` shows only the measures of those statuses (cannot-decide ones
    then in full); ``everything`` shows every measure and every condition that did not pass."""
    out = out_console(no_color)
    for result in results:
        out.print(paragraph(headline(result, lang), style="bold"))
        source = SOURCES.get(result.as_of_source, (result.as_of_source, result.as_of_source))
        out.print(Text(t(lang, f"计算日期 {result.as_of.isoformat()}（{source[0]}）",
                         f"as of {result.as_of.isoformat()} ({source[1]})"), style="dim"))  # fmt: skip
        if statuses is not None:
            shown = [o for o in result.outcomes if o.status in statuses]
            folded: list[Outcome] = []
        elif everything:
            shown, folded = list(result.outcomes), []
        else:
            shown = [o for o in result.outcomes if o.status is not Status.CANNOT_DECIDE]
            folded = [o for o in result.outcomes if o.status is Status.CANNOT_DECIDE]
        if shown:
            out.print(detail_table(shown, lang, everything))
        if folded:
            out.print(paragraph(folded_line(folded, lang), style="yellow"))
        if schedule:
            render_schedules(out, result, lang)
        out.print()
    out.print(
        Text(t(lang, "✗ 不满足的条件（及实际值）；? 缺少事实、无法判断的条件",
               "✗ a condition not met (with the actual value); ? a condition that cannot be decided"), style="dim")
    )  # fmt: skip
    stamp = policy.stamp()
    overrides = ", ".join(stamp["overrides"]) or t(lang, "无", "none")
    out.print(
        paragraph(
            f"wenjiuye {__version__} · policy {stamp['file']} sha256:{stamp['sha256'][:12]} · "
            f"--as-of {on.isoformat() if on else t(lang, '未指定', 'not set')} · --set {overrides}",
            style="dim",
        )
    )


def render_schedules(out: Console, result: ApplicantResult, lang: Lang) -> None:
    """The months of each monthly payment, their amounts and the end date (and why it ends then)."""
    for outcome in result.outcomes:
        if not outcome.schedule:
            continue
        measure = measure_by_id(outcome.measure_id)
        end = outcome.extra.get("end_date")
        reason = outcome.extra.get("end_reason")
        title = f"{measure.name(lang)} · {t(lang, '按月明细', 'monthly schedule')}"
        caption = None
        if end is not None:
            caption = f"{t(lang, '截止', 'ends')} {format_arg(end, lang)}"
            if reason is not None:
                why = render(f"end_reason.{reason}", {}, measure, lang)
                caption += t(lang, f"（{why}）", f" ({why})")
        table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
        table.add_column(t(lang, "月份", "month"))
        table.add_column(t(lang, "金额（元）", "amount (yuan)"), justify="right")
        for line in outcome.schedule:
            table.add_row(line.month.isoformat()[:7], fmt_money(line.amount))
        rest = not_monthly(outcome)
        if rest:
            table.add_row(t(lang, "不按月发放", "not monthly"), fmt_money(rest))
        out.print(table)
