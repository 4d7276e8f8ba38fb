"""Pictures of what-if results: the budget by measure, an applicant's amount along a sweep, a budget curve.

An optional extra: ``pip install 'wenjiuye[plot]'`` brings matplotlib. Nothing here imports it before a
picture is drawn (``wenjiuye --help`` never loads it); without it :func:`require_matplotlib` raises
:class:`PlotUnavailable`, which says how to install it (exit code 69, ``ExitCode.UNAVAILABLE``).

::

    rows = [MeasureBudget("rent_subsidy", Decimal("134400.00"), (Decimal("158400.00"),))]
    drawing = budget_by_measure(rows, [("改革方案", "reform")], Path("预算.png"), lang="zh")
    drawing.figure        # the matplotlib Figure drawn (its bars, lines and texts can be inspected)
    drawing.note          # (zh, en) something the caller may tell the user, or None

Each public function checks the output name first (:func:`plot_format`: ``.png`` or ``.svg``, anything else
is a :class:`PlotFormatError`), draws with the Agg canvas (never pyplot: no global state, no GUI
backend), and writes the file atomically (:class:`wenjiuye_cli.io.atomic.AtomicTextFile`): the picture
appears only once it is complete. ``draw_*`` build the same figure without writing it.

Money comes in as ``Decimal`` and stays ``Decimal`` up to the picture: a bar's length or a point's
height is converted to ``float`` at the very last step, because that is what a drawing is made of, and
the picture is the only place a float appears. The amounts written on the picture (a bar's label, a
cliff's drop) are formatted from the ``Decimal`` itself (:func:`wenjiuye_cli.money.fmt_money`), so what
one reads is exact to the fen.

Fonts: Chinese labels need a CJK font. :func:`cjk_font` looks for one among the installed fonts (Noto
Sans CJK, Source Han Sans, WenQuanYi, …, checked to hold the glyphs). Without one:

- SVG always keeps its texts as text (``svg.fonttype = none``: searchable, and drawn by the viewer's own
  fonts), so its Chinese labels are right in the file whatever fonts this machine has;
- a PNG is drawn with English labels rather than empty boxes, and :attr:`Drawing.note` says so.

Either way no warning reaches stderr, and nothing drawn depends on a font: the data are the same.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from wenjiuye_cli.engine import measure_by_id, registry
from wenjiuye_cli.errors import UserError
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.io.atomic import AtomicTextFile
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.whatif import BudgetImpact, Cliff, SweepPoint, SweepValue, entitlement, value_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PlotFormat = Literal["png", "svg"]
SUFFIXES: dict[str, PlotFormat] = {".png": "png", ".svg": "svg"}
Label = str | tuple[str, str]
"""A text on the picture: one text, or (Chinese, English) to be drawn in the language the picture has."""

INSTALL_HINT = "pip install 'wenjiuye[plot]'"
DPI = 150
# Families known to hold Chinese glyphs, most wanted first (each is checked to have them).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Noto Serif CJK SC",
)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_FILE = re.compile(
    r"cjk|wqy|sourcehan|notosans(sc|tc|hk|jp)|notoserif(sc|tc)|msyh|simhei|simsun|droidsansfallback|pingfang|"
    r"hiragino|uming|ukai|sarasa|heiti",
    re.IGNORECASE,
)
_CJK_GLOSS = re.compile(r"\s*[（(][^（）()]*[\u2e80-\u9fff][^（）()]*[）)]")
_GLYPH_WARNING = r"Glyph \d+ .*missing from"  # matplotlib's warning for a character its font lacks
_COLOURS = ("#7f7f7f", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
CLIFF_COLOUR = "#d62728"
MAX_SWEEP_LINES = 8  # measures drawn beside the total in a sweep (those that give the most)


class PlotUnavailable(UserError):
    """matplotlib is not installed: the message says how to install the ``[plot]`` extra."""

    code = ExitCode.UNAVAILABLE

    def __init__(self) -> None:
        super().__init__(
            f"画图需要 matplotlib，请安装：{INSTALL_HINT}",
            f"drawing a picture needs matplotlib; install it with: {INSTALL_HINT}",
        )


class PlotFormatError(UserError):
    """An output name whose extension is not ``.png`` or ``.svg``."""

    code = ExitCode.USAGE


def plot_format(path: Path) -> PlotFormat:
    """The picture format ``path``'s extension names; :class:`PlotFormatError` for any other."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise PlotFormatError(
            f"--plot {path.name}：图片的扩展名应为 .png 或 .svg",
            f"--plot {path.name}: a picture's extension must be .png or .svg",
        )
    return fmt


