"""The ``wenjiuye`` process: ``python -m wenjiuye_cli`` and the console script both start in :func:`main`.

It imports nothing heavy before its handlers are in place, so that they hold from the first instruction
on, while typer, rich and the rules load (a few hundred milliseconds):

- Ctrl-C exits 130 and SIGTERM (``kill``) 143, quietly, with the same clean-up (``finally`` blocks remove
  temporary files; no output file appears); also while modules load.
- A closed standard stream (``<&-``, ``>&-``, ``2>&-``) is reopened on ``/dev/null`` so that no file the
  run opens takes its descriptor. Writing to a closed stdout fails (exit 74); reading a closed stdin is
  "no input" (exit 66); with stderr closed or full the messages are lost and the exit codes still hold.
- A write that fails on stdout (a full disk, ``/dev/full``) exits 74 naming 标准输出/stdout.
- Any other exception is a defect: exit 70 with one line on stderr saying where a report was written (a
  file in the temp directory, with the stack and the version but no applicant data); no traceback.
"""

from __future__ import annotations

import errno
import io  # loaded before any module of ours: Python's own standard streams are made of it
import os
import signal
import sys

from wenjiuye_cli.errors import STDOUT, Terminated, raise_terminated

TYPE_CHECKING = False  # typing itself is not loaded before the handlers: it takes milliseconds
if TYPE_CHECKING:
    from typing import Any

# The exit codes this module uses before wenjiuye_cli.exitcodes is loaded (the same values).
_INTERRUPTED, _TERMINATED, _IO_ERROR, _SOFTWARE = 130, 143, 74, 70


def main() -> None:
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN:  # a parent that ignores it is obeyed
        signal.signal(signal.SIGTERM, raise_terminated)
    argv = sys.argv[1:]
    try:
        try:
            _standard_streams()
            if argv == ["--version"]:  # what the root's --version prints, without loading typer and rich
                from wenjiuye_cli import __version__

                print(f"wenjiuye {__version__}")
            else:
                from wenjiuye_cli.cli import app

                app(prog_name="wenjiuye")
            code: int | str | None = 0
        except SystemExit as exc:
            code = exc.code
        if code in (None, 0, 1):  # a full stdout is found here at the latest, not by Python's last flush
            _flush_stdout()
        else:  # the run failed and said why: what stdout still holds is not written (nor failed on again)
            _silence_stdout()
            _stop_workers()
    except KeyboardInterrupt:
        _exit(_INTERRUPTED)
    except Terminated:
        _exit(_TERMINATED)
    except OSError as exc:
        if exc.filename is None:  # not a named output: a defect, below
            _defect(exc, argv)
        from wenjiuye_cli.errors import write_error_text

        _say(write_error_text(exc, _lang(argv)))
        _exit(_IO_ERROR)
    except Exception as exc:
        _defect(exc, argv)
    # Done: a signal from here on would meet Python's own teardown, which restores the default handlers
    # (killed by the signal, no exit code of ours). Nothing is left to interrupt.
    _quiet_signals()
    sys.exit(code)


def _defect(exc: BaseException, argv: list[str]) -> None:
    """One line on stderr and a report in the temp directory; exit 70."""
    _quiet_signals()
    from wenjiuye_cli.errors import option_names, write_defect_report

    path = write_defect_report(exc, option_names(argv))
    name = type(exc).__name__
    if _lang(argv) == "zh":
        where = f"报告已写入 {path}，请提交给维护者" if path else "报告无法写入临时目录"
        _say(f"程序缺陷（{name}）：运行已中止，没有写入输出文件；{where}")
    else:
        where = (
            f"a report was written to {path}; please send it to the maintainers"
            if path
            else ("the report could not be written to the temp directory")
        )
        _say(f"a defect in wenjiuye ({name}) stopped the run; no output file was written; {where}")
    _exit(_SOFTWARE)


def _standard_streams() -> None:
    """Reopen closed standard streams on /dev/null, and put stdout and stderr behind raw files that name
    them in errors (stdout) or drop what cannot be written (stderr: there is nowhere to say it)."""
    from wenjiuye_cli.io.atomic import LabelledFileIO

    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            closed.add(fd)
    if 0 in closed:
        sys.stdin = None  # as Python leaves it: the commands say "closed" (66)
    old = sys.stdout
    raw = LabelledFileIO(1, "wb", label=STDOUT, closefd=False, refuse=errno.EBADF if 1 in closed else None)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=getattr(old, "encoding", None) or "utf-8",
        errors=getattr(old, "errors", None) or "strict",
        line_buffering=bool(getattr(old, "line_buffering", False)),
    )
    sys.stderr = io.TextIOWrapper(
        io.BufferedWriter(_Diagnostics(2, "wb", closefd=False)),
        encoding=getattr(sys.stderr, "encoding", None) or "utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )


class _Diagnostics(io.FileIO):
    """stderr: what cannot be written (a closed or full stderr) is dropped; the exit code still tells."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except OSError:
            return len(memoryview(data))


def _silence_stdout() -> None:
    from wenjiuye_cli.io.atomic import silence_stdout

    silence_stdout()


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()  # a reader that went away (| head): quiet, as the commands end it


def _quiet_signals() -> None:
    """While the run ends, a second Ctrl-C or SIGTERM cannot cut the clean-up short with a traceback."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    # CPython (3.11) marks a KeyboardInterrupt that escaped any eval() of a string as unhandled, even when
    # caught later (collections.namedtuple evals its class while modules load), and ``python -m`` then
    # ends by killing itself with SIGINT instead of exiting 130. Each eval() of a string clears the mark.
    eval("None")


def _exit(code: int) -> None:
    _quiet_signals()
    _stop_workers()
    if code in (_INTERRUPTED, _TERMINATED, _IO_ERROR):
        _silence_stdout()
    raise SystemExit(code)


def _stop_workers() -> None:
    """A run that ends early does not wait for its worker processes (``batch --jobs``) to finish the chunks
    they hold: they write no file, and the interpreter would otherwise wait for them at exit."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:  # not loaded: no workers
        return
    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, ValueError, AttributeError):
            pass


def _say(line: str) -> None:
    """One line on stderr, without rich (it may be half imported when the run is interrupted)."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _lang(argv: list[str]) -> str:
    for i, token in enumerate(argv):
        if token == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if token.startswith("--lang="):
            return "en" if token == "--lang=en" else "zh"
    return "zh"


if __name__ == "__main__":
    main()
