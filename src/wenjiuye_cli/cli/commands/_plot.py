"""``--plot FILE.png|.svg`` for the what-if commands: the option, its checks before the run, and the drawing
after it (the pictures themselves are :mod:`wenjiuye_cli.plot`'s).

Exit codes: 2 for a name that is not ``.png``/``.svg`` or is another output of the run, 69 when matplotlib
is not installed (one line saying ``pip install 'wenjiuye[plot]'``), 74 when the file cannot be written.
Both checks come before anything is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from wenjiuye_cli.cli.commands._common import same_file, t
from wenjiuye_cli.errors import UserError, write_error_text
from wenjiuye_cli.exitcodes import ExitCode

PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        help="画图写入 FILE.png 或 FILE.svg（需 pip install 'wenjiuye[plot]'）/ "
        "draw a picture to FILE.png or FILE.svg (needs the [plot] extra)",
        dir_okay=False,
    ),
]


def _fail(console: Console, message: str, code: ExitCode) -> typer.Exit:
    console.print(Text(message), style="red", soft_wrap=True)
    return typer.Exit(code)


def check_plot_option(
    console: Console, lang: str, plot: Path | None, others: Sequence[Path | str | None] = ()
) -> None:
    """Before the run: the extension, a name that is not another file of the run (an input or output),
    and matplotlib (imported now, so that a missing extra is said before any work is done)."""
    if plot is None:
        return
    from wenjiuye_cli.plot import check_plot

    for other in others:
        if other is None or str(other) == "-":
            continue
        if plot.resolve() == Path(other).resolve() or same_file(plot, Path(other)):
            raise _fail(
                console,
                t(lang, f"--plot {plot} 与另一个输入或输出是同一个文件", f"--plot {plot} is another input or output of the run"),
                ExitCode.USAGE,
            )  # fmt: skip
    try:
        check_plot(plot)
    except UserError as exc:
        raise _fail(console, exc.text(lang), getattr(exc, "code", ExitCode.USAGE)) from None


def write_plot(
    console: Console, lang: str, plot: Path | None, draw: Callable[[Path], object], quiet: bool = False
) -> None:
    """After the run: ``draw(plot)`` (one of :mod:`wenjiuye_cli.plot`'s functions), then one line on stderr
    saying where the picture is (not with ``quiet``) and, for a PNG drawn without a Chinese font, one saying
    that its texts are in English."""
    if plot is None:
        return
    from wenjiuye_cli.plot import Drawing

    try:
        drawing = draw(plot)
    except OSError as exc:
        raise _fail(console, write_error_text(exc, lang), ExitCode.IO_ERROR) from None
    except UserError as exc:
        raise _fail(console, exc.text(lang), getattr(exc, "code", ExitCode.USAGE)) from None
    note = drawing.note if isinstance(drawing, Drawing) else None
    if note is not None:
        console.print(Text(t(lang, *note)), style="yellow", soft_wrap=True)
    if not quiet:
        console.print(
            Text(t(lang, f"图已写入 {plot}", f"picture written to {plot}")), style="dim", soft_wrap=True
        )
