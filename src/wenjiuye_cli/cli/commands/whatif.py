"""What-if commands: ``compare``, ``sweep`` and ``policy diff``. They parse options and render; the work is
done by :mod:`wenjiuye_cli.policy.reform` and :mod:`wenjiuye_cli.whatif`.

Options and helpers shared with the other commands come from :mod:`wenjiuye_cli.cli.commands._common`.
"""

from __future__ import annotations

import csv
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, BinaryIO, TextIO

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wenjiuye_cli.batch import BatchError, BatchOptions, InputInfo, RejectSink, parse_kind
from wenjiuye_cli.cli.commands._common import (
    AsOfOpt,
    EncodingOpt,
    ExcelSafeOpt,
    IgnoreExtraColumnsOpt,
    InputFormatOpt,
    KindOpt,
    Lang,
    LangOpt,
    NoColorOpt,
    PolicyOpt,
    ReformOpt,
    RejectsOpt,
    SetOpt,
    ShowIdsOpt,
    check_reform_files,
    err_console,
    interrupted_code,
    interrupted_text,
    is_stdout,
    out_console,
    output_conflict,
    parse_as_of,
    policy_errors,
    quiet_broken_pipe,
    read_scenarios_or_exit,
    stdin_or_exit,
    stdout_to_devnull,
    t,
)
from wenjiuye_cli.cli.commands._plot import PlotOpt, check_plot_option, write_plot
from wenjiuye_cli.cli.commands._text import Wrapped, paragraph
from wenjiuye_cli.engine import Applicant, measure_by_id
from wenjiuye_cli.errors import Terminated, raise_terminated, write_error_text
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.io.atomic import AtomicTextFile, commit_all
from wenjiuye_cli.io.readers import PARQUET_SUFFIXES, XLSX_SUFFIXES, FrameReader, open_reader
from wenjiuye_cli.io.tabular import canonical_encoding, guard_formula
from wenjiuye_cli.money import fmt_money, fmt_number
from wenjiuye_cli.output import guarded_rows
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.policy.articles import citation, department_label
from wenjiuye_cli.policy.reform import (
    change_dict,
    diff_policies,
    plain_value,
    with_reforms,
)
from wenjiuye_cli.whatif import (
    BATCH_SUFFIXES,
    CHANGE_LABELS,
    COMPARE_COLUMNS,
    COMPARE_ITEM_COLUMNS,
    DIRECTION_LABELS,
    SCENARIO_SUFFIXES,
    Axis,
    Better,
    BudgetImpact,
    Change,
    Comparer,
    Comparison,
    Direction,
    SweepError,
    SweepPoint,
    carried_cells,
    comparison_dict,
    comparison_item_rows,
    comparison_row,
    describe_item,
    entitlement,
    fact_axis,
    find_cliffs,
    is_batch_input,
    money_changes,
    parameter_axis,
    peek_head,
    rows_summary,
    run_stamp,
    stamp_text,
    sweep,
    sweep_columns,
    sweep_dict,
    sweep_rows,
    value_text,
    with_carried,
)
from wenjiuye_cli.whatif.lists import (
    ChunkEvaluator,
    ListPoint,
    ListSweep,
    bend_dict,
    budget_list,
    compare_csv_list,
    compare_list,
    grid,
    list_axes,
    list_paths,
    list_sweep_columns,
    list_sweep_dict,
    list_sweep_rows,
    point_policy,
    side_by_side_columns,
    side_by_side_dict,
    side_by_side_rows,
    side_by_side_totals,
    sweep_list,
)

if TYPE_CHECKING:
    from wenjiuye_cli.whatif import Cliff


BINARY_LIST_SUFFIXES = (*XLSX_SUFFIXES, *PARQUET_SUFFIXES)


class CompareFormat(StrEnum):
    table = "table"
    csv = "csv"
    ndjson = "ndjson"
    json = "json"


class SweepFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class DiffFormat(StrEnum):
    table = "table"
    json = "json"


CompareReformOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--reform",
        help="改革方案文件；给出多个（或一个目录）时各方案分别与基准并列对比，--set 应用于每个方案 / "
        "reform file; several (or a folder of them) are each compared with the baseline, side by side",
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="xlsx 名单的工作表（默认第一个）/ the sheet of an xlsx list (default: the first)"
    ),
]

TABLE_ROW_LIMIT = 200  # a rich Table holds every row: show this many, then say how many more


def _console(no_color: bool = False, stderr: bool = True) -> Console:
    return err_console(no_color) if stderr else out_console(no_color)


def _fail(console: Console, message: str, code: ExitCode) -> typer.Exit:
    console.print(Text(message), style="red", soft_wrap=True)
    return typer.Exit(code)


def _precise_or_exit(console: Console, lang: str, applicants: list[Applicant]) -> None:
    """Exit 78 (bad scenario file), as ``calc`` does and with its message (the place in the file, the fact,
    the value), when a money or ratio fact has more decimal places than the engine keeps: checked
    (:func:`wenjiuye_cli.whatif.check_precision`) before anything is written."""
    # imported here: the import lines at the top are kept short for start-up
    from wenjiuye_cli.engine.applicants import PrecisionError
    from wenjiuye_cli.whatif import check_precision

    try:
        check_precision(applicants)
    except PrecisionError as exc:
        raise _fail(console, exc.text(lang), ExitCode.BAD_CONFIG) from None


def _policies(
    console: Console, lang: str, policy_file: Path | None, reforms: list[Path] | None, sets: list[str] | None
) -> tuple[Policy, Policy]:
    """The baseline and the reformed policy; every reform is validated before anything is computed."""
    check_reform_files(console, lang, reforms)
    with policy_errors(console, lang):
        baseline = load_policy(policy_file)
        return baseline, with_reforms(baseline, reforms or [], sets or [])


def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="情景文件（TOML/JSON），或一个申请人名单（CSV/NDJSON，同 batch），- 表示标准输入 / "
            "scenario files, or one applicant list (CSV/NDJSON/xlsx/Parquet, as batch reads it); - for stdin",
        ),
    ],
    reforms: CompareReformOpt = None,
    sets: SetOpt = None,
    fmt: Annotated[
        CompareFormat | None, typer.Option("--format", "-f", help="table|csv|ndjson|json（终端默认 table）")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（原子写入）/ write to a file", dir_okay=False),
    ] = None,
    itemised: Annotated[
        bool, typer.Option("--itemised", help="CSV 每人每项措施一行 / CSV: one row per applicant × measure")
    ] = False,
    changed_only: Annotated[
        bool,
        typer.Option(
            "--changed-only", help="只输出结果有变化的申请人（汇总仍计全部）/ output only changed applicants"
        ),
    ] = False,
    summary: Annotated[
        bool, typer.Option("--summary", help="在标准错误输出汇总表 / budget summary table on stderr")
    ] = False,
    summary_file: Annotated[
        Path | None,
        typer.Option(
            "--summary-file", help="把汇总写成 JSON 文件 / write the summary as JSON", dir_okay=False
        ),
    ] = None,
    budget: Annotated[
        str | None, typer.Option("--budget", help="可用资金（元），与改革后合计比较 / available fund in yuan")
    ] = None,
    plot: PlotOpt = None,  # each measure's budget, baseline beside the reform (wenjiuye_cli.plot)
    kind: KindOpt = None,
    rejects: RejectsOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    ignore_extra_columns: IgnoreExtraColumnsOpt = False,
    sheet: SheetOpt = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="不显示进度和结果行（-f csv 的来源标记仍写到标准错误）/ no progress, no result line "
            "(the stamp of -f csv still goes to stderr)",
        ),
    ] = False,
    policy_file: PolicyOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    excel_safe: ExcelSafeOpt = True,
    no_color: NoColorOpt = False,
    show_ids: ShowIdsOpt = False,
) -> None:
    """对比基准政策与改革方案：每个申请人的差额与预算影响 / baseline versus reform, per applicant and in total.

    申请人名单（CSV/NDJSON/xlsx/Parquet）的读取与 batch 相同：分块流式处理，出错的行连同行号与原因写入拒绝文件，
    其余照常对比；读取行数 = 对比 + 拒绝。给出多个 --reform（或一个目录）时，各方案分别与基准并列对比，输出一张
    按措施和责任部门的预算表。退出码：0 正常，1 名单中有被拒绝的行，2 用法错误，65 名单无法读取或表头
    有误，66 找不到输入，74 无法写入，78 政策、改革方案或情景文件有误。
    """
    console = err_console(no_color, show_ids)
    if not reforms and not sets:
        raise _fail(
            console,
            t(
                lang,
                "请用 --reform 或 --set 给出要对比的改革方案",
                "give a reform to compare with --reform or --set",
            ),
            ExitCode.USAGE,
        )
    available = _money_option(console, lang, budget)
    the_kind = _kind_option(console, lang, kind)
    _check_encoding(console, lang, encoding)
    if output is not None and is_stdout(output):
        output = None
    conflict = output_conflict("-", output, rejects, summary_file)  # the files: checked with the input later
    if conflict is not None:
        raise _fail(console, t(lang, *conflict), ExitCode.USAGE)
    chosen = fmt or _default_format(output)
    if chosen is CompareFormat.table and output is not None:
        raise _fail(
            console,
            t(
                lang,
                "表格只输出到终端；写文件请用 -f csv/json/ndjson",
                "a table is for the terminal; use -f csv/json/ndjson with -o",
            ),
            ExitCode.USAGE,
        )
    check_plot_option(console, lang, plot, [output, rejects, summary_file, *inputs])
    reform_files = list_paths(reforms or [])
    many = len(reform_files) > 1  # several reforms (or a folder of them): side by side, each on the baseline
    if many:
        _check_side_by_side(console, lang, itemised, changed_only, chosen)
        check_reform_files(console, lang, reform_files)
        with policy_errors(console, lang):
            baseline = load_policy(policy_file)
            side_policies = [with_reforms(baseline, [f], sets or []) for f in reform_files]
        reformed = side_policies[0]
    else:
        baseline, reformed = _policies(console, lang, policy_file, reform_files or None, sets)
        side_policies = [reformed]
    on = parse_as_of(console, lang, as_of)
    listed, stdin = _sort_inputs(console, lang, inputs, input_format is not None)
    try:
        list_only = {
            "--kind": kind is not None,
            "--encoding": encoding is not None,
            "--ignore-extra-columns": ignore_extra_columns,
            "--rejects": rejects is not None,
            "--sheet": sheet is not None,
        }
        if listed is None and any(list_only.values()):
            names = ", ".join(k for k, given in list_only.items() if given)
            raise _fail(
                console,
                t(lang, f"{names} 只用于 CSV/NDJSON 申请人名单，而输入是情景文件（TOML/JSON）",
                   f"{names} apply to a CSV/NDJSON applicant list; the inputs are scenario files (TOML/JSON)"),
                ExitCode.USAGE,
            )  # fmt: skip
        today = date.today()
        impacts = [BudgetImpact() for _ in side_policies]
        impact = impacts[0]
        stamp = run_stamp(reformed, on, today)
        if many:
            stamp["reforms"] = [dict(r) for p in side_policies for r in p.reforms]
            stamp["side_by_side"] = True
        run = _CompareRun(console, chosen, output, summary_file, impact, stamp, lang, available)
        run.impacts = impacts
        run.side_policies = side_policies if many else None
        shown = _Shown(itemised, excel_safe, changed_only, no_color)
        if listed is None:
            applicants = read_scenarios_or_exit(console, lang, inputs, stdin)
            _precise_or_exit(console, lang, applicants)
            comparers = [Comparer(baseline, p, on, today) for p in side_policies]

            def compared() -> Iterator[Comparison]:
                # each reform: one frame through the columnar engine, baseline and reform
                per_reform = [list(c.compare_scenarios(applicants)) for c in comparers]
                for i in range(len(applicants)):
                    for one, comparisons in zip(impacts, per_reform, strict=True):
                        one.add(comparisons[i])
                    yield per_reform[0][i]

            with run.io_errors():
                run.write(compared(), shown)
                run.show_table(shown)
                run.finish()
            if summary or chosen is CompareFormat.table:
                run.render_summary(_console(no_color, stderr=not many or chosen is not CompareFormat.table))
            _plot_compare(console, lang, plot, impacts, side_policies, quiet)
            return
        name, stream = listed
        options = BatchOptions(
            lang=lang.value,
            kind=the_kind,
            as_of=on,
            ignore_extra_columns=ignore_extra_columns,
            excel_safe=excel_safe,
            input_format=input_format.value if input_format else None,
            encoding=encoding,
        )
        evaluator = ChunkEvaluator(baseline, side_policies, on, today)
        reader = _compare_list(run, shown, evaluator, name, stream, options, rejects, quiet, sheet)
    finally:
        for source in (stdin, listed[1] if listed else None):
            if source is not None:
                source.close()
    if summary or chosen is CompareFormat.table:
        run.render_summary(_console(no_color, stderr=not many or chosen is not CompareFormat.table))
    if not quiet:
        line = _result_line(reader, impact, run.rejects_file, lang)
        if many:
            line = _many_result_line(reader, run, lang)
        console.print(Text(line), soft_wrap=True)
    _plot_compare(console, lang, plot, run.impacts, side_policies, quiet)
    raise typer.Exit(ExitCode.ROWS_REJECTED if reader.counts.rejected else ExitCode.OK)


