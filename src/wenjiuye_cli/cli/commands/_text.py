"""Text that wraps as Chinese is wrapped: between any two characters, not only at spaces.

rich breaks lines at spaces only, so a Chinese sentence (which has none) is one long "word": it is pushed
whole onto the next line, leaving a gap, and then folded. :class:`Wrapped` may break between two wide
(CJK) characters and at spaces; it keeps a run of narrow characters (a number, a date, an English word, a
parameter name) together unless it is longer than the line, and it never starts a line with a closing
mark (，。、）…) nor ends one with an opening mark (（“…), and it keeps a citation (第十五条/37) whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

OPENERS = frozenset("（「『《【〈“‘([{")
CLOSERS = frozenset("，。、；：？！）」』》】〉”’…,.;:!?)]}%—")
CITATION = re.compile(r"第[一二三四五六七八九十]+条/[0-9,]+")


@lru_cache(maxsize=4096)
def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def units(text: str) -> list[tuple[int, int]]:
    """The spans a line may break between: a wide character or a run of narrow ones, with the opening
    marks before it, the closing marks after it and the spaces that follow."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        start = i
        while i < n and text[i] in OPENERS:
            i += 1
        citation = CITATION.match(text, i)
        if citation is not None:  # 第十五条/37 is read as one word: never broken
            i = citation.end()
        elif i < n and not text[i].isspace():
            if _wide(text[i]):
                i += 1
            else:
                while i < n and not text[i].isspace() and not _wide(text[i]) and text[i] not in OPENERS:
                    i += 1
        while i < n and text[i] in CLOSERS:
            i += 1
        while i < n and text[i].isspace():
            i += 1
        if i == start:  # an opening mark at the very end
            i += 1
        spans.append((start, i))
    return spans


def divide(text: str, width: int) -> list[int]:
    """Offsets to break ``text`` at so that each line fits ``width`` cells (cf. rich's ``divide_line``)."""
    breaks: list[int] = []
    offset = 0
    for start, end in units(text):
        word = text[start:end]
        length = cell_len(word.rstrip())
        if offset + length <= width:
            offset += cell_len(word)
        elif length > width:  # longer than a line: fold it
            pieces = chop_cells(word, width)
            for number, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if number == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        else:
            if offset and start:
                breaks.append(start)
            offset = cell_len(word)
    return breaks


class Wrapped(Text):
    """A :class:`rich.text.Text` that wraps by :func:`divide` (and measures its narrowest by its longest
    unbreakable span, so a table gives a Chinese cell the room of a word, not of a sentence)."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: object = None,
        overflow: object = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(divide(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
                piece.truncate(width, overflow="fold")
            lines.extend(pieces)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.plain
        rows = plain.splitlines()
        widest = max((cell_len(row) for row in rows), default=0)
        narrowest = max((cell_len(row[s:e].rstrip()) for row in rows for s, e in units(row)), default=0)
        return Measurement(narrowest, widest)


def paragraph(text: str, style: str = "") -> Group:
    """``text`` to print on its own, wrapped as :class:`Wrapped` wraps (``console.print`` would join a bare
    Text into a plain one and wrap that at spaces)."""
    return Group(Wrapped(text, style=style))
