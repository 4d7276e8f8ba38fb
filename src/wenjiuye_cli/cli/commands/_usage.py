"""The option parser in the user's language: usage errors, option types as words, examples in ``--help``.

The parser (the Click that typer bundles) writes its errors in English, in a box, before any command has
run — so before ``--lang`` has been read. :class:`UsageGroup` is the root command's class: it looks for
``--lang`` in the command line itself (:func:`language_of`; Chinese unless ``--lang en``), lets the parser
run without handling its own errors, and says each usage error in words, by its kind: an invalid choice
(with the values to choose from), no such option or command (with the nearest ones), a missing
argument or option value, an extra argument. The exit code stays Click's (2).

Before parsing it also writes each option's type as a word (``FILE``, ``TEXT``, ``table|json``, nothing
for a flag) instead of typer's ``<list[Path]>``, and puts the examples of :data:`EXAMPLES` at the end
of each command's ``--help``.

This is the CLI layer (typer only here, ``cli.py`` and ``commands/``).
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

# typer bundles its own Click and re-exports only BadParameter; the other exception types (each usage
# error has one) live in its bundled copy. They are the documented Click exceptions, under typer's name.
import typer
from typer._click import exceptions as click_errors
from typer._click.core import Command, Context, Parameter
from typer.core import TyperGroup

# Examples shown at the end of each command's --help (command path → command lines). Each one runs as
# written from the project's directory (tests/test_usage.py runs them all).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "wenjiuye calc examples/rent_subsidy.toml",
        "wenjiuye batch examples/batch/applicants.csv -o out.csv --summary",
        "wenjiuye policy show 房租",
    ),
    "calc": (
        "wenjiuye calc examples/rent_subsidy.toml",
        "wenjiuye calc examples/rent_subsidy.toml --format json --lang en",
        "wenjiuye calc examples/rent_subsidy.toml --set rent_subsidy.house_cap_monthly=3000",
    ),
    "batch": (
        "wenjiuye batch examples/batch/applicants.csv -o out.csv --summary",
        "wenjiuye batch examples/batch/applicants-gb18030.csv --format ndjson",
        "wenjiuye batch examples/batch/applicants.csv --itemised --detail -o items.csv",
    ),
    "compare": (
        "wenjiuye compare examples/batch/applicants.csv --reform examples/reforms/raise_house_rent_cap.toml",
        "wenjiuye compare examples/rent_subsidy.toml --reform examples/reforms/raise_house_rent_cap.toml -f json",
        "wenjiuye compare examples/batch/applicants.csv --reform examples/reforms/double_incubation_bonus.toml "
        "--budget 2000000 --summary",
    ),
    "sweep": (
        "wenjiuye sweep examples/rent_subsidy.toml --id R-001 --vary jobs_created=0..8",
        "wenjiuye sweep examples/rent_subsidy.toml --id R-001 --vary-param rent_subsidy.house_cap_monthly=2000..4000:500",
    ),
    "measures": ("wenjiuye measures", "wenjiuye measures --format json --lang en"),
    "schema": (
        "wenjiuye schema person",
        "wenjiuye schema incubator --format json",
        "wenjiuye schema --template person -o 模板.xlsx",
    ),
    "policy": ("wenjiuye policy show 房租", "wenjiuye policy check policy.toml"),
    "policy show": (
        "wenjiuye policy show rent_subsidy",
        "wenjiuye policy show 房租",
        "wenjiuye policy show general.policy_end --format json",
    ),
    "policy check": ("wenjiuye policy check policy.toml",),
    "policy diff": (
        "wenjiuye policy diff --reform examples/reforms/raise_house_rent_cap.toml",
        "wenjiuye policy diff --reform examples/reforms/extend_policy_two_years.toml --format json",
    ),
}

# Option values that are not just a type: what the value is made of.
OPTION_WORDS = {
    "--as-of": "YYYY-MM-DD",
    "--set": "KEY=VALUE",
    "--vary": "FACT=A..B[:STEP]",
    "--vary-param": "KEY=A..B[:STEP]",
    "--encoding": "ENCODING",
    "--kind": "KIND",
    "--id": "ID",
    "--budget": "YUAN",
    "--keep-columns": "COLUMNS",
}
# typer's own options, said in both languages like the others.
OPTION_HELP = {
    "--install-completion": "为当前 shell 安装命令补全 / install completion for the current shell",
    "--show-completion": "显示当前 shell 的补全脚本 / show the completion script for the current shell",
}
ARGUMENT_WORDS = {"scenarios": "SCENARIO", "scenario": "SCENARIO", "key": "KEY|名称"}


def language_of(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` (``--lang en`` or ``--lang=en``), else ``zh``.

    Read from the command line itself, so that an error found while parsing it is in that language.
    Only words before a lone ``--`` are options."""
    lang = "zh"
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "en" if lang == "en" else "zh"