def _plot_compare(
    console: Console,
    lang: str,
    plot: Path | None,
    impacts: list[BudgetImpact],
    policies: list[Policy],
    quiet: bool,
) -> None:
    """``--plot``: the budget by measure, baseline beside the reform (or each reform, side by side)."""
    from wenjiuye_cli.plot import MeasureBudget, budget_by_measure, measure_budgets

    if len(impacts) == 1:
        rows = measure_budgets(impacts[0])
        names: list[str | tuple[str, str]] = [("改革方案", "reform")]
    else:
        labels, totals = side_by_side_totals(impacts, policies)
        rows = [MeasureBudget(mid, row[0], tuple(row[1:])) for mid, row in totals.items()]
        names = list(labels)
    write_plot(console, lang, plot, lambda path: budget_by_measure(rows, names, path, lang=lang), quiet)


def _compare_list(
    run: _CompareRun,
    shown: _Shown,
    evaluator: ChunkEvaluator,
    name: str,
    stream: BinaryIO,
    options: BatchOptions,
    rejects: Path | None,
    quiet: bool,
    sheet: str | None = None,
) -> FrameReader:
    """Stream an applicant list through the comparison, a chunk at a time on the columnar engine
    (:mod:`wenjiuye_cli.whatif.lists`); rejects go to their file, as in batch."""
    from wenjiuye_cli.cli.commands.batch import (
        progress_bar,
        regular_file_size,
        rejects_target,
    )

    console, lang = run.console, run.lang
    rejects_path, rejects_always = rejects_target(name, run.output, rejects)
    conflict = output_conflict(name, run.output, rejects_path, run.summary_file)
    if conflict is not None:
        raise _fail(console, t(lang, *conflict), ExitCode.USAGE)

    def open_rejects() -> TextIO:
        return run.open_file(rejects_path, True)  # for Excel, as batch writes it

    sink = RejectSink(open_rejects, options.lang, options.excel_safe, always=rejects_always)
    where = "<stdin>" if name == "-" else name
    show_progress = console.is_terminal and not quiet
    # `kill` (SIGTERM) ends the run like Ctrl-C: temporary files are removed, no output appears.
    main_thread = threading.current_thread() is threading.main_thread()
    previous_term = signal.signal(signal.SIGTERM, raise_terminated) if main_thread else None
    try:
        with run.io_errors():
            with progress_bar(console, Lang(lang), regular_file_size(stream), show_progress) as (
                on_start,
                on_progress,
            ):
                try:
                    reader = _start_list(run, name, stream, options, sheet, sink, on_start)
                    if run.side_policies is None and run.fmt is CompareFormat.csv and not shown.itemised:
                        # a row per applicant worked out over columns, as comparison_row writes it
                        fast = compare_csv_list(
                            reader, evaluator, run.impact, sink.write, options.lang, on_progress
                        )
                        run.write_csv_rows(fast, shown)
                    else:
                        through = budget_list if run.side_policies is not None else compare_list
                        run.write(
                            through(reader, evaluator, run.impacts, sink.write, options.lang, on_progress),
                            shown,
                        )
                    sink.finish()
                except BatchError as exc:
                    raise _fail(console, f"{where}: {exc.text(lang)}", exc.code) from None
            run.rejects_file = str(rejects_path) if sink.opened else None
            run.show_table(shown)
            run.finish()
    except (KeyboardInterrupt, Terminated) as exc:
        raise _fail(console, interrupted_text(lang, exc), interrupted_code(exc)) from None
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_term)
    return reader


def _start_list(
    run: _CompareRun,
    name: str,
    stream: BinaryIO,
    options: BatchOptions,
    sheet: str | None,
    sink: RejectSink,
    on_start: Callable[[InputInfo], None] | None,
) -> FrameReader:
    """Open the list, as batch does: the rejects get its columns, look-alike headers a warning, the
    progress bar its size."""
    from wenjiuye_cli.cli.commands.batch import lookalike_warnings

    reader = open_list(name, stream, options, sheet)
    run.reader = reader
    sink.set_columns(reader.info.columns)
    for warning in lookalike_warnings(reader.info, run.lang):
        run.console.print(Text(warning), style="yellow")
    if on_start is not None:
        on_start(reader.info)
    return reader


def open_list(name: str, stream: BinaryIO, options: BatchOptions, sheet: str | None) -> FrameReader:
    """The reader of a list: a named CSV/xlsx/Parquet file by its path (the fast CSV split needs it),
    stdin or a peeked stream as CSV/NDJSON."""
    lower = name.lower()
    path = Path(name)
    if name != "-" and (lower.endswith(BINARY_LIST_SUFFIXES) or (lower.endswith(".csv") and path.is_file())):
        stream.close()
        return open_reader(path, options, sheet=sheet)
    return open_reader(name, options, sheet=sheet, stream=stream)


def _check_side_by_side(
    console: Console, lang: str, itemised: bool, changed_only: bool, chosen: CompareFormat
) -> None:
    """Several reforms side by side give a budget view, not a row per applicant."""
    wrong = [name for name, given in (("--itemised", itemised), ("--changed-only", changed_only),
                                      ("-f ndjson", chosen is CompareFormat.ndjson)) if given]  # fmt: skip
    if wrong:
        names = ", ".join(wrong)
        raise _fail(
            console,
            t(lang, f"多个改革方案并列对比时输出预算表（table/json/csv），不能用 {names}；逐人对比请一次给一个方案",
               f"several reforms side by side give the budget view (table/json/csv), not {names}; "
               f"compare one reform at a time for per-applicant rows"),
            ExitCode.USAGE,
        )  # fmt: skip


def _many_result_line(reader: FrameReader, run: _CompareRun, lang: str) -> str:
    """The row counts and each reform's total, on stderr."""
    c = reader.counts
    rejected = (
        t(
            lang,
            f"，拒绝 {c.rejected:,}（见 {run.rejects_file}）",
            f", rejected {c.rejected:,} (see {run.rejects_file})",
        )
        if c.rejected
        else t(lang, "，无拒绝", ", none rejected")
    )
    doc = run.summary()
    parts = [f"{r['label']} {r['total']}（{_signed(Decimal(r['difference']))}）" for r in doc["reforms"]]
    return t(
        lang,
        f"读取 {c.read:,} 行：对比 {run.impact.applicants:,}{rejected}；合计 基准 {doc['baseline_total']} 元；"
        + "；".join(parts),
        f"read {c.read:,} rows: compared {run.impact.applicants:,}{rejected}; total baseline "
        f"{doc['baseline_total']}; " + "; ".join(p.replace("（", " (").replace("）", ")") for p in parts),
    )