def require_matplotlib() -> None:
    """Raise :class:`PlotUnavailable` unless matplotlib can be imported (it is imported here, quietly)."""
    _matplotlib()


def check_plot(path: Path) -> PlotFormat:
    """What a command checks before it computes anything: the extension, then that matplotlib is there."""
    fmt = plot_format(path)
    require_matplotlib()
    return fmt


def _matplotlib() -> Any:
    # matplotlib logs (building its font cache on a first run, an unwritable config directory) through
    # the logging module: without a handler of ours those lines would reach stderr through Python's
    # last-resort handler. A program that configures logging still sees them.
    logger = logging.getLogger("matplotlib")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    try:
        import matplotlib
    except ImportError:
        raise PlotUnavailable() from None
    return matplotlib


@cache
def cjk_font() -> str | None:
    """The family name of an installed font that holds Chinese glyphs, or None.

    matplotlib's own list of fonts is a cache made when it first ran: a font installed since is not in it.
    So when none of :data:`CJK_FAMILIES` is listed, the system's font files whose names look Chinese
    (``wqy``, ``NotoSansCJK``, ``SourceHan``, ``msyh``…) are added to the list and checked as well."""
    _matplotlib()
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _covering([(e.name, e.fname) for e in manager.ttflist if e.name in CJK_FAMILIES])
    if found is not None:
        return found
    known = {e.fname for e in manager.ttflist}
    added: list[str] = []
    for fname in font_manager.findSystemFonts():
        if fname in known or not _CJK_FILE.search(Path(fname).name):
            continue
        try:
            manager.addfont(fname)
        except (OSError, RuntimeError, ValueError):  # an unreadable font file: try the next
            continue
        added.append(fname)
    return _covering([(e.name, e.fname) for e in manager.ttflist if e.fname in added])


def _covering(fonts: list[tuple[str, str]]) -> str | None:
    """The first family (in :data:`CJK_FAMILIES` order, then as listed) whose font has 补 and 贴."""
    from matplotlib.ft2font import FT2Font

    rank = {family: i for i, family in enumerate(CJK_FAMILIES)}
    for family, fname in sorted(fonts, key=lambda f: rank.get(f[0], len(rank))):
        try:
            font = FT2Font(fname)
            if font.get_char_index(ord("补")) and font.get_char_index(ord("贴")):
                return family
        except (OSError, RuntimeError, ValueError):
            continue
    return None


