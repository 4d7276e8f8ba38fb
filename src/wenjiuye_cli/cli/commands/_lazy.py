"""Command groups whose sub-commands kept in their own modules load only when they are needed.

``wenjiuye --help`` lists every command with its help line, but importing ``commands/batch.py`` or
``commands/whatif.py`` brings in polars, pydantic and the rules (most of a second). A :class:`LazyGroup`
lists such a command from its :class:`LazyCommand` entry (the module that registers it and the help line
the listing shows) and imports the module only when the command is resolved: when it runs, shows its own
``--help`` or is completed. ``tests/cli/test_cli.py`` holds the entries to the modules' real commands.

This is the CLI layer (typer only here, ``cli.py`` and ``commands/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from typer._click.core import Command, Context
from typer.core import TyperCommand, TyperGroup

from wenjiuye_cli.cli.commands._usage import prepare_help


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """A command that ``wenjiuye_cli.cli.commands.<module>``'s ``register(app)`` adds, listed by ``help`` (the
    first paragraph of its help, as a group's ``--help`` shows it) until it is loaded."""

    module: str
    help: str


class Placeholder(TyperCommand):
    """What a group lists for a command not loaded yet: its name and help line, nothing to run."""


class LazyGroup(TyperGroup):
    """A group that lists its :attr:`lazy` commands as placeholders and loads each when it is resolved.

    The order stays the one the commands always had: the group's own commands, then the lazy ones in the
    order of :attr:`lazy`, then the sub-groups, whether a lazy command is loaded yet or not."""

    lazy: ClassVar[Mapping[str, LazyCommand]] = {}

    def __init__(self, *, commands: Mapping[str, Command] | None = None, **kwargs: Any) -> None:
        given = dict(commands or {})
        own = {n: c for n, c in given.items() if n not in self.lazy and not isinstance(c, TyperGroup)}
        lazy = {n: given.get(n) or Placeholder(name=n, help=entry.help) for n, entry in self.lazy.items()}
        rest = {n: c for n, c in given.items() if n not in own and n not in lazy}
        super().__init__(commands={**own, **lazy, **rest}, **kwargs)

    def load(self, name: str) -> Command:
        """The real command ``name`` (one of :attr:`lazy`): its module imported and registered."""
        raise NotImplementedError

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and isinstance(command, Placeholder):
            command = self.commands[name] = self.load(name)
            prepare_help(command, " ".join((*_path(ctx), name)))
        return name, command, rest


def _path(ctx: Context) -> list[str]:
    """The names of the sub-commands from the root to ``ctx``'s command (the root's own name left out)."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return names[::-1]