def _result_line(reader: FrameReader, impact: BudgetImpact, rejects_file: str | None, lang: str) -> str:
    """``rows read = compared + rejected`` and the totals, on stderr (like batch's line)."""
    c = reader.counts
    rejected = (
        t(
            lang,
            f"，拒绝 {c.rejected:,}（见 {rejects_file}）",
            f", rejected {c.rejected:,} (see {rejects_file})",
        )
        if c.rejected
        else t(lang, "，无拒绝", ", none rejected")
    )
    blank = t(lang, f"，跳过空行 {c.blank:,}", f", {c.blank:,} blank rows skipped") if c.blank else ""
    total = impact.total
    return t(
        lang,
        f"读取 {c.read:,} 行：对比 {impact.applicants:,}{rejected}{blank}；合计 基准 {fmt_money(total.baseline)} 元 → "
        f"改革后 {fmt_money(total.reform)} 元（{_signed(total.difference)}）",
        f"read {c.read:,} rows: compared {impact.applicants:,}{rejected}{blank}; total baseline "
        f"{fmt_money(total.baseline)} → reform {fmt_money(total.reform)} yuan ({_signed(total.difference)})",
    )


@dataclass(frozen=True)
class _Shown:
    """What the per-applicant output shows."""

    itemised: bool
    excel_safe: bool
    changed_only: bool
    no_color: bool


