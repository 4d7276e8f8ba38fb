"""`wenjiuye batch`: the command over :mod:`wenjiuye_cli.batch`. Options, files, progress, messages.

stdout carries the results only; progress, the summary table and messages go to stderr. Output files
(``-o``, the rejects, ``--summary-file``) are written atomically: an interrupted run leaves none behind.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from wenjiuye_cli.batch import (
    BATCH_GC_THRESHOLDS,
    DEFAULT_CHUNK_ROWS,
    BatchError,
    BatchOptions,
    BatchSummary,
    InputInfo,
    RejectSink,
    parse_kind,
    run_batch,
)
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
    err_console,
    interrupted_code,
    interrupted_text,
    is_stdout,
    open_policy,
    output_conflict,
    parse_as_of,
    quiet_broken_pipe,
    stdin_or_exit,
    stdout_to_devnull,
    t,
)
from wenjiuye_cli.errors import Terminated, raise_terminated, write_error_text
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.input_kind import input_kind
from wenjiuye_cli.io.atomic import AtomicTextFile, commit_all, writes_through
from wenjiuye_cli.io.tabular import canonical_encoding
from wenjiuye_cli.io.writers import open_writer
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.policy.articles import citation, department_label


class BatchFormat(StrEnum):
    csv = "csv"
    ndjson = "ndjson"
    json = "json"
    xlsx = "xlsx"
    parquet = "parquet"


_SUFFIX_FORMATS = {".csv": BatchFormat.csv, ".ndjson": BatchFormat.ndjson, ".jsonl": BatchFormat.ndjson,
                   ".json": BatchFormat.json, ".xlsx": BatchFormat.xlsx, ".parquet": BatchFormat.parquet,
                   ".pq": BatchFormat.parquet}  # fmt: skip
_BINARY = (BatchFormat.xlsx, BatchFormat.parquet)  # written through io.writers.FrameWriter, to a file


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="申请人名单：CSV 或 NDJSON 文件，- 表示标准输入")
    ],
    kind: KindOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="输出文件（默认或 - 为标准输出）/ output file (default or -: stdout)",
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format", "-f", help="csv|ndjson|json|xlsx|parquet（默认按 -o 的扩展名，标准输出为 csv）"
        ),
    ] = None,
    codes: Annotated[
        bool,
        typer.Option(
            "--codes",
            help="CSV/xlsx 用机器代码作表头和状态（rent_subsidy.status、eligible），并列出全部措施 / machine "
            "codes for headers and statuses, every measure's columns",
        ),
    ] = False,
    itemised: Annotated[
        bool, typer.Option("--itemised", help="每个申请人×每项措施一行 / one CSV row per applicant × measure")
    ] = False,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail", help="输出条件与计算过程（较慢）/ include conditions and arithmetic (slower)"
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option("--summary", help="在标准错误输出汇总表（按措施、按责任部门）/ budget table on stderr"),
    ] = False,
    summary_file: Annotated[
        Path | None,
        typer.Option(
            "--summary-file",
            help="把汇总写入 JSON 文件（- 为标准输出）/ write the summary as JSON (-: stdout)",
            dir_okay=False,
        ),
    ] = None,
    rejects: RejectsOpt = None,
    bom: Annotated[
        bool | None,
        typer.Option("--bom/--no-bom", help="CSV 开头写 UTF-8 BOM（写入文件时默认是，标准输出默认否）"),
    ] = None,
    excel_safe: ExcelSafeOpt = True,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    ignore_extra_columns: IgnoreExtraColumnsOpt = False,
    keep_columns: Annotated[
        list[str] | None,
        typer.Option(
            "--keep-columns",
            help="把这些输入列原样带到结果中（逗号分隔，可重复；序号、姓名、身份证号总会带上）/ input columns "
            "to carry through to the results, so they can be joined back",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="计算线程数（polars 线程池；默认或 0 = 全部 CPU 核）/ threads of the columnar engine "
            "(polars' pool; default or 0: every core)",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="xlsx 输入：要读取的工作表（默认第一个）/ xlsx input: the sheet to read"
        ),
    ] = None,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", min=1, hidden=True)] = DEFAULT_CHUNK_ROWS,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="不显示进度和汇总行 / no progress, no summary line")
    ] = False,
    lang: LangOpt = Lang.zh,
    policy_file: PolicyOpt = None,
    reforms: ReformOpt = None,
    sets: SetOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """批量计算申请人名单（Excel 导出的 CSV 或 NDJSON）/ evaluate an applicant list, streamed.

    每行输出各项措施的状态与金额及合计；出错的行写入拒绝文件（含行号与原因），其余行照常计算。
    退出码：0 全部计算，1 有被拒绝的行，65 输入无法读取或表头有误，66 找不到输入，74 无法写入，130 中断。
    """
    console = err_console(no_color)
    policy = open_policy(console, lang, policy_file, sets, reforms)
    on = parse_as_of(console, lang, as_of)

    def usage(zh: str, en: str) -> typer.Exit:
        console.print(Text(t(lang, zh, en)), style="red")
        return typer.Exit(ExitCode.USAGE)

    the_kind: str | None = None
    if kind is not None:
        the_kind = parse_kind(kind)
        if the_kind is None:
            raise usage(
                f"未知类型 {kind!r}，应为 {', '.join(KINDS)}",
                f"unknown kind {kind!r}; one of {', '.join(KINDS)}",
            )
    if encoding is not None:
        try:
            canonical_encoding(encoding)
        except LookupError:
            raise usage(f"未知编码：{encoding}", f"unknown encoding: {encoding}") from None
    # -- outputs (``-`` is stdout, which only one of them can have: the results unless -o names a file)
    if output is not None and is_stdout(output):
        output = None
    if fmt is not None:
        chosen = fmt
    elif output is None or writes_through(output):
        chosen = BatchFormat.csv
    else:
        found = _SUFFIX_FORMATS.get(output.suffix.lower())
        if found is None:  # never a silent CSV under another name
            known = ", ".join(_SUFFIX_FORMATS)
            raise usage(
                f"不知道怎样写“{output.name}”：扩展名应为 {known} 之一（或用 --format 指定）",
                f"cannot tell how to write {output.name!r}: the extension must be one of {known} "
                f"(or name the format with --format)",
            )
        chosen = found
    if itemised and chosen is not BatchFormat.csv:
        raise usage("--itemised 只用于 CSV 输出", "--itemised applies to CSV output only")
    if chosen in _BINARY and (output is None or writes_through(output)):
        raise usage(
            f"{chosen.value} 只能写入文件：请用 -o 结果.{chosen.value}",
            f"{chosen.value} is written to a file only: use -o results.{chosen.value}",
        )
    rejects_path, rejects_always = batch_rejects_target(input_path, output, rejects)
    if chosen is BatchFormat.xlsx and rejects is None:
        rejects_path = None  # the workbook has a rejects sheet
    conflict = output_conflict(input_path, output, rejects_path, summary_file)
    if conflict is not None:
        raise usage(*conflict)

    # -- input
    if input_path != "-" and input_format is None and input_kind(input_path) == "scenario":
        raise usage(
            f"{input_path} 是情景文件（TOML/JSON），不是申请人名单：batch 读取 CSV 或 NDJSON 名单，"
            f"情景文件请用 wenjiuye calc {input_path}",
            f"{input_path} is a scenario file (TOML/JSON), not an applicant list: batch reads CSV or NDJSON "
            f"lists; for a scenario use wenjiuye calc {input_path}",
        )
    if input_path == "-":
        source: BinaryIO = stdin_or_exit(console, lang)
        input_size = None
    else:
        path = Path(input_path)
        try:
            source = path.open("rb")
        except FileNotFoundError:
            console.print(
                Text(t(lang, f"找不到文件：{input_path}", f"no such file: {input_path}")), style="red"
            )
            raise typer.Exit(ExitCode.NO_INPUT) from None
        except OSError as exc:
            console.print(Text(t(lang, f"无法读取 {input_path}：{exc.strerror}", f"cannot read {input_path}: {exc.strerror}")),
                          style="red")  # fmt: skip
            raise typer.Exit(ExitCode.NO_INPUT) from None
        input_size = regular_file_size(source)

    options = BatchOptions(
        output_format=chosen.value,
        itemised=itemised,
        detail=detail,
        lang=lang.value,
        labels=not codes,
        kind=the_kind,
        as_of=on,
        ignore_extra_columns=ignore_extra_columns,
        keep_columns=tuple(c.strip() for cs in keep_columns or [] for c in cs.split(",") if c.strip()),
        excel_safe=excel_safe,
        input_format=input_format.value if input_format else None,
        encoding=encoding,
        jobs=jobs or None,
        chunk_rows=chunk_rows,
        sheet=sheet,
    )
    if jobs and "polars" not in sys.modules:
        # polars reads its thread count once, when it is imported (the run imports it below)
        os.environ["POLARS_MAX_THREADS"] = str(jobs)
    files: list[Any] = []  # AtomicTextFile and FrameWriter: prepare, commit, discard

    def open_atomic(path: Path, with_bom: bool) -> AtomicTextFile:
        try:
            handle = AtomicTextFile(path, bom=with_bom)
        except OSError as exc:
            console.print(
                Text(write_error_text(OSError(exc.errno, exc.strerror, str(path)), lang)), style="red"
            )
            raise typer.Exit(ExitCode.IO_ERROR) from None
        files.append(handle)
        return handle

    stdout_wrapper: io.TextIOWrapper | None = None

    def open_stdout(with_bom: bool) -> TextIO:
        nonlocal stdout_wrapper
        stdout_wrapper = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        if with_bom:
            stdout_wrapper.write("\ufeff")
        return stdout_wrapper

    def open_rejects() -> TextIO:
        assert rejects_path is not None
        if is_stdout(rejects_path):
            return open_stdout(bool(bom))
        # A BOM by default for a file Excel opens; not into a pipe or /dev/stdout (as for stdout itself).
        return open_atomic(rejects_path, bom if bom is not None else not writes_through(rejects_path)).stream

    sink = RejectSink(
        open_rejects if rejects_path is not None else None, lang.value, excel_safe, always=rejects_always
    )
    show_progress = console.is_terminal and not quiet
    # `kill` (SIGTERM) ends the run like Ctrl-C: temporary files are removed, no output appears.
    main_thread = threading.current_thread() is threading.main_thread()
    previous_term = signal.signal(signal.SIGTERM, raise_terminated) if main_thread else None
    try:
        # Results on stdout: a reader going away ends the run quietly. Results in a file with the rejects
        # on stdout: the file would be incomplete, so that is an error (see quiet_broken_pipe).
        with quiet_broken_pipe(None if output is None else (console, lang)):
            out: Any
            if chosen in _BINARY:
                assert output is not None
                try:
                    out = open_writer(output, chosen.value, excel_safe=excel_safe)
                except OSError as exc:
                    console.print(Text(write_error_text(exc, lang)), style="red")
                    raise typer.Exit(ExitCode.IO_ERROR) from None
                files.append(out)
            elif output is not None:
                out = open_atomic(
                    output,
                    bool(
                        bom if bom is not None else chosen is BatchFormat.csv and not writes_through(output)
                    ),
                ).stream
            else:
                out = open_stdout(bool(bom) and chosen is BatchFormat.csv)
            # Everything loaded so far (modules, the policy) lives for the whole run: keep the garbage
            # collector from scanning it again and again while millions of rows go by, and let it
            # run less often (each row allocates dozens of short-lived objects, rarely in a cycle;
            # measured ~4 % faster, same memory).
            gc.freeze()
            thresholds = gc.get_threshold()
            gc.set_threshold(*BATCH_GC_THRESHOLDS)
            try:
                with progress_bar(console, lang, input_size, show_progress) as (on_start, on_progress):
                    result = run_batch(source, input_path, policy, options, out, sink, on_progress, on_start,
                                       path=None if input_path == "-" else Path(input_path))  # fmt: skip
                if stdout_wrapper is not None:
                    stdout_wrapper.flush()
            except BatchError as exc:
                where = "<stdin>" if input_path == "-" else input_path
                console.print(Text(f"{where}: {exc.text(lang)}"), style="red")
                raise typer.Exit(exc.code) from None
            except OSError as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                stdout_to_devnull()  # what stdout still holds is not flushed again at exit
                console.print(Text(write_error_text(exc, lang)), style="red")
                raise typer.Exit(ExitCode.IO_ERROR) from None
            finally:
                gc.set_threshold(*thresholds)
            result.outputs = {
                "output": str(output) if output is not None else "-",
                "rejects": str(rejects_path)
                if sink.opened
                else t(lang, f"{output} 的“拒绝”工作表", f"the rejects sheet of {output}")
                if chosen is BatchFormat.xlsx and result.tally.rejected
                else None,
                "summary": str(summary_file) if summary_file is not None else None,
            }
            summary_on_stdout = summary_file is not None and is_stdout(summary_file)
            if summary_file is not None and not summary_on_stdout:
                handle = open_atomic(summary_file, False)
                json.dump(result.to_dict(lang.value), handle.stream, ensure_ascii=False, indent=2)
                handle.write("\n")
            if stdout_wrapper is not None:
                stdout_wrapper.flush()
            try:
                commit_all(files)
            except OSError as exc:
                stdout_to_devnull()  # what stdout still holds is not flushed again at exit
                console.print(Text(write_error_text(exc, lang)), style="red")
                raise typer.Exit(ExitCode.IO_ERROR) from None
            if summary_on_stdout:  # after the files: a reader that stops early (| head) loses none of them
                try:
                    stream = open_stdout(False)
                    json.dump(result.to_dict(lang.value), stream, ensure_ascii=False, indent=2)
                    stream.write("\n")
                    stream.flush()
                except BrokenPipeError:
                    stdout_to_devnull()  # the files are written; the exit code below still tells of rejects
    except (KeyboardInterrupt, Terminated) as exc:
        console.print(Text(interrupted_text(lang, exc)), style="red")
        raise typer.Exit(interrupted_code(exc)) from None
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_term)
        for handle in files:
            handle.discard()  # a no-op for committed files
        if stdout_wrapper is not None:
            with contextlib.suppress(OSError, ValueError):
                stdout_wrapper.detach()
        if input_path != "-":
            source.close()

    if summary:
        print_summary(console, result, lang)
    if not quiet:
        console.print(Text(result_line(result, lang)))
        console.print(Text(stamp_line(result.to_dict(lang.value), lang)), style="dim")
        for warning in result_warnings(result, lang):
            console.print(Text(warning), style="yellow")
    if rejects_path is None and chosen is not BatchFormat.xlsx and sink.count:
        # No rejects file (stdin into stdout): the first reasons here, and how to keep them all.
        for row in sink.first:
            console.print(Text(t(lang, f"第 {row.row} 行：{row.reason}", f"row {row.row}: {row.reason}")),
                          style="yellow")  # fmt: skip
        more = sink.count - len(sink.first)
        console.print(
            Text(t(lang, f"{'另有 ' + str(more) + ' 行被拒绝；' if more else ''}要保存被拒绝的行，请加 --rejects 文件名",
                   f"{str(more) + ' more rows rejected; ' if more else ''}to keep the rejected rows, add --rejects FILE")),
            style="yellow",
        )  # fmt: skip
    else:
        for warning in lookalike_warnings(result.input, lang):
            console.print(Text(warning), style="yellow")
    raise typer.Exit(ExitCode.ROWS_REJECTED if result.tally.rejected else ExitCode.OK)


def rejects_target(
    input_path: str, output: Path | None, rejects: Path | None, *, always_beside: bool = True
) -> tuple[Path, bool]:
    """Where rejected rows go, and whether that file is written even when no row is rejected.

    ``--rejects FILE`` as given (``-``: stdout); else ``<output>.rejects.csv`` beside ``-o FILE`` (written
    even when empty unless ``always_beside`` is false); else, with the results on stdout (or a device or
    pipe), ``<input>.rejects.csv`` (``stdin.rejects.csv``) in the current directory, only if needed.
    (``wenjiuye batch`` writes no rejects file for stdin: see :func:`batch_rejects_target`.)
    """
    if rejects is not None:
        return rejects, True
    if output is not None and not writes_through(output):  # not beside /dev/null, /dev/stdout or a pipe
        return output.with_name(f"{output.stem}.rejects.csv"), always_beside
    stem = "stdin" if input_path == "-" else Path(input_path).stem
    return Path(f"{stem}.rejects.csv"), False


def batch_rejects_target(
    input_path: str, output: Path | None, rejects: Path | None
) -> tuple[Path | None, bool]:
    """batch's rejects file, and whether it is written even when no row is rejected: ``--rejects FILE``
    (always); else beside ``-o FILE`` or as ``<input>.rejects.csv`` in the current directory, only when a
    row is rejected or a file of that name is there from an earlier run (emptied to its header, so it
    cannot be mistaken for this run's); for stdin read into stdout, none (the rejected rows' reasons are
    shown on stderr; ``--rejects FILE`` keeps them)."""
    if rejects is not None:
        return rejects, True
    if input_path == "-" and (output is None or writes_through(output)):
        return None, False
    path = rejects_target(input_path, output, rejects, always_beside=False)[0]
    return path, path.exists()


def regular_file_size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


@contextlib.contextmanager
def progress_bar(
    console: Console, lang: Lang, size: int | None, show: bool
) -> Iterator[tuple[Callable[[InputInfo], None] | None, Callable[[int, int], None] | None]]:
    """(on_start, on_progress) callbacks; a rich progress bar on stderr when it is a terminal."""
    if not show:
        yield None, None
        return
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:,} " + t(lang, "行", "rows")),
        TextColumn("{task.fields[rate]:,.0f} " + t(lang, "行/秒", "rows/s")),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(t(lang, "计算中", "computing"), total=size, rows=0, rate=0.0)
        started = time.perf_counter()

        def on_start(info: InputInfo) -> None:
            bar.update(task, description=t(lang, f"计算中（{info.format}，{info.encoding}）",
                                           f"computing ({info.format}, {info.encoding})"))  # fmt: skip

        def on_progress(rows: int, read: int) -> None:
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=read if size else None, rows=rows, rate=rows / elapsed)

        yield on_start, on_progress


def result_line(result: BatchSummary, lang: Lang) -> str:
    t_ = result.tally
    where = result.outputs.get("rejects")
    if not t_.rejected:
        rejected = t(lang, "，无拒绝", ", none rejected")
    elif where is None:
        rejected = t(
            lang, f"，拒绝 {t_.rejected:,}（原因见下）", f", rejected {t_.rejected:,} (reasons below)"
        )
    else:
        rejected = t(
            lang, f"，拒绝 {t_.rejected:,}（见 {where}）", f", rejected {t_.rejected:,} (see {where})"
        )
    blank = t(lang, f"，跳过空行 {t_.blank:,}", f", {t_.blank:,} blank rows skipped") if t_.blank else ""
    enc = result.input.encoding  # named: a file read in the wrong encoding shows up here first
    return t(
        lang,
        f"读取 {t_.read:,} 行（{enc}）：计算 {t_.computed:,}{rejected}{blank}；合计 {fmt_money(t_.total)} 元",
        f"read {t_.read:,} rows ({enc}): computed {t_.computed:,}{rejected}{blank}; "
        f"total {fmt_money(t_.total)} yuan",
    )


def result_warnings(result: BatchSummary, lang: Lang) -> list[str]:
    """What the run did that the analyst did not write down: columns skipped, dates assumed."""
    warnings = lookalike_warnings(result.input, lang)
    ignored = result.input.ignored_columns
    if ignored:
        names = "、".join(ignored) if lang == "zh" else ", ".join(ignored)
        warnings.append(t(lang, f"已忽略 {len(ignored)} 个未知列（--ignore-extra-columns）：{names}",
                          f"ignored {len(ignored)} unknown columns (--ignore-extra-columns): {names}"))  # fmt: skip
    n, today = result.tally.on_run_date, result.stamp.get("today")
    if n:
        warnings.append(t(lang, f"{n:,} 行没有申请日期，按运行当天 {today} 计算；可用 --as-of 指定评估日期",
                          f"{n:,} rows have no application date and were evaluated on the run date {today}; "
                          f"set one with --as-of"))  # fmt: skip
    return warnings


def lookalike_warnings(info: InputInfo, lang: Lang | str) -> list[str]:
    """A column skipped with --ignore-extra-columns that looks like a known one: its fact is missing from
    every row (today's budget of 0.00 instead of the real one), so it is said even with --quiet."""
    return [
        t(lang, f"已忽略的列“{column}”像是“{like}”：每一行都将缺少这一事实；如是同一列，请把列名改为“{like}”",
          f"the skipped column {column!r} looks like {like!r}: that fact is missing from every row; "
          f"if it is the same, rename the column {like!r}")
        for column, like in info.lookalike_columns
    ]  # fmt: skip


def print_summary(console: Console, result: BatchSummary, lang: Lang) -> None:
    """The budget view on stderr: by measure, by department, and the row counts."""
    doc = result.to_dict(lang.value)
    table = Table(title=t(lang, "按措施汇总", "by measure"), title_justify="left")
    table.add_column(
        t(lang, "措施（条/序号）", "measure (article/task)"), overflow="fold", min_width=20, ratio=1
    )
    for col in (t(lang, "符合", "elig."), t(lang, "不符合", "inelig."), t(lang, "无法判断", "undecided"),
                t(lang, "金额另定", "elsewhere")):  # fmt: skip
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column(t(lang, "合计（元）", "total (yuan)"), justify="right", no_wrap=True)
    table.add_column(t(lang, "最高额¹", "maxima¹"), justify="right", no_wrap=True)
    for m in doc["measures"]:
        if not m["applicants"]:
            continue
        counts = m["status_counts"]
        cited = citation(m["article"], m["tasks"], lang)
        table.add_row(
            Text(f"{m['name']}（{cited}）" if lang == "zh" else f"{m['name']} ({cited})"),
            f"{counts['eligible']:,}",
            f"{counts['ineligible']:,}",
            f"{counts['cannot_decide']:,}",
            f"{counts['amount_set_elsewhere']:,}",
            m["total"],
            m["maxima_total"],
        )
    console.print(table)
    depts = Table(title=t(lang, "按责任部门汇总", "by department"), title_justify="left")
    depts.add_column(t(lang, "责任部门", "department"), overflow="fold")
    depts.add_column(t(lang, "合计（元）", "total (yuan)"), justify="right", no_wrap=True)
    depts.add_column(t(lang, "最高额¹", "maxima¹"), justify="right", no_wrap=True)
    for d in doc["departments"]:
        depts.add_row(Text(department_label(d["department"], lang)), d["total"], d["maxima_total"])
    console.print(depts)
    console.print(
        Text(
            t(lang, "¹ “最高…”金额之和，未计入合计", "¹ sum of “at most …” amounts, not added to the totals"),
            style="dim",
        )
    )
    rows = doc["rows"]
    console.print(
        Text(
            t(
                lang,
                f"读取 {rows['read']:,} 行 = 计算 {rows['computed']:,} + 拒绝 {rows['rejected']:,}"
                f"（空行 {rows['blank_skipped']:,}）；合计 {doc['total']} 元，最高额合计 {doc['maxima_total']} 元（未计入）",
                f"rows read {rows['read']:,} = computed {rows['computed']:,} + rejected {rows['rejected']:,} "
                f"({rows['blank_skipped']:,} blank); total {doc['total']} yuan, maxima {doc['maxima_total']} (not added)",
            )
        )
    )
    console.print(Text(stamp_line(doc, lang)), style="dim")


def stamp_line(doc: dict[str, Any], lang: Lang) -> str:
    """The run's stamp as people read it: version, policy file and hash, --as-of, --set, encoding."""
    stamp = doc["stamp"]
    overrides = ", ".join(stamp["policy"]["overrides"]) or t(lang, "无", "none")
    as_of = stamp["as_of_override"] or t(lang, "按各行申请日期", "each row's application date")
    return t(
        lang,
        f"wenjiuye {stamp['version']} · 政策文件 {stamp['policy']['file']}（sha256:{stamp['policy']['sha256'][:12]}）"
        f" · 评估日期 {as_of} · --set {overrides} · 运行日 {stamp['today']} · 编码 {doc['input']['encoding']}",
        f"wenjiuye {stamp['version']} · policy {stamp['policy']['file']} (sha256:{stamp['policy']['sha256'][:12]})"
        f" · evaluated on {as_of} · --set {overrides} · run on {stamp['today']} · encoding {doc['input']['encoding']}",
    )
