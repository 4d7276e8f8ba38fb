"""Chinese wrapping: between characters, never cutting a number or starting a line with a closing mark."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from wenjiuye_cli.cli.commands._text import CLOSERS, OPENERS, Wrapped, divide, paragraph


def lines_of(text: str, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, no_color=True)
    with console.capture() as capture:
        console.print(paragraph(text))
    return capture.get().splitlines()


def test_a_chinese_sentence_fills_the_line_instead_of_jumping_to_the_next() -> None:
    lines = lines_of("另有 10 项措施缺少事实，无法判断（如需查看：--all）", 20)
    assert lines[0] == "另有 10 项措施缺少事"  # rich alone gives "另有 10" and a gap
    assert all(cell_len(line) <= 20 for line in lines)


def test_numbers_and_names_stay_whole_and_no_line_starts_with_a_closing_mark() -> None:
    text = "不超过每月最高 2500 元：2500 元，rent_subsidy.max_months 为 24（计算值 30）。"
    for width in range(24, 60):  # wider than the longest unbreakable piece, which alone may be folded
        lines = lines_of(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not [line for line in lines if line and line[0] in CLOSERS]
        assert not [line for line in lines if line.rstrip() and line.rstrip()[-1] in OPENERS]
        for token in ("2500", "rent_subsidy.max_months", "30）。"):
            assert any(token in line for line in lines), (width, lines)


@given(
    st.text(alphabet="补贴元（）：，。 0123456789abc_.", max_size=120), st.integers(min_value=4, max_value=40)
)
def test_every_piece_fits_and_nothing_is_lost(text: str, width: int) -> None:
    pieces = Wrapped(text).wrap(Console(file=io.StringIO(), width=width), width)
    assert all(cell_len(piece.plain) <= width for piece in pieces)
    assert "".join(p.plain for p in pieces).replace(" ", "") == text.replace(" ", "")
    assert divide(text, width) == sorted(set(divide(text, width)))


def test_a_citation_is_kept_whole() -> None:
    for width in range(16, 40):
        lines = lines_of("创业房租补贴 60000.00（第十五条/37）", width)
        assert any("（第十五条/37）" in line for line in lines), (width, lines)