class _CompareRun:
    """One comparison's outputs: the per-applicant output (or table), the summary, the files.

    Output files (``-o``, the rejects, ``--summary-file``) are written under temporary names and renamed
    into place together by :meth:`commit`, once everything has been computed: a run that fails or is
    interrupted leaves none of them behind (:meth:`discard`).
    """

    def __init__(
        self,
        console: Console,
        fmt: CompareFormat,
        output: Path | None,
        summary_file: Path | None,
        impact: BudgetImpact,
        stamp: dict[str, Any],
        lang: str,
        budget: Decimal | None,
    ) -> None:
        self.console = console
        self.fmt = fmt
        self.output = output
        self.summary_file = summary_file
        self.impact = impact
        self.stamp = stamp
        self.lang = lang
        self.budget = budget
        self.reader: FrameReader | None = None
        self.impacts = [impact]  # one per reform, the first is ``impact``
        self.side_policies: list[Policy] | None = None  # several reforms side by side (else None)
        self.rejects_file: str | None = None
        self.files: list[AtomicTextFile] = []
        self._table: tuple[Table, int] | None = None

    def summary(self) -> dict[str, Any]:
        """The budget view; for an applicant list also the input, the row counts and the rejects file."""
        if self.side_policies is not None:
            doc = side_by_side_dict(self.impacts, self.side_policies, self.lang, self.budget)
        else:
            doc = self.impact.as_dict(self.lang, self.budget)
        if self.reader is not None:
            doc.update(rows_summary(self.reader, self.impact))
            doc["rejects_file"] = self.rejects_file
        return doc

    def open_file(self, path: Path, bom: bool) -> TextIO:
        if is_stdout(path):
            return sys.stdout
        handle = AtomicTextFile(path, bom=bom)
        self.files.append(handle)
        return handle.stream

    def commit(self) -> None:
        commit_all(self.files)

    def discard(self) -> None:
        for handle in self.files:
            handle.discard()  # a no-op for committed files

    @contextmanager
    def io_errors(self) -> Iterator[None]:
        """An output that cannot be written ends the run with exit code 74 (a closed stdout: quietly);
        whatever happens, files not yet committed are removed."""
        side = None if self.output is None else (self.console, self.lang)  # results in a file: see batch
        try:
            with quiet_broken_pipe(side):
                yield
        except OSError as exc:  # every output names itself (a file, or <stdout>): see atomic.LabelledFileIO
            stdout_to_devnull()  # what stdout still holds is not flushed again at exit
            raise _fail(self.console, write_error_text(exc, self.lang), ExitCode.IO_ERROR) from None
        finally:
            self.discard()

    def render_summary(self, console: Console) -> None:
        if self.side_policies is not None:
            _render_side_by_side(console, self.summary(), self.lang)
        else:
            _render_summary(console, self.impact, self.summary(), self.lang)

    def write(self, comparisons: Iterator[Comparison], shown: _Shown) -> None:
        """Consume every comparison, writing it out (a table is only built here: see :meth:`show_table`)."""
        if self.side_policies is not None:  # side by side: the budget view is the output
            for _ in comparisons:
                pass
            if self.fmt is CompareFormat.table:
                return
            out: IO[str] = sys.stdout
            if self.output is not None:
                out = self.open_file(self.output, self.fmt is CompareFormat.csv)
            doc = self.summary()
            if self.fmt is CompareFormat.csv:
                self.console.print(
                    Text(json.dumps(self.stamp, ensure_ascii=False)), style="dim", soft_wrap=True
                )
                writer = csv.writer(out, lineterminator="\r\n")
                labels = [r["label"] for r in doc["reforms"]]
                writer.writerow(side_by_side_columns(labels))
                writer.writerows(side_by_side_rows(doc))
            else:
                json.dump({"stamp": self.stamp, "summary": doc}, out, ensure_ascii=False, indent=2)
                out.write("\n")
            return
        chosen = (c for c in comparisons if not shown.changed_only or c.changed)
        if self.fmt is CompareFormat.table:
            self._table = _compare_table(chosen, self.lang)
            return
        csv_out = self.fmt is CompareFormat.csv
        if csv_out:  # CSV has no room for metadata: the stamp goes to stderr
            self.console.print(Text(json.dumps(self.stamp, ensure_ascii=False)), style="dim", soft_wrap=True)
        out = sys.stdout
        if self.output is not None:  # Excel needs the BOM to read a UTF-8 .csv file
            out = self.open_file(self.output, csv_out and self.output.suffix.lower() == ".csv")
        carried = self.carried_columns()
        _write_compare(
            out,
            self.fmt,
            chosen,
            self.summary,
            self.lang,
            self.stamp,
            shown.itemised,
            shown.excel_safe,
            carried,
        )

    def carried_columns(self) -> tuple[str, ...]:
        """The list's carried columns (序号, 姓名, 身份证号) whose cells the readers hand over: a CSV, xlsx or
        Parquet list's (an NDJSON list's are not carried yet)."""
        if self.reader is None or self.reader.info.format == "ndjson":
            return ()
        return self.reader.info.carried_columns

    def write_csv_rows(
        self, rows: Iterator[tuple[bool, list[str], dict[str, str] | None]], shown: _Shown
    ) -> None:
        """``-f csv`` from rows already made (:func:`wenjiuye_cli.whatif.lists.compare_csv_list`)."""
        self.console.print(Text(json.dumps(self.stamp, ensure_ascii=False)), style="dim", soft_wrap=True)
        out: IO[str] = sys.stdout
        if self.output is not None:
            out = self.open_file(self.output, self.output.suffix.lower() == ".csv")
        carried = self.carried_columns()
        columns = with_carried(COMPARE_COLUMNS, carried)
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([guard_formula(c) for c in columns] if shown.excel_safe else columns)
        text_cols = {"id", "name", "changed_measures", "department", *carried}
        for changed, cells, kept in rows:
            if shown.changed_only and not changed:
                continue
            if carried:
                cells = with_carried(cells, [(kept or {}).get(h) or "" for h in carried])
            writer.writerows(guarded_rows([cells], columns, text_cols, shown.excel_safe))

    def show_table(self, shown: _Shown) -> None:
        if self._table is not None:
            table, hidden = self._table
            _print_compare_table(table, hidden, self.lang, self.stamp, shown.no_color)

    def finish(self) -> None:
        """Write the summary file and commit every file. A summary on stdout comes after the files are in
        place, so a reader that stops early (``| head``) loses none of them."""
        on_stdout = self.summary_file is not None and is_stdout(self.summary_file)
        if self.summary_file is not None and not on_stdout:
            self._dump_summary(self.open_file(self.summary_file, False))
        self.commit()
        if on_stdout:
            try:
                self._dump_summary(sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:
                stdout_to_devnull()  # the files are written; the exit code still tells of rejects

    def _dump_summary(self, stream: IO[str]) -> None:
        json.dump({"stamp": self.stamp, "summary": self.summary()}, stream, ensure_ascii=False, indent=2)
        stream.write("\n")


def _kind_option(console: Console, lang: str, kind: str | None) -> str | None:
    if kind is None:
        return None
    the_kind = parse_kind(kind)
    if the_kind is None:
        raise _fail(
            console,
            t(
                lang,
                f"未知类型 {kind!r}，应为 {', '.join(KINDS)}",
                f"unknown kind {kind!r}; one of {', '.join(KINDS)}",
            ),
            ExitCode.USAGE,
        )
    return the_kind


def _check_encoding(console: Console, lang: str, encoding: str | None) -> None:
    if encoding is None:
        return
    try:
        canonical_encoding(encoding)
    except LookupError:
        raise _fail(
            console, t(lang, f"未知编码：{encoding}", f"unknown encoding: {encoding}"), ExitCode.USAGE
        ) from None


def _sort_inputs(
    console: Console, lang: str, inputs: list[str], as_list: bool
) -> tuple[tuple[str, BinaryIO] | None, BinaryIO | None]:
    """The applicant list to stream (name, stream), if the input is one, and stdin re-readable from the
    start if it was peeked at. A list must be the only input: its row numbers name lines of one file."""
    lists: list[tuple[str, BinaryIO]] = []
    stdin: BinaryIO | None = None
    try:
        for name in inputs:
            if name == "-":
                head, stdin = peek_head(stdin_or_exit(console, lang))
                if as_list or is_batch_input(name, head):
                    lists.append((name, stdin))
                    stdin = None
                continue
            lower = name.lower()
            if as_list or lower.endswith(BATCH_SUFFIXES):
                lists.append((name, Path(name).open("rb")))
            elif not lower.endswith(SCENARIO_SUFFIXES):
                head, peeked = peek_head(Path(name).open("rb"), owned=True)
                if is_batch_input(name, head):
                    lists.append((name, peeked))
                else:
                    peeked.close()
    except OSError as exc:
        for _, opened in lists:
            opened.close()
        what = exc.strerror or str(exc)
        raise _fail(
            console,
            t(lang, f"无法读取 {exc.filename}：{what}", f"cannot read {exc.filename}: {what}"),
            ExitCode.NO_INPUT,
        ) from None
    if lists and len(inputs) > 1:
        for _, opened in lists:
            opened.close()
        names = ", ".join(n for n, _ in lists)
        raise _fail(
            console,
            t(lang, f"CSV/NDJSON 申请人名单（{names}）只能单独对比，不能与其他输入一起",
               f"an applicant list (CSV/NDJSON: {names}) is compared on its own, not with other inputs"),
            ExitCode.USAGE,
        )  # fmt: skip
    return (lists[0] if lists else None), stdin


def _default_format(output: Path | None) -> CompareFormat:
    """By the output file's extension; a table on a terminal; JSON otherwise."""
    if output is not None:
        suffix = output.suffix.lower()
        if suffix == ".csv":
            return CompareFormat.csv
        if suffix in (".ndjson", ".jsonl"):
            return CompareFormat.ndjson
        return CompareFormat.json
    return CompareFormat.table if sys.stdout.isatty() else CompareFormat.json


def _money_option(console: Console, lang: str, text: str | None) -> Decimal | None:
    if text is None:
        return None
    cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
        if not value.is_finite() or value < 0:
            raise InvalidOperation
    except InvalidOperation:
        raise _fail(
            console,
            t(
                lang,
                f"--budget 应为非负金额（元），而不是 {text!r}",
                f"--budget needs an amount in yuan, got {text!r}",
            ),
            ExitCode.USAGE,
        ) from None
    return value


def _write_compare(
    out: IO[str],
    fmt: CompareFormat,
    comparisons: Iterable[Comparison],
    summary: Callable[[], dict[str, Any]],
    lang: str,
    stamp: dict[str, Any],
    itemised: bool,
    excel_safe: bool,
    carried: tuple[str, ...] = (),
) -> None:
    """Stream the comparisons; JSON ends with ``summary()``, called once every comparison is written.
    ``carried``: the list's carried columns (序号, 姓名, 身份证号), written after the id in CSV."""
    if fmt is CompareFormat.csv:
        writer = csv.writer(out, lineterminator="\r\n")
        text_cols = {"id", "name", "changed_measures", "department", *carried}
        columns = with_carried(COMPARE_ITEM_COLUMNS if itemised else COMPARE_COLUMNS, carried)
        # the carried headers are the user's text: guarded too, as batch does
        writer.writerow([guard_formula(c) for c in columns] if excel_safe else columns)
        for comparison in comparisons:
            rows = comparison_item_rows(comparison) if itemised else [comparison_row(comparison)]
            if carried:
                cells = carried_cells(comparison, carried)
                rows = [with_carried(r, cells) for r in rows]
            writer.writerows(guarded_rows(rows, columns, text_cols, excel_safe))
    elif fmt is CompareFormat.ndjson:
        for comparison in comparisons:
            line = comparison_dict(comparison, lang)
            line["stamp"] = stamp
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    else:
        # Streamed: the applicants array is written one element at a time, the summary after it.
        out.write('{\n"stamp": ' + json.dumps(stamp, ensure_ascii=False) + ',\n"applicants": [')
        first = True
        for comparison in comparisons:
            out.write("\n" if first else ",\n")
            out.write(json.dumps(comparison_dict(comparison, lang), ensure_ascii=False))
            first = False
        out.write("\n],\n" if not first else "],\n")
        out.write('"summary": ' + json.dumps(summary(), ensure_ascii=False, indent=2) + "\n}\n")


def _compare_table(comparisons: Iterable[Comparison], lang: str) -> tuple[Table, int]:
    """The first TABLE_ROW_LIMIT comparisons as a table (a rich Table holds every row), and how many
    more were consumed but not shown."""
    # Narrow columns for the figures (which never wrap) and the id; the measures that changed get the rest
    # and wrap, so at 80 columns nothing is cut.
    table = Table(
        title=t(lang, "基准与改革方案对比（元）", "baseline versus reform (yuan)"), title_justify="left",
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
    )  # fmt: skip
    table.add_column(Wrapped(t(lang, "申请人", "applicant")), max_width=14, overflow="fold")
    table.add_column(Wrapped(t(lang, "基准", "baseline")), justify="right", no_wrap=True)
    table.add_column(Wrapped(t(lang, "改革后", "reform")), justify="right", no_wrap=True)
    table.add_column(Wrapped(t(lang, "差额", "difference")), justify="right", no_wrap=True)
    table.add_column(Wrapped(t(lang, "变化", "change")), max_width=10, overflow="fold")
    table.add_column(Wrapped(t(lang, "变化的措施", "measures that changed")), overflow="fold")
    shown = hidden = 0
    for comparison in comparisons:
        if shown >= TABLE_ROW_LIMIT:
            hidden += 1
            continue
        shown += 1
        diff = comparison.difference
        style = "green" if diff > 0 else "red" if diff < 0 else ""
        if comparison.direction is Direction.UNDECIDED:
            style = "yellow"
        lines = []
        for item in money_changes(comparison):
            label = CHANGE_LABELS[item.change][0 if lang == "zh" else 1]
            moved = describe_item(item, lang)
            m = item.measure
            lines.append(
                t(lang, f"{m.name(lang)}（{citation(m.article, m.tasks, lang)}）{label}：{moved}",
                   f"{m.name(lang)} ({citation(m.article, m.tasks, lang)}) {label}: {moved}")
            )  # fmt: skip
        status_only = sum(i.change is Change.STATUS_CHANGED for i in comparison.items)
        if status_only:
            lines.append(
                t(lang, f"另有 {status_only} 项仅状态变化（如 不符合→无法判断），金额不变",
                   f"{status_only} more changed status only (e.g. ineligible → cannot decide), not amount")
            )  # fmt: skip
        direction = DIRECTION_LABELS[comparison.direction][0 if lang == "zh" else 1]
        kind = KINDS[comparison.applicant.kind][0 if lang == "zh" else 1]
        table.add_row(
            Wrapped(t(lang, f"{comparison.applicant.id}（{kind}）", f"{comparison.applicant.id} ({kind})")),
            fmt_money(comparison.baseline.total),
            fmt_money(comparison.reform.total),
            Text(_signed(diff), style=style),
            Wrapped(direction),
            Wrapped("\n".join(lines)),
        )
    return table, hidden


def _print_compare_table(table: Table, hidden: int, lang: str, stamp: dict[str, Any], no_color: bool) -> None:
    out = _console(no_color, stderr=False)
    out.print(table)
    if hidden:
        out.print(
            Text(
                t(lang, f"……另有 {hidden} 个申请人未显示（用 -f csv 或 -o 文件 查看全部）",
                   f"… {hidden} more applicants not shown (use -f csv or -o FILE for all)"),
                style="yellow",
            )
        )  # fmt: skip
    out.print(Text(stamp_text(stamp), style="dim"))


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt_money(value)


def _render_summary(console: Console, impact: BudgetImpact, doc: dict[str, Any], lang: str) -> None:
    if "rows" in doc:
        rows = doc["rows"]
        console.print(
            Text(
                t(lang,
                   f"读取 {rows['read']:,} 行 = 对比 {rows['computed']:,} + 拒绝 {rows['rejected']:,}"
                   f"（空行 {rows['blank_skipped']:,}；编码 {doc['input']['encoding']}）",
                   f"rows read {rows['read']:,} = compared {rows['computed']:,} + rejected {rows['rejected']:,} "
                   f"({rows['blank_skipped']:,} blank; encoding {doc['input']['encoding']})"),
            ),
            soft_wrap=True,
        )  # fmt: skip
    console.print(  # wrapped to the terminal (between characters in Chinese), like the tables below
        paragraph(
            t(
                lang,
                f"申请人 {impact.applicants}：受益 {impact.better_off}，受损 {impact.worse_off}，不变 {impact.unchanged}，"
                f"无法判断 {impact.undecided}；新符合 {impact.newly_eligible}，不再符合 {impact.no_longer_eligible}；"
                f"有措施由可以判断变为无法判断 {impact.became_undecided}",
                f"applicants {impact.applicants}: better off {impact.better_off}, worse off {impact.worse_off}, "
                f"unchanged {impact.unchanged}, undecided {impact.undecided}; newly eligible "
                f"{impact.newly_eligible}, no longer eligible {impact.no_longer_eligible}; "
                f"with a measure that became undecidable under the reform {impact.became_undecided}",
            ),
            style="bold",
        )
    )
    for title, key, label in (
        (t(lang, "按措施", "by measure"), "by_measure", "name"),
        (t(lang, "按责任部门", "by department"), "by_department", "department"),
    ):
        # The figures never wrap; the names wrap (between characters in Chinese) and the headers too, so
        # at 80 columns every row fits: no column is dropped and nothing is cut.
        table = Table(
            title=title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        table.add_column(
            Wrapped(
                t(
                    lang,
                    "措施" if key == "by_measure" else "责任部门",
                    "measure" if key == "by_measure" else "department",
                )
            ),
            min_width=8,
            overflow="fold",
        )
        if key == "by_measure":
            table.add_column(Wrapped(t(lang, "条/序号", "art./task")), min_width=6, overflow="fold")
        for col in (t(lang, "基准", "baseline"), t(lang, "改革后", "reform")):
            table.add_column(Wrapped(col), justify="right", overflow="fold")
        table.add_column(Wrapped(t(lang, "差额", "difference")), justify="right", no_wrap=True)
        table.add_column(Wrapped(t(lang, "新符合", "newly eligible")), justify="right", max_width=8)
        table.add_column(Wrapped(t(lang, "不再符合", "no longer eligible")), justify="right", max_width=8)
        rows = doc[key] + [{label: t(lang, "合计", "total"), "article": "", "tasks": [], **doc["total"]}]
        for row in rows:
            shown = department_label(row[label], lang) if key == "by_department" else row[label]
            cells: list[Text] = [Wrapped(str(shown))]
            if key == "by_measure":
                cells.append(Wrapped(citation(row["article"], row["tasks"], lang) if row["article"] else ""))
            diff = Decimal(row["difference"])
            cells.extend(
                [
                    Text(
                        row["baseline"]
                        + (
                            f" (+{t(lang, '最高', 'max')} {row['baseline_maxima']})"
                            if Decimal(row["baseline_maxima"])
                            else ""
                        )
                    ),
                    Text(
                        row["reform"]
                        + (
                            f" (+{t(lang, '最高', 'max')} {row['reform_maxima']})"
                            if Decimal(row["reform_maxima"])
                            else ""
                        )
                    ),
                    Text(_signed(diff), style="green" if diff > 0 else "red" if diff < 0 else ""),
                    Text(str(row["newly_eligible"])),
                    Text(str(row["no_longer_eligible"])),
                ]
            )
            table.add_row(*cells)
        console.print(table)
    apart = doc["total"]["not_comparable"]
    if apart["became_undecided"] or apart["became_decided"]:
        console.print(
            Text(
                t(lang, f"差额不含一方无法判断的措施：{apart['became_undecided']} 项改革后无法判断（基准下 "
                        f"{apart['baseline']} 元），{apart['became_decided']} 项改革后才可以判断（改革后 "
                        f"{apart['reform']} 元）；这些金额在另一方未知，不是增加或减少",
                  f"differences leave out measures decidable under one policy only: {apart['became_undecided']} "
                  f"became undecidable under the reform ({apart['baseline']} under the baseline), "
                  f"{apart['became_decided']} became decidable ({apart['reform']} under the reform); their amount "
                  f"on the other side is unknown, not a gain or a loss"),
                style="yellow",
            ),
            soft_wrap=True,
        )  # fmt: skip
    if "budget" in doc:
        b = doc["budget"]
        within = b["within_budget"]
        share = f"{fmt_number(Decimal(b['share_used']) * 100)}%" if b["share_used"] is not None else "—"
        zh = (
            f"可用资金 {b['available']} 元；改革后合计 {b['reform_total']} 元（占 {share}），"
            f"{'结余' if within else '超支'} {b['remaining'].lstrip('-')} 元；基准合计 {b['baseline_total']} 元。"
        )
        en = (
            f"available {b['available']}; reform total {b['reform_total']} ({share} of it), "
            f"{'leaving' if within else 'over by'} {b['remaining'].lstrip('-')}; baseline total {b['baseline_total']}."
        )
        if b["reform_total_with_maxima"] != b["reform_total"]:
            fits = b["within_budget_with_maxima"]
            zh += f"若“最高”额度全额发放，需 {b['reform_total_with_maxima']} 元（{'在预算内' if fits else '超出预算'}）。"
            en += f" Paying every maximum in full needs {b['reform_total_with_maxima']} ({'within' if fits else 'over'} budget)."
        console.print(Text(t(lang, zh, en), style="green" if within else "red"), soft_wrap=True)


def _figure(total: str, difference: str | None = None) -> Text:
    """A budget cell: the total, and under it the change against the baseline (coloured)."""
    text = Text(total)
    if difference is not None:
        diff = Decimal(difference)
        text.append("\n" + _signed(diff), style="green" if diff > 0 else "red" if diff < 0 else "dim")
    return text


def _render_side_by_side(console: Console, doc: dict[str, Any], lang: str) -> None:
    """The budget of several reforms side by side: a column per reform beside the baseline, by measure and
    by department; each cell is the total and under it the change. At 80 columns nothing is cut: the
    names and headers wrap, the figures do not."""
    labels = [r["label"] for r in doc["reforms"]]
    if "rows" in doc:
        rows = doc["rows"]
        console.print(
            Text(
                t(lang,
                   f"读取 {rows['read']:,} 行 = 对比 {rows['computed']:,} + 拒绝 {rows['rejected']:,}",
                   f"rows read {rows['read']:,} = compared {rows['computed']:,} + rejected {rows['rejected']:,}"),
            ),
            soft_wrap=True,
        )  # fmt: skip
    for title, key, label in (
        (t(lang, "按措施（元；下行为与基准之差）", "by measure (yuan; below: change against the baseline)"),
         "by_measure", "name"),
        (t(lang, "按责任部门", "by department"), "by_department", "department"),
    ):  # fmt: skip
        table = Table(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
            collapse_padding=True,
        )  # fmt: skip
        table.add_column(
            Wrapped(t(lang, "措施", "measure") if key == "by_measure" else t(lang, "责任部门", "department")),
            min_width=8,
            overflow="fold",
        )
        table.add_column(Wrapped(t(lang, "基准", "baseline")), justify="right", no_wrap=True)
        for name in labels:
            table.add_column(Wrapped(name), justify="right", overflow="fold", min_width=9)
        hidden = 0
        for row in doc[key]:
            sides = row["reforms"]
            moved = any(Decimal(sides[n]["difference"]) or sides[n]["newly_eligible"] for n in labels)
            if (
                not Decimal(row["baseline"])
                and not moved
                and not any(Decimal(sides[n]["total"]) for n in labels)
            ):
                hidden += 1
                continue
            shown = department_label(row[label], lang) if key == "by_department" else row[label]
            if key == "by_measure":
                cited = citation(row["article"], row["tasks"], lang)
                shown = t(lang, f"{shown}（{cited}）", f"{shown} ({cited})")
            table.add_row(
                Wrapped(str(shown)),
                Text(row["baseline"]),
                *(_figure(sides[n]["total"], sides[n]["difference"]) for n in labels),
            )
        total = doc["total"]
        table.add_row(
            Wrapped(t(lang, "合计", "total")),
            Text(total["baseline"], style="bold"),
            *(_figure(total["reforms"][n]["total"], total["reforms"][n]["difference"]) for n in labels),
            style="bold",
        )
        console.print(table)
        if hidden:
            console.print(
                Text(t(lang, f"另有 {hidden} 项在基准与各方案下都是 0.00，未列出（见 -f json）",
                       f"{hidden} more are 0.00 under the baseline and every reform, not listed (see -f json)"),
                     style="dim")
            )  # fmt: skip
    for r in doc["reforms"]:
        files = "、".join(str(x["file"]) for x in r["reforms"]) or "--set"
        console.print(
            paragraph(
                t(lang,
                  f"{r['label']}（{files}）：合计 {r['total']} 元（{_signed(Decimal(r['difference']))}）；受益 "
                  f"{r['better_off']}，受损 {r['worse_off']}，无法判断 {r['undecided']}；新符合 {r['newly_eligible']}，"
                  f"不再符合 {r['no_longer_eligible']}",
                  f"{r['label']} ({files}): total {r['total']} ({_signed(Decimal(r['difference']))}); better off "
                  f"{r['better_off']}, worse off {r['worse_off']}, undecided {r['undecided']}; newly eligible "
                  f"{r['newly_eligible']}, no longer eligible {r['no_longer_eligible']}"),
            )
        )  # fmt: skip
        if "budget" in r:
            b = r["budget"]
            within = b["within_budget"]
            console.print(
                Text(t(lang, f"  可用资金 {b['available']} 元：{'结余' if within else '超支'} {b['remaining'].lstrip('-')} 元",
                       f"  available {b['available']}: {'leaving' if within else 'over by'} {b['remaining'].lstrip('-')}"),
                     style="green" if within else "red"),
                soft_wrap=True,
            )  # fmt: skip


# ------------------------------------------------------------------------------------------------ sweep


def sweep_command(
    scenario: Annotated[
        str,
        typer.Argument(
            help="情景文件（TOML/JSON），或申请人名单（CSV/xlsx/NDJSON/Parquet），- 表示标准输入 / "
            "a scenario file, or an applicant list"
        ),
    ],
    vary: Annotated[
        str | None,
        typer.Option("--vary", help="变动一项事实 FACT=START..STOP[:STEP] 或 FACT=a,b,c / vary a fact"),
    ] = None,
    vary_param: Annotated[
        list[str] | None,
        typer.Option(
            "--vary-param",
            help="变动一个参数 KEY=START..STOP[:STEP]（同 --set）；名单可给多个，组成网格 / vary a parameter "
            "(a list: several make a grid)",
        ),
    ] = None,
    step: Annotated[
        str | None, typer.Option("--step", help="未写步长的范围所用的步长 / the step of a range without one")
    ] = None,
    budget: Annotated[
        str | None,
        typer.Option("--budget", help="名单：可用资金（元），标出资金内的最大取值 / a list: available fund"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="名单：写入 .json/.csv/.xlsx 文件（原子写入）", dir_okay=False),
    ] = None,
    kind: KindOpt = None,
    rejects: RejectsOpt = None,
    encoding: EncodingOpt = None,
    ignore_extra_columns: IgnoreExtraColumnsOpt = False,
    sheet: SheetOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="名单：不显示进度和结果行 / no progress")
    ] = False,
    applicant_id: Annotated[
        str | None, typer.Option("--id", help="文件中有多个申请人时选择一个 / which applicant")
    ] = None,
    less_is_better: Annotated[
        bool,
        typer.Option(
            "--less-is-better",
            help="变动值越小越有利（默认越大越有利），用于判断断崖 / lower values are better when finding cliffs",
        ),
    ] = False,
    reforms: ReformOpt = None,
    sets: SetOpt = None,
    fmt: Annotated[
        SweepFormat | None, typer.Option("--format", "-f", help="table|csv|json（终端默认 table）")
    ] = None,
    plot: PlotOpt = None,  # the amount against the value swept, cliffs marked (wenjiuye_cli.plot)
    policy_file: PolicyOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    no_color: NoColorOpt = False,
    show_ids: ShowIdsOpt = False,
) -> None:
    """一个申请人在某事实或参数的一系列取值下的补贴，并指出断崖；或一个名单在参数各取值下的预算曲线 /
    entitlements across a range, with cliffs; or a list's budget across a parameter's values.

    名单：读取一次、校验一次，每块申请人在所有取值下计算后再读下一块；每个取值给出合计、与基准之差、
    每步边际成本、受益/受损/新符合/不再符合人数、按措施和责任部门的合计，并指出曲线变平之处。
    """
    console = err_console(no_color, show_ids)
    listed, stdin = _sort_inputs(console, lang, [scenario], False)
    if listed is not None:
        _sweep_list_command(
            console, listed, vary, vary_param or [], step, budget, output, kind, rejects, encoding,
            ignore_extra_columns, sheet, quiet, reforms, sets, fmt, policy_file, as_of, Lang(lang), no_color,
            plot,
        )  # fmt: skip
        return
    single = {"--budget": budget, "-o": output, "--kind": kind, "--rejects": rejects, "--encoding": encoding,
              "--sheet": sheet, "--ignore-extra-columns": ignore_extra_columns or None}  # fmt: skip
    wrong = [name for name, given in single.items() if given is not None]
    if len(vary_param or []) > 1:
        wrong.append("--vary-param ×2")
    if wrong:
        raise _fail(
            console,
            t(lang, f"{', '.join(wrong)} 只用于申请人名单的预算曲线，而输入是情景文件",
               f"{', '.join(wrong)} apply to a list's budget curve; the input is a scenario file"),
            ExitCode.USAGE,
        )  # fmt: skip
    vary_one: str | None = vary_param[0] if vary_param else None
    if step is not None:
        vary = _with_step(vary, step) if vary is not None else None
        vary_one = _with_step(vary_one, step) if vary_one is not None else None
    _sweep_one(console, scenario, stdin, vary, vary_one, applicant_id, less_is_better, reforms, sets, fmt,
               policy_file, as_of, lang, no_color, plot)  # fmt: skip