class UsageGroup(TyperGroup):
    """The root command: usage errors in the user's language, option types as words, examples in help."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        prepare_help(self)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        lang = language_of(argv)
        try:
            code = super().main(argv, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # the help has been shown
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            if getattr(exc, "ctx", None) is None:  # a missing option value is found before any context
                exc.ctx = _context_for(self, argv, prog_name or "wenjiuye")  # type: ignore[attr-defined]
            report(exc, lang)
        except typer.Abort:
            sys.stderr.write("已中止\n" if lang == "zh" else "aborted\n")
            sys.exit(1)
        # Not standalone, a run that ends by itself returns its command's value (None), and one that
        # ends with typer.Exit returns that exit code.
        sys.exit(code if isinstance(code, int) else 0)


def _context_for(group: TyperGroup, argv: Sequence[str], prog_name: str) -> Context:
    """The context of the (sub)command the command line names, without parsing its options."""
    ctx = Context(group, info_name=prog_name)
    command: Command = group
    for word in argv:
        if word == "--" or not isinstance(command, TyperGroup):
            break
        if word.startswith("-"):
            continue
        sub = command.commands.get(word)
        if sub is None:
            break
        command = sub
        ctx = Context(sub, info_name=word, parent=ctx)
    return ctx


def report(exc: click_errors.ClickException, lang: str) -> NoReturn:
    """Write a usage error on stderr, in words, with the usage line and where to find help; exit."""
    zh = lang == "zh"
    lines = [("错误：" if zh else "error: ") + describe(exc, lang)]
    ctx = getattr(exc, "ctx", None)
    if isinstance(ctx, Context):
        usage = re.sub(r"^Usage:\s*", "用法：" if zh else "usage: ", ctx.get_usage().strip())
        if zh:
            usage = usage.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        lines.append(usage)
        lines.append(
            f"查看帮助：{ctx.command_path} --help" if zh else f"Try '{ctx.command_path} --help' for help."
        )
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    sys.exit(exc.exit_code)


def describe(exc: click_errors.ClickException, lang: str) -> str:
    """What went wrong, in the user's language, from the kind of error (never from Click's English)."""
    zh = lang == "zh"
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.NoSuchOption):
        name = exc.option_name
        near = _nearest(name, exc.possibilities or _option_names(ctx))
        if zh:
            return f"没有选项 {name}" + (f"，是否想写 {' 或 '.join(near)}？" if near else "")
        return f"no such option: {name}" + (f" (did you mean {' or '.join(near)}?)" if near else "")
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        name = _param_name(param)
        choices = _choices(param)
        if zh:
            what = "参数" if param is not None and param.param_type_name == "argument" else "选项"
            text = f"缺少{what} {name}"
            help_text = _help_of(param)
            if help_text:
                text += f"（{help_text}）"
            return text + (f"，可选：{_join(choices, zh)}" if choices else "")
        what = "argument" if param is not None and param.param_type_name == "argument" else "option"
        return f"missing {what} {name}" + (f"; choose from {_join(choices, zh)}" if choices else "")
    if isinstance(exc, click_errors.BadParameter):
        return _bad_value(exc, zh)
    if isinstance(exc, click_errors.BadOptionUsage):
        name = exc.option_name
        option = _option(ctx, name)
        choices = _choices(option)
        if "does not take a value" in exc.message:
            return f"选项 {name} 是开关，不带值" if zh else f"option {name} is a flag and takes no value"
        word = _value_word(option) if option is not None and not choices else ""
        if zh:
            text = f"选项 {name} 后面缺少取值" + (f" {word}" if word else "")
            return text + (f"，可选：{_join(choices, zh)}" if choices else "")
        text = f"option {name} needs a value" + (f" {word}" if word else "")
        return text + (f"; choose from {_join(choices, zh)}" if choices else "")
    if isinstance(exc, click_errors.UsageError):
        message = exc.message
        command = re.match(r"No such command '(.*?)'\.", message)
        if command:
            typed = command.group(1)
            names = _command_names(ctx)
            near = _nearest(typed, names)
            if zh:
                text = f"没有命令 {typed!r}" + (f"，是否想写 {' 或 '.join(near)}？" if near else "")
                return text + f"（可用命令：{'、'.join(names)}）"
            text = f"no such command {typed!r}" + (f" (did you mean {' or '.join(near)}?)" if near else "")
            return text + f"; commands: {', '.join(names)}"
        extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
        if extra:
            return f"多余的参数：{extra.group(1)}" if zh else f"unexpected extra arguments: {extra.group(1)}"
        return f"用法错误：{message}" if zh else message
    return exc.format_message()


def _bad_value(exc: click_errors.BadParameter, zh: bool) -> str:
    param = exc.param
    name = _param_name(param) if param is not None else (exc.param_hint or "")
    cause = exc.__cause__
    errors: list[Any] = []
    if cause is not None and hasattr(cause, "errors"):
        errors = list(cause.errors())
    given = errors[0].get("input") if errors else None
    kind = errors[0].get("type") if errors else None
    limits = errors[0].get("ctx") or {} if errors else {}
    choices = _choices(param)
    if choices:
        if zh:
            return f"{name} 的取值 {given!r} 无效，应为 {_join(choices, zh)} 之一"
        return f"invalid value {given!r} for {name}; choose from {_join(choices, zh)}"
    if kind in ("int_parsing", "int_from_float"):
        return f"{name} 应为整数，而不是 {given!r}" if zh else f"{name} must be a whole number, not {given!r}"
    if kind in ("float_parsing", "decimal_parsing"):
        return f"{name} 应为数字，而不是 {given!r}" if zh else f"{name} must be a number, not {given!r}"
    bounds = {"greater_than_equal": ("不小于", "at least", "ge"), "less_than_equal": ("不大于", "at most", "le"),
              "greater_than": ("大于", "more than", "gt"), "less_than": ("小于", "less than", "lt")}  # fmt: skip
    if kind in bounds:
        word_zh, word_en, key = bounds[kind]
        limit = limits.get(key)
        return (
            f"{name} 应{word_zh} {limit}，而不是 {given}"
            if zh
            else f"{name} must be {word_en} {limit}, not {given}"
        )
    message = exc.message
    found = re.match(
        r"(?:file|directory|path) '(.*)' (is a directory|is a file|does not exist|is not readable)",
        message,
        re.I,
    )
    if found:
        path, why = found.groups()
        why_zh = {"is a directory": "是目录，应为文件", "is a file": "是文件，应为目录",
                  "does not exist": "不存在", "is not readable": "无法读取"}[why]  # fmt: skip
        return f"{name}：{path} {why_zh}" if zh else f"{name}: {path} {why}"
    return f"{name} 的取值无效：{message}" if zh else f"invalid value for {name}: {message}"


# ---------------------------------------------------------------------------------------------- help


def prepare_help(top: Command, at: str = "") -> None:
    """Option types as words and the examples, on ``top`` (whose path from the root is ``at``: ``""`` for
    the root, ``"policy diff"``) and every command under it (before parsing; a lazy command as it loads)."""
    for path, command in _walk(top, at):
        examples = EXAMPLES.get(path)
        if examples and not (command.epilog or "").startswith(_EXAMPLES_TITLE):
            lines = "\n\n".join(f"  {line}" for line in examples)
            command.epilog = f"{_EXAMPLES_TITLE}\n\n{lines}"
        for param in command.params:
            for opt in param.opts:
                if opt in OPTION_HELP:
                    param.help = OPTION_HELP[opt]  # type: ignore[attr-defined]
            if param.metavar is None:
                param.metavar = _metavar(param)
            if param.param_type_name == "argument":
                # typer shows an argument's Python type (<list[str]>) beside its name; the name says it.
                setattr(param, "display_type_rich", _no_type)  # noqa: B010
        help_option = command.get_help_option(Context(command))
        if help_option is not None:
            help_option.metavar = ""
            help_option.help = "显示帮助并退出 / show this help and exit"


_EXAMPLES_TITLE = "示例 / examples:"


def _no_type(ctx: Context) -> None:
    return None


def _walk(command: Command, path: str) -> Iterator[tuple[str, Command]]:
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _walk(sub, f"{path} {name}".strip())


def _metavar(param: Parameter) -> str:
    """What a value of ``param`` is, as a word: ``FILE``, ``TEXT``, ``INTEGER``, ``a|b``; a flag has none."""
    if param.param_type_name == "argument":
        return ARGUMENT_WORDS.get(param.name or "", (param.name or "").upper())
    if getattr(param, "is_flag", False):
        return ""
    for opt in param.opts:
        if opt in OPTION_WORDS:
            return OPTION_WORDS[opt]
    return _value_word(param)


def _value_word(param: Parameter) -> str:
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    annotation = _annotation(param)
    if annotation is int:
        return "INTEGER"
    if annotation in (float, Decimal):
        return "NUMBER"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "FILE"
    return "TEXT"


def _annotation(param: Parameter | None) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    args = getattr(annotation, "__args__", None)
    if args:  # list[X], X | None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _strip_list(inner[0])
    return annotation


def _strip_list(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", None)
    return args[0] if args and len(args) == 1 else annotation


def _choices(param: Parameter | None) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if not choices:
        return []
    return [str(c.value) if isinstance(c, Enum) else str(c) for c in choices]


def _param_name(param: Parameter | None) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "").upper()
    longs = [o for o in param.opts if o.startswith("--")]
    return (longs or list(param.opts) or [param.name or ""])[0]


def _help_of(param: Parameter | None) -> str:
    text = getattr(param, "help", None) or ""
    return str(text).split(" / ")[0].strip()


def _option(ctx: Any, name: str) -> Parameter | None:
    if not isinstance(ctx, Context):
        return None
    for param in ctx.command.params:
        if name in param.opts or name in param.secondary_opts:
            return param
    return None


def _option_names(ctx: Any) -> list[str]:
    if not isinstance(ctx, Context):
        return []
    return [opt for param in ctx.command.params for opt in (*param.opts, *param.secondary_opts)]


def _command_names(ctx: Any) -> list[str]:
    if not isinstance(ctx, Context) or not isinstance(ctx.command, TyperGroup):
        return []
    return [name for name, command in ctx.command.commands.items() if not command.hidden]


def _nearest(typed: str, names: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(typed, list(names), n=2, cutoff=0.6)


def _join(values: Sequence[str], zh: bool) -> str:
    return ("、" if zh else ", ").join(values)
