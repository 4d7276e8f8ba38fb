"""The base of every error a user reads, and what ends a run from outside: SIGTERM and program defects.

Standard library only, imported at start-up before anything heavy (see ``wenjiuye_cli.__main__``).
"""

from __future__ import annotations

# Nothing more is imported here: this module loads before the SIGTERM handler exists (not even typing).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import NoReturn

# The name a write error on standard output carries (``OSError.filename``): messages say 标准输出/stdout.
STDOUT = "<stdout>"


# A personal ID number standing alone (18 characters, the last a check digit or X; or the old 15 digits).
_ID_NUMBER = r"(?<![0-9A-Za-z])(?:(\d{6})\d{8}(\d{3}[\dXx])|(\d{6})\d{5}(\d{4}))(?![0-9A-Za-z])"


def mask_id(text: str) -> str:
    """``120101199001011234`` → ``120101********1234``: the region and the last four stay, to tell rows apart."""
    import re  # compiled once and cached by re

    return re.sub(_ID_NUMBER, _masked, text)


def _masked(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}********{match.group(2)}"
    return f"{match.group(3)}*****{match.group(4)}"


class UserError(Exception):
    """An error whose reason is shown to users; ``str()`` is the English text (for logs and tracebacks)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Terminated(BaseException):
    """SIGTERM (``kill``) ends the run like Ctrl-C: ``finally`` blocks remove temporary files, no output file
    appears; exit code 143 (128 + 15). Not a ``KeyboardInterrupt``: typer turns those into exit 130."""


def raise_terminated(signum: int, frame: object) -> NoReturn:
    """The SIGTERM handler."""
    raise Terminated


def output_name(filename: object, lang: str) -> str:
    """The output a write error names: 标准输出/stdout for standard output (or an unnamed stream)."""
    if filename is None or filename == STDOUT:
        return "标准输出" if lang == "zh" else "stdout"
    return str(filename)


def write_error_text(exc: OSError, lang: str) -> str:
    """``无法写入 <target>：<reason>`` for a failed write (a full disk, /dev/full, a closed stream)."""
    where = output_name(exc.filename, lang)
    reason = exc.strerror or type(exc).__name__
    return f"无法写入 {where}：{reason}" if lang == "zh" else f"cannot write to {where}: {reason}"


def write_defect_report(exc: BaseException, options: list[str]) -> str | None:
    """Write a report of a program defect to a new file in the temp directory; its path, or None if it
    could not be written. It holds the version, the Python version, the option names given (never their
    values, nor file names), the exception's type and the stack: file, line, function and source line of
    each frame. No locals, no argument values and no exception message: those may hold applicant data
    (names, ID numbers, amounts)."""
    import os
    import platform
    import tempfile
    import time
    import traceback

    from wenjiuye_cli import __version__

    lines = [
        f"wenjiuye {__version__}: program defect report",
        f"time: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}",
        f"python: {platform.python_version()} ({platform.platform()})",
        f"options: {' '.join(options) or '(none)'} (values left out)",
        "",
    ]
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for depth, link in enumerate(reversed(chain)):
        if depth:
            lines.append("\nwhile handling it, or caused by it:\n")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(
            f"{type(link).__module__}.{type(link).__qualname__} (message left out: it may hold applicant data)"
        )
    try:
        fd, path = tempfile.mkstemp(prefix="wenjiuye-defect-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as report:
            report.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


# The words that name a command or a sub-command (a defect report may say which command ran).
COMMAND_WORDS = frozenset(
    {"calc", "batch", "compare", "sweep", "measures", "schema", "policy", "show", "check", "diff"}
)


def option_names(argv: list[str]) -> list[str]:
    """The options of a command line without their values (``--set``, not ``--set a=1``), and the words
    naming a command (``batch``, ``policy show``): what a defect report may say about how it was run."""
    names = []
    for token in argv:
        if token.startswith("-") and token != "-":
            names.append(token.split("=", 1)[0])
        elif token in COMMAND_WORDS:
            names.append(token)
    return names