def _with_step(spec: str, step: str) -> str:
    """``KEY=a..b`` with ``:step`` when the range gives none."""
    name, _, text = spec.partition("=")
    return f"{name}={text}:{step}" if ".." in text and ":" not in text else spec


def _sweep_one(
    console: Console,
    scenario: str,
    stdin: BinaryIO | None,
    vary: str | None,
    vary_param: str | None,
    applicant_id: str | None,
    less_is_better: bool,
    reforms: list[Path] | None,
    sets: list[str] | None,
    fmt: SweepFormat | None,
    policy_file: Path | None,
    as_of: str | None,
    lang: Lang,
    no_color: bool,
    plot: Path | None = None,
) -> None:
    """Today's sweep: one applicant of a scenario file across a range."""
    if (vary is None) == (vary_param is None):
        raise _fail(
            console,
            t(lang, "请给出 --vary 或 --vary-param 之一", "give exactly one of --vary or --vary-param"),
            ExitCode.USAGE,
        )
    check_plot_option(console, lang, plot, [scenario])
    _baseline, policy = _policies(console, lang, policy_file, reforms, sets)
    on = parse_as_of(console, lang, as_of)
    applicants = read_scenarios_or_exit(console, lang, [scenario], stdin, command="sweep")
    _precise_or_exit(console, lang, applicants)
    applicant = _pick(console, lang, applicants, applicant_id)
    try:
        axis = (
            fact_axis(vary, applicant.kind) if vary is not None else parameter_axis(vary_param or "", policy)
        )
    except SweepError as exc:
        raise _fail(console, exc.text(lang), ExitCode.USAGE) from None
    today = date.today()
    with policy_errors(console, lang):
        points = sweep(applicant, policy, axis, on, today)
    spec = vary if vary is not None else vary_param
    better: Better = "lower" if less_is_better else "higher"
    stamp = run_stamp(policy, on, today, {"vary": f"{axis.target} {spec}", "better": better})
    cliffs = find_cliffs(points, better) if axis.ordered else []
    chosen = fmt or (SweepFormat.table if sys.stdout.isatty() else SweepFormat.json)
    with quiet_broken_pipe():
        if chosen is SweepFormat.json:
            json.dump(sweep_dict(axis, points, cliffs, lang, stamp), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif chosen is SweepFormat.csv:
            console.print(Text(json.dumps(stamp, ensure_ascii=False)), style="dim", soft_wrap=True)
            writer = csv.writer(sys.stdout, lineterminator="\r\n")
            writer.writerow(sweep_columns(points))
            writer.writerows(sweep_rows(points, cliffs))
        else:
            _sweep_table(axis, points, cliffs, lang, stamp, no_color)
    _plot_sweep(console, lang, plot, axis, points, cliffs)


def _plot_sweep(
    console: Console, lang: str, plot: Path | None, axis: Axis, points: list[SweepPoint], cliffs: list[Cliff]
) -> None:
    """``--plot``: the applicant's amount against the value swept, the cliffs marked."""
    from wenjiuye_cli.plot import sweep_amount

    label = (axis.label_zh, axis.label_en)
    write_plot(
        console,
        lang,
        plot,
        lambda path: sweep_amount(points, cliffs, axis.name, path, lang=lang, value_label=label),
    )


def _sweep_list_command(
    console: Console,
    listed: tuple[str, BinaryIO],
    vary: str | None,
    vary_params: list[str],
    step: str | None,
    budget: str | None,
    output: Path | None,
    kind: str | None,
    rejects: Path | None,
    encoding: str | None,
    ignore_extra_columns: bool,
    sheet: str | None,
    quiet: bool,
    reforms: list[Path] | None,
    sets: list[str] | None,
    fmt: SweepFormat | None,
    policy_file: Path | None,
    as_of: str | None,
    lang: Lang,
    no_color: bool,
    plot: Path | None = None,
) -> None:
    """A list's budget across the values of one or more parameters (a grid): one read, one validation."""
    name, stream = listed
    try:
        check_plot_option(console, lang, plot, [output, rejects])
        if plot is not None and len(vary_params) != 1:
            raise _fail(
                console,
                t(
                    lang,
                    "--plot 画一条预算曲线：请只给一个 --vary-param",
                    "--plot draws one budget curve: give a single --vary-param",
                ),
                ExitCode.USAGE,
            )
        if vary is not None or not vary_params:
            raise _fail(
                console,
                t(lang, "名单的预算曲线变动参数：请用 --vary-param KEY=START..STOP（--vary 用于一个申请人）",
                   "a list's budget curve varies parameters: give --vary-param KEY=START..STOP "
                   "(--vary is for one applicant)"),
                ExitCode.USAGE,
            )  # fmt: skip
        available = _money_option(console, lang, budget)
        the_kind = _kind_option(console, lang, kind)
        _check_encoding(console, lang, encoding)
        if output is not None and is_stdout(output):
            output = None
        chosen = fmt or _sweep_format(output)
        if output is not None and output.suffix.lower() not in (".json", ".csv", ".xlsx"):
            raise _fail(
                console,
                t(lang, f"{output}：预算曲线写成 .json、.csv 或 .xlsx 文件",
                   f"{output}: a budget curve is written as a .json, .csv or .xlsx file"),
                ExitCode.USAGE,
            )  # fmt: skip
        if chosen is SweepFormat.table and output is not None:
            raise _fail(console, t(lang, "表格只输出到终端；写文件请用 -f csv/json",
                                   "a table is for the terminal; use -f csv/json with -o"), ExitCode.USAGE)  # fmt: skip
        _baseline, policy = _policies(console, lang, policy_file, reforms, sets)
        on = parse_as_of(console, lang, as_of)
        try:
            axes = list_axes(vary_params, policy, step)
        except SweepError as exc:
            raise _fail(console, exc.text(lang), ExitCode.USAGE) from None
        with policy_errors(console, lang):
            points = [point_policy(policy, axes, values) for values in grid(axes)]
        today = date.today()
        spec = " ".join(vary_params) + (f" --step {step}" if step else "")
        stamp = run_stamp(policy, on, today, {"vary": f"parameter {spec}"})
        evaluator = ChunkEvaluator(policy, points, on, today)
        options = BatchOptions(
            lang=lang.value, kind=the_kind, as_of=on, ignore_extra_columns=ignore_extra_columns,
            encoding=encoding,
        )  # fmt: skip
        run = _CompareRun(console, CompareFormat.json, output, None, BudgetImpact(), stamp, lang, available)
        reader, impacts = _sweep_read(run, evaluator, name, stream, options, rejects, quiet, sheet)
        result = ListSweep(
            axes, [ListPoint(v, i) for v, i in zip(grid(axes), impacts, strict=True)], available
        )
        with run.io_errors():
            if chosen is SweepFormat.table:
                _list_sweep_table(result, lang, stamp, no_color)
            elif output is not None and output.suffix.lower() == ".xlsx":
                _list_sweep_xlsx(output, result, lang)
            else:
                out: IO[str] = sys.stdout
                if output is not None:
                    out = run.open_file(output, chosen is SweepFormat.csv)
                if chosen is SweepFormat.csv:
                    console.print(Text(json.dumps(stamp, ensure_ascii=False)), style="dim", soft_wrap=True)
                    writer = csv.writer(out, lineterminator="\r\n")
                    writer.writerow(list_sweep_columns(result))
                    writer.writerows(list_sweep_rows(result))
                else:
                    doc = list_sweep_dict(result, lang, stamp)
                    doc["input"] = rows_summary(reader, impacts[0] if impacts else BudgetImpact())
                    json.dump(doc, out, ensure_ascii=False, indent=2)
                    out.write("\n")
            run.finish()
    finally:
        stream.close()
    _plot_budget_curve(console, lang, plot, result, quiet)
    if not quiet:
        c = reader.counts
        rejected = (
            t(lang, f"，拒绝 {c.rejected:,}（见 {run.rejects_file}）", f", rejected {c.rejected:,} (see {run.rejects_file})")
            if c.rejected else t(lang, "，无拒绝", ", none rejected")
        )  # fmt: skip
        console.print(
            Text(t(lang, f"读取 {c.read:,} 行：计算 {result.applicants:,}{rejected}；{len(result.points)} 个取值，"
                         f"基准合计 {fmt_money(result.baseline_total)} 元",
                   f"read {c.read:,} rows: computed {result.applicants:,}{rejected}; {len(result.points)} points, "
                   f"baseline total {fmt_money(result.baseline_total)}")),
            soft_wrap=True,
        )  # fmt: skip
    raise typer.Exit(ExitCode.ROWS_REJECTED if reader.counts.rejected else ExitCode.OK)


def _plot_budget_curve(
    console: Console, lang: str, plot: Path | None, result: ListSweep, quiet: bool
) -> None:
    """``--plot`` on a list: the budget total against the value swept, the baseline as a line, the funds
    (``--budget``) as a limit."""
    from wenjiuye_cli.plot import budget_curve

    if plot is None:
        return
    (axis,) = result.axes
    curve = [(point.values[0], point.total) for point in result.points]
    label = (axis.label_zh, axis.label_en)
    write_plot(
        console,
        lang,
        plot,
        lambda path: budget_curve(
            curve, result.baseline_total, axis.name, path, limit=result.budget, lang=lang, value_label=label
        ),
        quiet,
    )


def _sweep_format(output: Path | None) -> SweepFormat:
    if output is not None:
        return SweepFormat.csv if output.suffix.lower() == ".csv" else SweepFormat.json
    return SweepFormat.table if sys.stdout.isatty() else SweepFormat.json


def _sweep_read(
    run: _CompareRun,
    evaluator: ChunkEvaluator,
    name: str,
    stream: BinaryIO,
    options: BatchOptions,
    rejects: Path | None,
    quiet: bool,
    sheet: str | None,
) -> tuple[FrameReader, list[BudgetImpact]]:
    """Read the list once, each chunk under every point; rejects to their file as in batch."""
    from wenjiuye_cli.cli.commands.batch import (
        progress_bar,
        regular_file_size,
        rejects_target,
    )

    console, lang = run.console, run.lang
    rejects_path, rejects_always = rejects_target(name, run.output, rejects)
    conflict = output_conflict(name, run.output, rejects_path, None)
    if conflict is not None:
        raise _fail(console, t(lang, *conflict), ExitCode.USAGE)
    sink = RejectSink(
        lambda: run.open_file(rejects_path, True), options.lang, options.excel_safe, always=rejects_always
    )
    where = "<stdin>" if name == "-" else name
    main_thread = threading.current_thread() is threading.main_thread()
    previous_term = signal.signal(signal.SIGTERM, raise_terminated) if main_thread else None
    try:
        with run.io_errors():
            show = console.is_terminal and not quiet
            with progress_bar(console, Lang(lang), regular_file_size(stream), show) as (
                on_start,
                on_progress,
            ):
                try:
                    reader = _start_list(run, name, stream, options, sheet, sink, on_start)
                    impacts = sweep_list(reader, evaluator, sink.write, options.lang, on_progress)
                    sink.finish()
                except BatchError as exc:
                    raise _fail(console, f"{where}: {exc.text(lang)}", exc.code) from None
            run.rejects_file = str(rejects_path) if sink.opened else None
    except (KeyboardInterrupt, Terminated) as exc:
        raise _fail(console, interrupted_text(lang, exc), interrupted_code(exc)) from None
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_term)
    return reader, impacts


