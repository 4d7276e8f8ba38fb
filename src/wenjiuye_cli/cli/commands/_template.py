"""``wenjiuye schema --template KIND [-o 模板.xlsx|模板.csv]``: a blank applicant list to fill in (the
template itself is :mod:`wenjiuye_cli.template`'s). Without ``-o`` (or with ``-o -``) the CSV header goes to
stdout. Exit codes: 2 for an unknown kind or extension, 74 when the file cannot be written."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from wenjiuye_cli.cli.commands._common import is_stdout, quiet_broken_pipe, t
from wenjiuye_cli.errors import write_error_text
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.template import TemplateError, template_format, template_kind, write_template


def _fail(console: Console, message: str, code: ExitCode) -> typer.Exit:
    console.print(Text(message), style="red", soft_wrap=True)
    return typer.Exit(code)


def schema_template(
    console: Console, lang: str, template: str | None, output: Path | None, kind: str | None
) -> None:
    """Write the template (see the module); ``kind`` is the command's argument, which must agree."""
    if template is None:
        raise _fail(
            console,
            t(lang, "-o 只用于 --template：如 wenjiuye schema --template person -o 模板.xlsx",
              "-o goes with --template: wenjiuye schema --template person -o template.xlsx"),
            ExitCode.USAGE,
        )  # fmt: skip
    try:
        chosen = template_kind(template)
        if kind is not None and template_kind(kind) != chosen:
            raise _fail(
                console,
                t(lang, f"类型 {kind!r} 与 --template {template!r} 不同：只给一个", f"kind {kind!r} and --template {template!r} differ: give one"),
                ExitCode.USAGE,
            )  # fmt: skip
        if output is not None and is_stdout(output):
            output = None
        if output is not None:
            template_format(output)
    except TemplateError as exc:
        raise _fail(console, exc.text(lang), exc.code) from None
    if output is None:
        with quiet_broken_pipe():
            write_template(chosen, None, lang, sys.stdout)
        return
    try:
        columns = write_template(chosen, output, lang)
    except OSError as exc:
        raise _fail(console, write_error_text(exc, lang), ExitCode.IO_ERROR) from None
    console.print(
        Text(
            t(lang, f"已写入空白名单 {output}（{chosen}，{len(columns)} 列）；填好后：wenjiuye batch {output}",
              f"blank list written to {output} ({chosen}, {len(columns)} columns); once filled in: wenjiuye batch {output}"),
        ),
        soft_wrap=True,
    )  # fmt: skip
