"""Options and helpers shared by every command (cli.py and the modules in this package).

This is the CLI layer: it may import typer and rich. It imports nothing from ``wenjiuye_cli.cli``, so any
command module can import it at the top without a circular import.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, BinaryIO, NoReturn, cast

import typer
from rich.console import Console
from rich.text import Text

from wenjiuye_cli.errors import Terminated, mask_id
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.io.atomic import silence_stdout, writes_through
from wenjiuye_cli.outcome import Status

TYPE_CHECKING = False  # the engine, the policy (pydantic) and the scenarios load where a command uses them
if TYPE_CHECKING:
    from wenjiuye_cli.engine import Applicant
    from wenjiuye_cli.policy import Policy


class Lang(StrEnum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Lang, typer.Option("--lang", help="输出语言 zh/en / language of labels and messages")]
PolicyOpt = Annotated[
    Path | None, typer.Option("--policy", help="使用其他政策文件 / use another policy file", dir_okay=False)
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="覆盖参数 group.name=VALUE 或 group.name@YYYY-MM-DD=VALUE（可重复）"),
]
ReformOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--reform",
        help="改革方案文件（部分 policy.toml，可重复，按顺序应用，--set 最后应用）/ reform file(s), applied in order",
        dir_okay=False,
    ),
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="计算日期 YYYY-MM-DD（默认：各申请人的申请日期）")
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="不使用颜色 / no colour")]


# -- reading an applicant list (CSV/NDJSON): the same options for batch and compare


class InputFormatChoice(StrEnum):
    csv = "csv"
    ndjson = "ndjson"


KindOpt = Annotated[
    str | None,
    typer.Option("--kind", help="名单所有行的申请人类型（无 kind 列时必需）/ kind of every row of a list"),
]
RejectsOpt = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        help="名单中被拒绝行的 CSV（默认：输出文件旁的 <名>.rejects.csv；输出到标准输出时为当前目录的 "
        "<输入名>.rejects.csv，仅在有被拒绝行时写入；- 为标准输出）/ rejected rows of a list (-: stdout)",
        dir_okay=False,
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", help="名单编码（默认：BOM，否则 UTF-8，否则 GB18030）/ list encoding"),
]
InputFormatOpt = Annotated[
    InputFormatChoice | None,
    typer.Option("--input-format", help="名单格式 csv|ndjson（默认按扩展名或内容判断）/ list format"),
]
IgnoreExtraColumnsOpt = Annotated[
    bool, typer.Option("--ignore-extra-columns", help="忽略名单中的未知列 / skip unknown columns")
]
ExcelSafeOpt = Annotated[
    bool,
    typer.Option(
        "--excel-safe/--no-excel-safe",
        help="CSV 防公式注入：以 = + - @ 开头的文本单元格前加 ' / CSV formula-injection guard",
    ),
]


def t(lang: Lang | str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


class _DataConsole(Console):
    """A console on stdout whose closed pipe ends the run like any other write to stdout: quietly,
    exit code 0 (see :func:`quiet_broken_pipe`). rich's own handling exits with 1."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def out_console(no_color: bool = False) -> Console:
    """The console for tables on stdout (data: used inside :func:`quiet_broken_pipe`)."""
    return _DataConsole(no_color=no_color or "NO_COLOR" in os.environ, highlight=False)


# rich lays out for 80 columns when stderr is not a terminal; a file or a pipe has no width to fit, and
# at 80 the budget tables would wrap every name (set COLUMNS to choose another width).
UNBOUNDED_WIDTH = 160


class _MaskedStderr:
    """stderr with personal ID numbers masked (``120101********1234``): messages and warnings name a row by its
    place in the file and a masked ID, never the whole number (``--show-ids`` shows it)."""

    def write(self, text: str) -> int:
        sys.stderr.write(mask_id(text))
        return len(text)

    def flush(self) -> None:
        sys.stderr.flush()

    def isatty(self) -> bool:
        return sys.stderr.isatty()

    def fileno(self) -> int:
        return sys.stderr.fileno()

    @property
    def encoding(self) -> str:
        return getattr(sys.stderr, "encoding", None) or "utf-8"


class StatusChoice(StrEnum):
    eligible = Status.ELIGIBLE.value
    ineligible = Status.INELIGIBLE.value
    cannot_decide = Status.CANNOT_DECIDE.value
    amount_set_elsewhere = Status.AMOUNT_SET_ELSEWHERE.value


# calc's (and sweep's) choices of applicants, measures and statuses
IdOpt = Annotated[
    list[str] | None,
    typer.Option("--id", help="只计算这些申请人（可重复，或用逗号分隔）/ only these applicants"),
]
MeasureOpt = Annotated[
    list[str] | None,
    typer.Option("--measure", help="只计算这些措施，如 rent_subsidy（可重复，或用逗号分隔；见 wenjiuye measures）"
                 " / only these measures"),
]  # fmt: skip
StatusOpt = Annotated[
    list[StatusChoice] | None,
    typer.Option(
        "--status", help="只列出这些状态的措施（可重复；合计不变）/ only measures with these statuses"
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all", help="表格中列出全部措施及每个未满足的条件 / every measure and condition in the table"
    ),
]