def _list_sweep_xlsx(path: Path, result: ListSweep, lang: str) -> None:
    """The sweep as a workbook: a row per point, money as numbers (atomic, via io.writers)."""
    import polars as pl

    from wenjiuye_cli.io.writers import open_writer

    columns = list_sweep_columns(result)
    rows = list(list_sweep_rows(result))
    money_cols = {"total", "difference", "step_cost"} | {c for c in columns if ":" in c}
    counts = {"better_off", "worse_off", "newly_eligible", "no_longer_eligible"}
    data: dict[str, pl.Series] = {}
    for j, name in enumerate(columns):
        cells = [r[j] for r in rows]
        if name in money_cols:
            data[name] = pl.Series(name, [Decimal(c) if c else None for c in cells], dtype=pl.Decimal(38, 2))
        elif name in counts:
            data[name] = pl.Series(name, [int(c) for c in cells], dtype=pl.Int64)
        else:
            data[name] = pl.Series(name, cells, dtype=pl.String)
    with open_writer(path) as out:
        out.write(pl.DataFrame(data))


def _list_sweep_table(result: ListSweep, lang: str, stamp: dict[str, Any], no_color: bool) -> None:
    """The budget curve on a terminal: a row per value; then the measures and departments that move. At 80
    columns nothing is cut (headers wrap, figures do not)."""
    out = _console(no_color, stderr=False)
    steps = result.steps()
    bends = {b.at: b for b in result.bends()}
    best = set(result.within_budget())
    names = " × ".join(f"{a.label(lang)}（{a.name}）" if lang == "zh" else f"{a.label(lang)} ({a.name})"
                       for a in result.axes)  # fmt: skip
    title = t(lang, f"预算曲线：{names}；{result.applicants:,} 个申请人，基准合计 {fmt_money(result.baseline_total)} 元",
              f"budget curve: {names}; {result.applicants:,} applicants, baseline total "
              f"{fmt_money(result.baseline_total)}")  # fmt: skip
    out.print(paragraph(title, style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for a in result.axes:
        table.add_column(Wrapped(a.name.rsplit(".", 1)[-1]), justify="right", overflow="fold")
    for header in (
        t(lang, "合计", "total"),
        t(lang, "与基准之差", "vs baseline"),
        t(lang, "每步边际", "step cost"),
    ):
        table.add_column(Wrapped(header), justify="right", no_wrap=True)
    for header in (t(lang, "受益", "gain"), t(lang, "受损", "lose"), t(lang, "新符合", "newly elig."),
                   t(lang, "不再符合", "no longer elig.")):  # fmt: skip
        table.add_column(Wrapped(header), justify="right", max_width=6)
    table.add_column("", overflow="fold", min_width=4)
    for i, p in enumerate(result.points):
        step = steps.get(i)
        marks = []
        if i in bends:
            doc = bend_dict(result, bends[i])
            if not doc["no_effect"] and not doc["still_moving_at_end"]:
                marks.append(t(lang, "◆变平", "◆flat"))
        if i in best:
            marks.append(t(lang, "✓资金内", "✓in budget"))
        diff = p.difference
        table.add_row(
            *(Text(value_text(v)) for v in p.values),
            Text(fmt_money(p.total), style="bold" if i in best else ""),
            Text(_signed(diff), style="green" if diff > 0 else "red" if diff < 0 else "dim"),
            Text(
                "" if step is None else _signed(step.cost),
                style="dim" if step is None or not step.cost else "",
            ),
            Text(str(p.impact.better_off)),
            Text(str(p.impact.worse_off)),
            Text(str(p.impact.newly_eligible)),
            Text(str(p.impact.no_longer_eligible)),
            Wrapped(" ".join(marks)),
        )
    out.print(table)
    moving = result.moving_measures()
    if moving and len(result.points) > 1:
        detail = Table(title=t(lang, "按措施（变化的措施，元）", "by measure (those that move, yuan)"),
                       title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                       collapse_padding=True)  # fmt: skip
        for a in result.axes:
            detail.add_column(Wrapped(a.name.rsplit(".", 1)[-1]), justify="right", overflow="fold")
        for mid in moving[:6]:
            m = measure_by_id(mid)
            detail.add_column(Wrapped(t(lang, f"{m.name(lang)}（{citation(m.article, m.tasks, lang)}）", f"{m.name(lang)} ({citation(m.article, m.tasks, lang)})")), justify="right",
                              overflow="fold", min_width=10)  # fmt: skip
        departments = list(dict.fromkeys(measure_by_id(mid).department for mid in moving))
        for d in departments[:2]:
            detail.add_column(
                Wrapped(department_label(d, lang)), justify="right", overflow="fold", min_width=10
            )
        base = result.points[0].impact
        detail.add_row(
            *(Text(t(lang, "基准", "baseline"), style="dim") for _ in result.axes[:1]),
            *(Text("") for _ in result.axes[1:]),
            *(Text(fmt_money(base.by_measure[mid].baseline), style="dim") for mid in moving[:6]),
            *(Text(fmt_money(base.by_department[d].baseline), style="dim") for d in departments[:2]),
        )
        for p in result.points:
            by_m, by_d = p.by_measure(), p.by_department()
            detail.add_row(
                *(Text(value_text(v)) for v in p.values),
                *(Text(fmt_money(by_m.get(mid, Decimal(0)))) for mid in moving[:6]),
                *(Text(fmt_money(by_d.get(d, Decimal(0)))) for d in departments[:2]),
            )
        out.print(detail)
        if len(moving) > 6 or len(departments) > 2:
            out.print(Text(t(lang, "其余措施与部门见 -f json / -o 文件", "the other measures and departments: -f json / -o FILE"),
                           style="dim"))  # fmt: skip
    for b in result.bends():
        doc = bend_dict(result, b)
        where = "".join(f"{k}={v}：" if lang == "zh" else f"{k}={v}: " for k, v in doc["series"].items())
        first = result.axes[0].name
        if doc["no_effect"]:
            text = t(
                lang,
                f"{where}{first} 在所扫范围内不改变预算",
                f"{where}{first} does not move the budget over the range",
            )
        elif doc["still_moving_at_end"]:
            text = t(lang, f"{where}到 {value_text(result.points[b.at].values[0])} 为止合计仍在变化：上限在所扫范围内一直起作用",
                     f"{where}the total still moves at {value_text(result.points[b.at].values[0])}: the limit binds "
                     f"over the whole range")  # fmt: skip
        else:
            text = t(lang, f"{where}曲线在 {doc['flat_from']} 变平：从此再提高 {first}，合计不变（{doc['flat_total']} 元）"
                           f"，即上限对任何申请人都不再起作用",
                     f"{where}the curve turns flat at {doc['flat_from']}: raising {first} further leaves the total at "
                     f"{doc['flat_total']}, the limit binds for no applicant any more")  # fmt: skip
        out.print(paragraph(text))
    if result.budget is not None:
        if best:
            picks = "；".join(", ".join(f"{a.name}={value_text(v)}" for a, v in zip(result.axes, result.points[i].values,
                              strict=True)) + f"（{fmt_money(result.points[i].total)} 元）" for i in sorted(best))  # fmt: skip
            out.print(paragraph(t(lang, f"可用资金 {fmt_money(result.budget)} 元内的最大取值：{picks}",
                                  f"largest value within the fund of {fmt_money(result.budget)}: {picks}"), style="green"))  # fmt: skip
        else:
            out.print(paragraph(t(lang, f"没有取值在可用资金 {fmt_money(result.budget)} 元之内",
                                  f"no value stays within the fund of {fmt_money(result.budget)}"), style="red"))  # fmt: skip
    out.print(Text(stamp_text(stamp), style="dim"))


def _pick(console: Console, lang: str, applicants: list[Applicant], wanted: str | None) -> Applicant:
    if wanted is not None:
        for applicant in applicants:
            if applicant.id == wanted:
                return applicant
        ids = ", ".join(a.id for a in applicants)
        raise _fail(
            console,
            t(lang, f"没有编号为 {wanted!r} 的申请人（有：{ids}）", f"no applicant {wanted!r} (have: {ids})"),
            ExitCode.USAGE,
        )
    if len(applicants) == 1:
        return applicants[0]
    if not applicants:
        raise _fail(console, t(lang, "文件中没有申请人", "the file holds no applicant"), ExitCode.BAD_CONFIG)
    ids = ", ".join(a.id for a in applicants)
    raise _fail(
        console,
        t(lang, f"文件中有 {len(applicants)} 个申请人，请用 --id 选择一个：{ids}",
           f"the file holds {len(applicants)} applicants; choose one with --id: {ids}"),
        ExitCode.USAGE,
    )  # fmt: skip


_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: Decimal, largest: Decimal, width: int = 30) -> str:
    """A horizontal bar of unicode eighth-blocks, ``width`` cells for ``largest``."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = int((value / largest) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def _sweep_table(
    axis: Axis,
    points: list[SweepPoint],
    cliffs: list[Cliff],
    lang: str,
    stamp: dict[str, Any],
    no_color: bool,
) -> None:
    out = _console(no_color, stderr=False)
    if not points:
        return
    applicant = points[0].result.applicant
    title = t(
        lang,
        f"{applicant.id}：{axis.label(lang)}（{axis.name}）变动",
        f"{applicant.id}: varying {axis.label(lang)} ({axis.name})",
    )
    table = Table(title=title, title_justify="left")
    table.add_column(axis.name, overflow="fold")
    # Columns for the measures that give something somewhere or change along the way; the others
    # (ineligible or undecidable at every point) are counted under the table.
    shown: list[int] = []
    for index, outcome in enumerate(points[0].result.outcomes):
        column = [p.result.outcomes[index] for p in points]
        if any(entitlement(o) for o in column) or len({o.status for o in column}) > 1:
            shown.append(index)
            m = measure_by_id(outcome.measure_id)
            # min_width: on a narrow terminal rich would rather drop a column than wrap the bars.
            table.add_column(
                f"{m.name(lang)}\n{citation(m.article, m.tasks, lang)}", justify="right", min_width=10
            )
    hidden = len(points[0].result.outcomes) - len(shown)
    table.add_column(t(lang, "合计（元）", "total"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    landing = {(value_text(c.to), c.measure_id) for c in cliffs}
    largest = max((p.result.total + p.result.maxima_total for p in points), default=Decimal(0))
    for p in points:
        v = value_text(p.value)
        cells: list[Text] = [Text(v)]
        for o in (p.result.outcomes[i] for i in shown):
            ent = entitlement(o)
            text = "?" if ent is None else fmt_money(ent)
            if o.maximum is not None and o.amount is None and ent is not None and ent > 0:
                text = t(lang, "最高 ", "max ") + text
            style = "bold red" if (v, o.measure_id) in landing else ("green" if ent else "dim")
            cells.append(Text(text, style=style))
        total_style = "bold red" if (v, None) in landing else ""
        total = fmt_money(p.result.total)
        if p.result.maxima_total:
            total += f" (+{t(lang, '最高', 'max')} {fmt_money(p.result.maxima_total)})"
        cells.append(Text(total, style=total_style))
        marker = " ⚠" if any(key[0] == v for key in landing) else ""
        cells.append(Text(bar(p.result.total + p.result.maxima_total, largest) + marker, style="cyan"))
        table.add_row(*cells)
    out.print(table)
    notes = []
    if hidden:
        notes.append(t(lang, f"另有 {hidden} 项措施在各点都不符合或无法判断（见 -f json）",
                        f"{hidden} more measures are ineligible or undecidable at every point (see -f json)"))  # fmt: skip
    if any(entitlement(p.result.outcomes[i]) is None for p in points for i in shown):
        notes.append(
            t(lang, "? = 无法判断（缺少事实或参数）", "? = cannot decide (missing facts or parameters)")
        )
    for note in notes:
        out.print(Text(note, style="dim"))
    if cliffs:
        direction = t(lang, "变大", "rises") if stamp.get("better") == "higher" else t(lang, "变小", "falls")
        out.print(
            Text(
                t(
                    lang,
                    f"断崖（{axis.name} {direction}时金额下降）：",
                    f"cliffs (an amount drops as {axis.name} {direction}):",
                ),
                style="bold red",
            )
        )
        for c in cliffs:
            name = measure_by_id(c.measure_id).name(lang) if c.measure_id else t(lang, "合计", "total")
            out.print(
                Text(
                    f"  ⚠ {name}: {axis.name} {value_text(c.frm)} → {value_text(c.to)}: "
                    f"{fmt_money(c.before)} → {fmt_money(c.after)} (−{fmt_money(c.drop)})"
                    + (
                        f" [{c.before_status.value} → {c.after_status.value}]"
                        if c.before_status and c.after_status and c.before_status is not c.after_status
                        else ""
                    )
                )
            )
    elif axis.ordered:
        out.print(Text(t(lang, "没有断崖。", "no cliffs."), style="dim"))
    out.print(Text(stamp_text(stamp), style="dim"))


# ------------------------------------------------------------------------------------------ policy diff


def policy_diff(
    reforms: ReformOpt = None,
    sets: SetOpt = None,
    fmt: Annotated[DiffFormat | None, typer.Option("--format", "-f", help="table|json")] = None,
    policy_file: PolicyOpt = None,
    lang: LangOpt = Lang.zh,
    no_color: NoColorOpt = False,
) -> None:
    """改革方案与基准相比改变了哪些参数（旧 → 新，附条款）/ parameters that differ from the baseline."""
    console = _console(no_color)
    baseline, reformed = _policies(console, lang, policy_file, reforms, sets)
    changes = diff_policies(baseline, reformed)
    chosen = fmt or (DiffFormat.table if sys.stdout.isatty() else DiffFormat.json)
    stamp = run_stamp(reformed, None, date.today())
    for irrelevant in ("as_of", "as_of_rule"):  # nothing is evaluated
        stamp.pop(irrelevant)
    with quiet_broken_pipe():
        if chosen is DiffFormat.json:
            doc = {"stamp": stamp, "changes": [change_dict(c) for c in changes]}
            json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif changes:
            out = _console(no_color, stderr=False)
            table = Table(show_lines=True)
            table.add_column(t(lang, "参数", "parameter"), overflow="fold")
            table.add_column(t(lang, "条/序号", "article/task"), no_wrap=True)
            for col in (t(lang, "基准", "baseline"), "", t(lang, "改革后", "reform")):
                table.add_column(col, overflow="fold")
            for change in changes:
                p = change.before
                desc = p.description if lang == "zh" else p.description_en
                before = _entries_text(change.entries_before)
                after = _entries_text(change.entries_after)
                if "interpretation" in change.fields:
                    after += f"\n{change.after.interpretation}"
                texts = [f for f in change.fields if f not in ("values", "interpretation")]
                if texts:
                    desc += t(
                        lang,
                        f"\n（另改：{'、'.join(texts)}，见 -f json）",
                        f"\n(also changed: {', '.join(texts)}; see -f json)",
                    )
                table.add_row(
                    Text(f"{change.key}\n{desc}"),
                    p.article + (f"/{','.join(map(str, p.tasks))}" if p.tasks else ""),
                    Text(before),
                    "→",
                    Text(after, style="bold"),
                )
            out.print(table)
            out.print(Text(stamp_text(stamp), style="dim"))
    if not changes:
        console.print(Text(t(lang, "与基准没有差别。", "no differences from the baseline.")))


def _entries_text(entries: list[tuple[date, date | None, Any]]) -> str:
    return "\n".join(
        f"{s.isoformat()}: {plain_value(v)}" + (f" (→{u.isoformat()})" if u else "") for s, u, v in entries
    )


def register(app: typer.Typer) -> None:
    from wenjiuye_cli.cli import policy_app

    app.command("compare")(compare)
    app.command("sweep")(sweep_command)
    policy_app.command("diff")(policy_diff)