@dataclass(frozen=True)
class _Style:
    """How the texts of one picture are drawn."""

    fmt: PlotFormat
    lang: str  # the language drawn
    font: str
    cjk: bool  # whether Chinese characters can be drawn (a CJK font, or an SVG's texts kept as text)
    note: tuple[str, str] | None

    @property
    def text_as_text(self) -> bool:
        """SVG keeps its texts as text: searchable, and drawn by the viewer's fonts."""
        return self.fmt == "svg"

    def pick(self, label: Label) -> str:
        text = label if isinstance(label, str) else label[0] if self.lang == "zh" else label[1]
        if not self.cjk and _CJK.search(text):  # an English label's Chinese gloss: 建档立卡
            text = _CJK.sub("", _CJK_GLOSS.sub("", text)).strip()
        return text

    def rc(self) -> dict[str, Any]:
        return {
            "font.family": "sans-serif",
            "font.sans-serif": [self.font, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.fonttype": "none" if self.text_as_text else "path",
            "svg.hashsalt": "wenjiuye",  # the same data give the same SVG
        }


@dataclass(frozen=True)
class Drawing:
    """A picture drawn: the figure and how its texts are drawn (:attr:`format`, :attr:`lang`, :attr:`font`),
    and :attr:`note`, (zh, en), when it could not be drawn as asked (no Chinese font for a PNG)."""

    figure: Figure
    style: _Style

    @property
    def format(self) -> PlotFormat:
        return self.style.fmt

    @property
    def lang(self) -> str:
        return self.style.lang

    @property
    def font(self) -> str:
        return self.style.font

    @property
    def note(self) -> tuple[str, str] | None:
        return self.style.note


def _style(fmt: PlotFormat, lang: str) -> _Style:
    font = cjk_font()
    cjk = font is not None or fmt == "svg"
    if lang != "zh" or cjk:
        return _Style(fmt, lang, font or "DejaVu Sans", cjk, None)
    note = (
        "未找到中文字体，PNG 图中的文字用英文（可安装 fonts-noto-cjk，或改写 .svg）",
        "no Chinese font is installed: the PNG's texts are in English (install fonts-noto-cjk, or write .svg)",
    )
    return _Style(fmt, "en", "DejaVu Sans", False, note)


@contextmanager
def _drawing(style: _Style) -> Iterator[None]:
    """rcParams for the picture, and matplotlib's missing-glyph warnings silenced: an SVG keeps its texts
    as text whatever font lays them out, and nothing is to reach stderr."""
    matplotlib = _matplotlib()
    with matplotlib.rc_context(style.rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # the Agg canvas: no GUI backend, no pyplot state
    return figure


def save(drawing: Drawing, path: Path) -> None:
    """Write ``drawing`` to ``path`` atomically, in its format. ``OSError`` names ``path``."""
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if drawing.format == "svg" else {}
    with _drawing(drawing.style):  # the texts are laid out again: under the same settings
        drawing.figure.savefig(buffer, format=drawing.format, dpi=DPI, metadata=metadata)
    with AtomicTextFile(path) as out:
        out.stream.flush()
        out.stream.buffer.write(buffer.getvalue())


def _float(amount: Decimal) -> float:
    """The one conversion of money to float: a length on the picture."""
    return float(amount)


def _yuan(value: float, _pos: object = None) -> str:
    """A tick label: whole yuan with thousands separators (the ticks are positions, not amounts)."""
    return f"{value:,.0f}"


def _x(value: SweepValue) -> float | date:
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | Decimal):
        return float(value)
    raise TypeError(value)


# ---------------------------------------------------------------------------------- budget by measure


@dataclass(frozen=True)
class MeasureBudget:
    """One measure's budget: the baseline total and each reform's, in yuan (``Decimal``)."""

    measure_id: str
    baseline: Decimal
    reforms: tuple[Decimal, ...]


def measure_budgets(impact: BudgetImpact) -> list[MeasureBudget]:
    """The rows :func:`budget_by_measure` takes, from one comparison (baseline and one reform): each
    measure's paid total (exact amounts; the "最高…" maxima are not budget, as in the summary), in
    policy order."""
    order = {m.id: i for i, m in enumerate(registry())}
    tallies = sorted(impact.by_measure.items(), key=lambda kv: order.get(kv[0], len(order)))
    return [MeasureBudget(mid, tally.baseline, (tally.reform,)) for mid, tally in tallies]


def draw_budget_by_measure(
    rows: Sequence[MeasureBudget],
    reform_names: Sequence[Label],
    fmt: PlotFormat = "png",
    *,
    lang: str = "zh",
    title: Label | None = None,
) -> Drawing:
    """One bar group per measure (horizontal bars, the measure's name beside them): the baseline, then each
    reform, its length the ``Decimal`` total and its label that amount to the fen. Measures whose totals
    are all zero are left out and counted under the picture. Every bar has a ``gid``
    (``bar-<series index>-<measure id>``), which the SVG keeps as the id of its group."""
    for row in rows:
        if len(row.reforms) != len(reform_names):
            raise ValueError(
                f"{row.measure_id}: {len(row.reforms)} reform totals for {len(reform_names)} reforms"
            )
    style = _style(fmt, lang)
    shown = [r for r in rows if r.baseline or any(r.reforms)]
    hidden = len(rows) - len(shown)
    series: list[Label] = [("基准", "baseline"), *reform_names]
    with _drawing(style):
        n = max(len(shown), 1)
        group = 0.8
        bar = group / len(series)
        figure = _figure(9.0, 1.6 + n * max(0.45, 0.28 * len(series)))
        ax = figure.add_subplot()
        names = [style.pick(measure_by_id(r.measure_id).name(style.lang)) for r in shown]
        positions = list(range(len(shown)))
        largest = max((v for r in shown for v in (r.baseline, *r.reforms)), default=Decimal(0))
        for index, name in enumerate(series):
            values = [(r.baseline, *r.reforms)[index] for r in shown]
            offsets = [p - group / 2 + bar * (index + 0.5) for p in positions]
            bars = ax.barh(
                offsets,
                [_float(v) for v in values],
                height=bar,
                label=style.pick(name),
                color=_COLOURS[index % len(_COLOURS)],
            )
            for rect, row, value in zip(bars.patches, shown, values, strict=True):
                rect.set_gid(f"bar-{index}-{row.measure_id}")
                ax.text(
                    _float(value) + _float(largest) * 0.01,
                    rect.get_y() + rect.get_height() / 2,
                    fmt_money(value),
                    va="center",
                    fontsize=7,
                )
        ax.set_yticks(positions, names)
        ax.invert_yaxis()  # the first measure on top, as in the tables
        ax.set_xlim(0, _float(largest) * 1.18 if largest > 0 else 1)
        ax.xaxis.set_major_formatter(_yuan)
        ax.set_xlabel(style.pick(("金额（元）", "amount (yuan)")))
        ax.set_title(
            style.pick(title or ("各项措施预算：基准与改革", "budget by measure: baseline and reform"))
        )
        ax.legend(loc="lower right", fontsize=8)
        ax.grid(axis="x", alpha=0.3)
        if hidden:
            figure.text(
                0.01,
                0.005,
                style.pick(
                    (f"另有 {hidden} 项措施金额均为 0，未画出", f"{hidden} more measures are 0 throughout")
                ),
                fontsize=7,
                color="#555555",
            )
    return Drawing(figure, style)


def budget_by_measure(
    rows: Sequence[MeasureBudget],
    reform_names: Sequence[Label],
    path: Path,
    *,
    lang: str = "zh",
    title: Label | None = None,
) -> Drawing:
    """:func:`draw_budget_by_measure` written to ``path`` (``.png`` or ``.svg``, atomically)."""
    drawing = draw_budget_by_measure(rows, reform_names, plot_format(path), lang=lang, title=title)
    save(drawing, path)
    return drawing


# --------------------------------------------------------------------------------- one applicant's sweep


def draw_sweep_amount(
    points: Sequence[SweepPoint],
    cliffs: Sequence[Cliff],
    value_name: str,
    fmt: PlotFormat = "png",
    *,
    lang: str = "zh",
    value_label: Label | None = None,
    title: Label | None = None,
) -> Drawing:
    """An applicant's total (the ``gid`` ``total`` line) and each measure that gives something somewhere
    (at most :data:`MAX_SWEEP_LINES`, gid ``measure-<id>``) against the swept value; a measure's amount is
    its entitlement (:func:`wenjiuye_cli.whatif.entitlement`: the exact amount, else its maximum), left out
    where it cannot be decided. Each cliff is a red marker where the amount lands (gid ``cliffs``, at its ``to``
    value and ``after`` amount) with a dashed drop from ``before`` and the
    drop written beside it; cliffs that land on the same point (a measure's and the total's) share one
    marker. Numbers and dates are on a true scale; other values (yes/no, choices) are
    evenly spaced."""
    from matplotlib.ticker import MaxNLocator

    style = _style(fmt, lang)
    with _drawing(style):
        figure = _figure(9.0, 5.0)
        ax = figure.add_subplot()
        values = [p.value for p in points]
        ordered = all(isinstance(v, int | Decimal | date) and not isinstance(v, bool) for v in values)
        xs: list[Any] = [_x(v) for v in values] if ordered else list(range(len(values)))
        where = {value_text(v): x for v, x in zip(values, xs, strict=True)}
        ax.plot(
            xs,
            [_float(p.result.total) for p in points],
            marker="o",
            linewidth=2.2,
            color="#222222",
            label=style.pick(("合计", "total")),
            gid="total",
            zorder=3,
        )
        measure_ids = [o.measure_id for o in points[0].result.outcomes] if points else []
        lines: list[tuple[Decimal, int, str]] = []
        for index, mid in enumerate(measure_ids):
            amounts = [entitlement(p.result.outcomes[index]) for p in points]
            top = max((a for a in amounts if a is not None), default=Decimal(0))
            if top > 0:
                lines.append((top, index, mid))
        lines.sort(key=lambda item: -item[0])
        for colour, (_top, index, mid) in enumerate(lines[:MAX_SWEEP_LINES]):
            heights = [entitlement(p.result.outcomes[index]) for p in points]
            ax.plot(
                xs,
                [math.nan if h is None else _float(h) for h in heights],
                marker=".",
                linewidth=1.2,
                color=_COLOURS[1 + colour % (len(_COLOURS) - 1)],
                label=style.pick(measure_by_id(mid).name(style.lang)),
                gid=f"measure-{mid}",
            )
        if cliffs:
            # One marker (and one drop written) per point where amounts land: a measure's cliff and the
            # total's often land on the same point.
            landings: dict[tuple[Any, Decimal], Decimal] = {}
            for c in cliffs:
                x = where[value_text(c.to)]
                ax.plot(
                    [where[value_text(c.frm)], x],
                    [_float(c.before), _float(c.after)],
                    linestyle="--",
                    color=CLIFF_COLOUR,
                    linewidth=1,
                )
                key = (x, c.after)
                landings[key] = max(landings.get(key, c.drop), c.drop)
            for (x, after), drop in landings.items():
                ax.annotate(
                    f"−{fmt_money(drop)}",
                    (x, _float(after)),
                    textcoords="offset points",
                    xytext=(6, 6),
                    fontsize=7,
                    color=CLIFF_COLOUR,
                )
            ax.plot(
                [x for x, _ in landings],
                [_float(after) for _, after in landings],
                linestyle="none",
                marker="v",
                markersize=9,
                color=CLIFF_COLOUR,
                label=style.pick((f"断崖（{len(landings)} 处）", f"cliffs ({len(landings)})")),
                gid="cliffs",
                zorder=4,
            )
        if not ordered:
            ax.set_xticks(xs, [value_text(v) for v in values])
        elif all(isinstance(v, int) for v in values):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(_yuan)
        ax.set_ylim(bottom=0)
        ax.set_xlabel(style.pick(value_label) + f" ({value_name})" if value_label else value_name)
        ax.set_ylabel(style.pick(("金额（元）", "amount (yuan)")))
        applicant = points[0].result.applicant.id if points else ""
        ax.set_title(
            style.pick(
                title
                or (f"{applicant}：补贴金额随 {value_name} 变化", f"{applicant}: amount by {value_name}")
            )
        )
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
        if ordered and points and isinstance(values[0], date):
            figure.autofmt_xdate()
    return Drawing(figure, style)


def sweep_amount(
    points: Sequence[SweepPoint],
    cliffs: Sequence[Cliff],
    value_name: str,
    path: Path,
    *,
    lang: str = "zh",
    value_label: Label | None = None,
    title: Label | None = None,
) -> Drawing:
    """:func:`draw_sweep_amount` written to ``path`` (``.png`` or ``.svg``, atomically)."""
    drawing = draw_sweep_amount(
        points, cliffs, value_name, plot_format(path), lang=lang, value_label=value_label, title=title
    )
    save(drawing, path)
    return drawing


# ------------------------------------------------------------------------------------ a budget curve


def draw_budget_curve(
    points: Sequence[tuple[SweepValue, Decimal]],
    baseline: Decimal,
    value_name: str,
    fmt: PlotFormat = "png",
    *,
    limit: Decimal | None = None,
    lang: str = "zh",
    value_label: Label | None = None,
    title: Label | None = None,
) -> Drawing:
    """The budget total of a list against a swept value.

    ``points``: (value, total) in the order swept; a value is a number or a date (drawn on a true scale)
    or any text label such as ``"3000"`` or ``"A.toml"`` (then every value is drawn evenly spaced, in
    order, labelled as given); totals in yuan, ``Decimal``. ``baseline``: today's total, a horizontal line
    (gid ``baseline``). ``limit``: the funds available, a red dashed line (gid ``limit``); points above it
    are drawn red (gid ``over-limit``). The curve's gid is ``budget``."""
    style = _style(fmt, lang)
    with _drawing(style):
        figure = _figure(9.0, 5.0)
        ax = figure.add_subplot()
        values = [v for v, _ in points]
        ordered = all(isinstance(v, int | Decimal | date) and not isinstance(v, bool) for v in values)
        xs: list[Any] = [_x(v) for v in values] if ordered else list(range(len(values)))
        totals = [t for _, t in points]
        ax.plot(
            xs,
            [_float(t) for t in totals],
            marker="o",
            linewidth=2,
            color=_COLOURS[1],
            label=style.pick(("预算合计", "budget total")),
            gid="budget",
            zorder=3,
        )
        ax.axhline(
            _float(baseline),
            color=_COLOURS[0],
            linewidth=1.2,
            label=style.pick((f"基准 {fmt_money(baseline)}", f"baseline {fmt_money(baseline)}")),
            gid="baseline",
        )
        if limit is not None:
            ax.axhline(
                _float(limit),
                color=CLIFF_COLOUR,
                linestyle="--",
                linewidth=1.2,
                label=style.pick((f"可用资金 {fmt_money(limit)}", f"funds {fmt_money(limit)}")),
                gid="limit",
            )
            over = [(x, t) for x, t in zip(xs, totals, strict=True) if t > limit]
            if over:
                ax.plot(
                    [x for x, _ in over],
                    [_float(t) for _, t in over],
                    linestyle="none",
                    marker="o",
                    markersize=8,
                    color=CLIFF_COLOUR,
                    label=style.pick(("超出可用资金", "over the funds")),
                    gid="over-limit",
                    zorder=4,
                )
        if not ordered:
            ax.set_xticks(xs, [v if isinstance(v, str) else value_text(v) for v in values])
        ax.yaxis.set_major_formatter(_yuan)
        ax.set_xlabel(style.pick(value_label) + f" ({value_name})" if value_label else value_name)
        ax.set_ylabel(style.pick(("预算合计（元）", "budget total (yuan)")))
        ax.set_title(style.pick(title or (f"预算合计随 {value_name} 变化", f"budget total by {value_name}")))
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
        if ordered and values and isinstance(values[0], date):
            figure.autofmt_xdate()
    return Drawing(figure, style)


def budget_curve(
    points: Sequence[tuple[SweepValue, Decimal]],
    baseline: Decimal,
    value_name: str,
    path: Path,
    *,
    limit: Decimal | None = None,
    lang: str = "zh",
    value_label: Label | None = None,
    title: Label | None = None,
) -> Drawing:
    """:func:`draw_budget_curve` written to ``path`` (``.png`` or ``.svg``, atomically)."""
    drawing = draw_budget_curve(
        points,
        baseline,
        value_name,
        plot_format(path),
        limit=limit,
        lang=lang,
        value_label=value_label,
        title=title,
    )
    save(drawing, path)
    return drawing
