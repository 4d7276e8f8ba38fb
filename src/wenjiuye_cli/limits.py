"""Bounds on what an input may hold, so that no input can crash a reader or cost more than linear time.

Parsed documents (scenario files, NDJSON rows, policy and reform files) are checked once, right after
parsing, by :func:`structure_problem`: nesting deeper than :data:`MAX_DEPTH` (a scenario needs five
levels, a policy file four; 2,000 levels of ``[[[…]]]`` would exhaust Python's stack in any code that
walks them) and strings holding a lone surrogate (JSON's ``"\\ud800"``: no character, and no writer can
encode it) are rejected naming the place. Messages show a bad value through :func:`shown`, cut short.
Plain Python, no other import from the package: every reader may use it.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from typing import Any

MAX_DEPTH = 32  # tables and lists inside each other
SHOWN_CHARS = 60  # a bad value is shown in a message cut to this many characters
# Python refuses to read integers with more digits (int ↔ str is quadratic); 4,300 by default.
INT_DIGITS = sys.get_int_max_str_digits() or 4300

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_DIGITS = re.compile(rf"[0-9_]{{{INT_DIGITS + 1},}}")


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a lone surrogate (U+D800–U+DFFF)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def shown(raw: Any) -> str:
    """``repr(raw)`` as a message shows it: cut to :data:`SHOWN_CHARS` (a 1 MB cell stays in its file),
    ASCII-escaped where it holds a lone surrogate. Containers are not walked (they may be deep)."""
    if isinstance(raw, list | dict | tuple):
        return f"<{type(raw).__name__} of {len(raw)}>"
    if isinstance(raw, str):
        raw = raw[: SHOWN_CHARS * 2]  # enough to show, never the whole of a 1 MB cell
        text = ascii(raw) if has_lone_surrogate(raw) else repr(raw)
    else:
        text = repr(raw)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def json_int(text: str) -> int | Decimal:
    """``parse_int`` for :func:`json.loads`: an integer too long for ``int`` stays a Decimal, so the fact
    that holds it is rejected for its range, naming the field, instead of the whole file failing."""
    return int(text) if len(text) <= INT_DIGITS else Decimal(text)


def long_integer_line(text: str) -> int | None:
    """The line number of the first run of more than :data:`INT_DIGITS` digits in ``text``, or None."""
    match = _LONG_DIGITS.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def path_text(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = ascii(part)[1:-1] if has_lone_surrogate(part) else part
            out += f".{name}" if out else name
    return out


def structure_problem(doc: Any, max_depth: int = MAX_DEPTH) -> tuple[str, str, str] | None:
    """The first place in a parsed document nested deeper than ``max_depth`` or holding a lone surrogate
    (in a key or a string), as ``(path, zh, en)``; None when there is none. Iterative: any depth is safe.

    Paths count list items from 1 (``applicants[2].id``)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if has_lone_surrogate(value):
                return path_text(path), *_SURROGATE_REASON
        elif isinstance(value, dict | list):
            if len(path) >= max_depth:
                return (
                    path_text(path),
                    f"嵌套过深（表和列表最多嵌套 {max_depth} 层）",
                    f"nested too deeply (at most {max_depth} levels of tables and lists)",
                )
            items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
            for key, item in reversed(items):
                if isinstance(key, str) and has_lone_surrogate(key):
                    return path_text((*path, key)), *_SURROGATE_REASON
                stack.append((item, (*path, key)))
    return None


_SURROGATE_REASON = (
    "含有无效字符（单独的代理码位 U+D800–U+DFFF，不是任何字符）",
    "holds an invalid character (a lone surrogate, U+D800-U+DFFF, is not a character)",
)
SURROGATE_REASON: tuple[str, str] = _SURROGATE_REASON

TOO_DEEP = (
    f"嵌套过深（表和列表最多嵌套 {MAX_DEPTH} 层）",
    f"nested too deeply (at most {MAX_DEPTH} levels of tables and lists)",
)