ShowIdsOpt = Annotated[
    bool,
    typer.Option("--show-ids", help="消息中显示完整身份证号（默认遮盖）/ show whole ID numbers in messages"),
]


def err_console(no_color: bool = False, show_ids: bool = False) -> Console:
    """The console for messages on stderr (ID numbers masked unless ``show_ids``)."""
    width = None if sys.stderr.isatty() or "COLUMNS" in os.environ else UNBOUNDED_WIDTH
    return Console(
        file=None if show_ids else cast(IO[str], _MaskedStderr()),
        stderr=True,
        no_color=no_color or "NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=True,
        width=width,
    )


def fail(console: Console, message: str, code: ExitCode) -> NoReturn:
    # Never wrapped: a path or a reason broken over lines cannot be copied or searched for.
    console.print(Text(message), style="red", soft_wrap=True)
    raise typer.Exit(code)


def check_reform_files(console: Console, lang: Lang | str, reforms: list[Path] | None) -> None:
    """Every reform file named exists, before anything is read or computed."""
    for reform in reforms or []:
        if not reform.exists():
            fail(
                console,
                t(lang, f"找不到改革方案文件：{reform}", f"no such reform file: {reform}"),
                ExitCode.NO_INPUT,
            )


@contextmanager
def policy_errors(console: Console, lang: Lang | str) -> Iterator[None]:
    """Reading the policy, its reforms and ``--set``s: a file that cannot be read exits with NO_INPUT,
    an invalid policy, reform or override with BAD_CONFIG, each with its reason in the user's language."""
    from wenjiuye_cli.policy import PolicyError, PolicyFileError
    from wenjiuye_cli.policy.reform import ReformError

    try:
        yield
    except PolicyFileError as exc:
        fail(
            console,
            t(lang, f"无法读取政策参数文件 {exc.path}：{exc.reason}", f"cannot read the policy file {exc.path}: "
              f"{exc.reason}"),
            ExitCode.NO_INPUT,
        )  # fmt: skip
    except ReformError as exc:
        fail(console, t(lang, f"改革方案错误：{exc.zh}", f"reform error: {exc.en}"), ExitCode.BAD_CONFIG)
    except PolicyError as exc:
        fail(console, t(lang, f"政策参数错误：{exc.zh}", f"policy error: {exc}"), ExitCode.BAD_CONFIG)


def open_policy(
    console: Console, lang: Lang, path: Path | None, sets: list[str] | None, reforms: list[Path] | None = None
) -> Policy:
    """The policy for this run: the file (or the shipped one), then the reforms in order, then ``--set``."""
    from wenjiuye_cli.policy import load_policy
    from wenjiuye_cli.policy.reform import with_reforms

    check_reform_files(console, lang, reforms)
    with policy_errors(console, lang):
        if not reforms:
            return load_policy(path, sets or [])
        return with_reforms(load_policy(path), reforms, sets or [])


def is_stdout(path: Path) -> bool:
    """``-`` for an output file means stdout."""
    return str(path) == "-"


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def output_conflict(
    input_name: str, output: Path | None, rejects: Path | None, summary: Path | None
) -> tuple[str, str] | None:
    """Why these outputs cannot be written together (zh, en), or None. ``output`` None is stdout; only one
    output can go there; no two can be the same file, nor the input."""
    on_stdout = [p for p in (rejects, summary) if p is not None and is_stdout(p)]
    if len(on_stdout) > (0 if output is None else 1):
        return (
            "标准输出只能写一种内容：结果（未给 -o 文件时）、拒绝行或汇总之一",
            "stdout can carry only one of: the results (when -o names no file), the rejects, the summary",
        )
    named = [p for p in (output, rejects, summary) if p is not None and not is_stdout(p)]
    files = [p.resolve() for p in named if not writes_through(p)]  # /dev/null may take them all
    if len(set(files)) != len(files):
        return "输出、拒绝行和汇总不能写入同一个文件", "output, rejects and summary must be different files"
    for target in named:
        if input_name != "-" and same_file(target, Path(input_name)):
            return f"不能覆盖输入文件：{target}", f"refusing to overwrite the input file: {target}"
    return None


def parse_as_of(console: Console, lang: Lang, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(console, t(lang, f"--as-of 应为日期 YYYY-MM-DD：{text!r}", f"--as-of needs YYYY-MM-DD: {text!r}"),
             ExitCode.USAGE)  # fmt: skip


@contextmanager
def quiet_broken_pipe(side_output: tuple[Console, Lang | str] | None = None) -> Iterator[None]:
    """A reader that goes away (``| head -1``) ends the run quietly with exit code 0 — when stdout carries
    the results. With ``side_output`` (console, lang), stdout carries something else (the rejects) while
    the results go to files: those files are then incomplete and are not written, which is an error
    (exit 74, said on stderr), never a quiet success."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_to_devnull()
        if side_output is not None:
            console, lang = side_output
            fail(
                console,
                t(lang, "标准输出的读取方已退出，运行中止：输出文件没有写入",
                  "the reader of stdout went away and the run stopped: the output files were not written"),
                ExitCode.IO_ERROR,
            )  # fmt: skip
        raise typer.Exit(ExitCode.OK) from None


def interrupted_text(lang: Lang | str, exc: BaseException) -> str:
    """What an interrupted run that was writing files says (the files were removed)."""
    if isinstance(exc, Terminated):
        return t(
            lang,
            "已终止（SIGTERM）：没有写入任何输出文件",
            "terminated (SIGTERM): no output file was written",
        )
    return t(lang, "已中断：没有写入任何输出文件", "interrupted: no output file was written")


def interrupted_code(exc: BaseException) -> ExitCode:
    """130 for Ctrl-C, 143 for SIGTERM."""
    return ExitCode.TERMINATED if isinstance(exc, Terminated) else ExitCode.INTERRUPTED


def stdout_to_devnull() -> None:
    """After a broken pipe: later writes (and the interpreter's final flush) go nowhere, quietly."""
    silence_stdout()


def stdin_or_exit(console: Console, lang: Lang | str) -> BinaryIO:
    """Standard input as bytes; closed (``<&-``) it is no input: exit 66."""
    if sys.stdin is None:
        fail(
            console,
            t(lang, "标准输入已关闭，无法读取 -", "stdin is closed: cannot read -"),
            ExitCode.NO_INPUT,
        )
    return sys.stdin.buffer


def read_scenarios_or_exit(
    console: Console, lang: Lang | str, paths: list[str], stdin: BinaryIO | None = None, command: str = "calc"
) -> list[Applicant]:
    """Every applicant of the scenario files; a missing file exits 66, a bad one 78 naming each problem,
    an applicant list given instead (``calc list.csv``) exits 2 saying which command reads it."""
    from wenjiuye_cli.scenario import InputError, read_scenario_files

    if stdin is None and "-" in paths:
        stdin = stdin_or_exit(console, lang)
    try:
        applicants = list(read_scenario_files(paths, stdin or io.BytesIO()))
    except FileNotFoundError as exc:
        fail(
            console,
            t(lang, f"找不到文件：{exc.filename}", f"no such file: {exc.filename}"),
            ExitCode.NO_INPUT,
        )
    except IsADirectoryError as exc:
        fail(console, t(lang, f"不是文件：{exc.filename}", f"not a file: {exc.filename}"), ExitCode.NO_INPUT)
    except InputError as exc:
        wrong_kind(console, lang, paths, command)
        for problem in exc.problems:
            console.print(Text(problem.text(lang)), style="red")
        raise typer.Exit(ExitCode.BAD_CONFIG) from None
    warn_repeated_ids(console, lang, applicants)
    return applicants


def wrong_kind(console: Console, lang: Lang | str, paths: list[str], command: str) -> None:
    """Exit (usage, 2) if one of ``paths`` is an applicant list, not a scenario file, saying what reads it."""
    from wenjiuye_cli.input_kind import input_kind

    for path in paths:
        if path != "-" and input_kind(path) == "list":
            use_zh = "wenjiuye batch 或 wenjiuye compare" if command == "sweep" else f"wenjiuye batch {path}"
            use_en = "wenjiuye batch or wenjiuye compare" if command == "sweep" else f"wenjiuye batch {path}"
            fail(
                console,
                t(lang, f"{path} 是申请人名单（CSV/NDJSON），不是情景文件：{command} 读取情景文件（TOML/JSON），"
                        f"名单请用 {use_zh}",
                  f"{path} is an applicant list (CSV/NDJSON), not a scenario file: {command} reads scenario "
                  f"files (TOML/JSON); for a list use {use_en}"),
                ExitCode.USAGE,
            )  # fmt: skip


def warn_repeated_ids(console: Console, lang: Lang | str, applicants: list[Applicant]) -> None:
    """Two applicants with one id are computed both, but rows keyed by id would mix them up: say where."""
    sources: dict[str, list[str]] = {}
    for applicant in applicants:
        sources.setdefault(applicant.id, []).append(applicant.source)
    for ident, where in sources.items():
        if len(where) > 1:
            places = "、".join(where) if lang == "zh" else ", ".join(where)
            console.print(
                Text(t(lang, f"申请人编号 {ident} 出现 {len(where)} 次：{places}",
                       f"applicant id {ident} appears {len(where)} times: {places}")),
                style="yellow", soft_wrap=True,
            )  # fmt: skip
