"""Pictures (wenjiuye_cli.plot): the drawn data are the Decimal amounts, the files are valid PNG/SVG with the
expected series, the output is written atomically, and the missing extra is said in one line."""

from __future__ import annotations

import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import POLICY, applicant
from wenjiuye_cli import plot
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.plot import MeasureBudget
from wenjiuye_cli.whatif import BudgetImpact, Comparer, fact_axis, find_cliffs, sweep

pytest.importorskip("matplotlib")  # the [plot] extra: CI installs it (.ci/run)

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = date(2026, 11, 26)
ROWS = [
    MeasureBudget("rent_subsidy", Decimal("120000.00"), (Decimal("150000.50"), Decimal("99999.99"))),
    MeasureBudget("startup_loan", Decimal(0), (Decimal(0), Decimal(0))),
    MeasureBudget("hiring_subsidy", Decimal("30000.00"), (Decimal("15360.51"), Decimal(0))),
]
REFORMS: list[plot.Label] = [("方案甲", "plan A"), ("方案乙", "plan B")]


@pytest.fixture(autouse=True)
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as on a machine without a Chinese font (this one and CI's have none), so that the
    results do not depend on the fonts a machine has; tests that want one say so."""
    monkeypatch.setattr(plot, "cjk_font", lambda: None)


def bars(drawing: plot.Drawing) -> dict[str, float]:
    """gid → bar length, from the figure's bars."""
    (ax,) = drawing.figure.axes
    return {p.get_gid(): p.get_width() for p in ax.patches if (p.get_gid() or "").startswith("bar-")}


def exact(drawn: Any) -> Decimal:
    """A drawn coordinate (a float) as the Decimal it was made from: its shortest repr reads back exactly."""
    return Decimal(repr(float(drawn)))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_groups(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()  # parses as XML, or this fails
    assert root.tag == f"{SVG}svg"
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g")}


def svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


# ------------------------------------------------------------------------------------ budget by measure


def test_bar_lengths_are_the_decimal_budgets_and_their_labels_the_amounts_to_the_fen() -> None:
    drawing = plot.draw_budget_by_measure(ROWS, REFORMS, "png", lang="en")
    drawn = bars(drawing)
    expected = {
        f"bar-{i}-{row.measure_id}": value
        for row in ROWS
        if row.baseline or any(row.reforms)
        for i, value in enumerate((row.baseline, *row.reforms))
    }
    assert set(drawn) == set(expected)  # startup_loan, 0 everywhere, is left out
    for gid, value in expected.items():
        assert exact(drawn[gid]) == value, gid
    (ax,) = drawing.figure.axes
    labels = [t.get_text() for t in ax.texts]
    assert sorted(labels) == sorted(fmt_money(v) for v in expected.values())
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [measure_by_id("rent_subsidy").name("en"), measure_by_id("hiring_subsidy").name("en")]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["baseline", "plan A", "plan B"]
    assert "1 more measures are 0 throughout" in [t.get_text() for t in drawing.figure.texts]


def test_png_is_a_valid_png_of_the_figure_size(tmp_path: Path) -> None:
    target = tmp_path / "budget.png"
    drawing = plot.budget_by_measure(ROWS, REFORMS, target, lang="en")
    width, height = png_size(target.read_bytes())
    w_in, h_in = drawing.figure.get_size_inches()
    assert (width, height) == (round(w_in * plot.DPI), round(h_in * plot.DPI))
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place


def test_svg_has_one_bar_per_series_and_measure_and_the_chinese_labels(tmp_path: Path) -> None:
    target = tmp_path / "预算.svg"
    drawing = plot.budget_by_measure(ROWS, REFORMS, target, lang="zh")
    assert drawing.lang == "zh"
    assert drawing.note is None  # an SVG keeps its texts as text: no Chinese font needed
    groups = svg_groups(target)
    bar_ids = sorted(g for g in groups if g.startswith("bar-"))
    assert bar_ids == sorted(f"bar-{i}-{m}" for i in range(3) for m in ("rent_subsidy", "hiring_subsidy"))
    texts = svg_texts(target)
    assert measure_by_id("rent_subsidy").name("zh") in texts
    assert {"基准", "方案甲", "方案乙", "150000.50", "15360.51"} <= set(texts)
    assert not any(measure_by_id("startup_loan").name("zh") in t for t in texts)


def test_svg_output_is_the_same_for_the_same_data(tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    plot.budget_by_measure(ROWS, REFORMS, first, lang="zh")
    plot.budget_by_measure(ROWS, REFORMS, second, lang="zh")
    assert first.read_bytes() == second.read_bytes()  # no date, no random ids


def test_a_png_under_zh_without_a_chinese_font_is_drawn_in_english_and_says_so(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    drawing = plot.budget_by_measure(ROWS, REFORMS, tmp_path / "b.png", lang="zh")
    assert drawing.lang == "en"
    assert drawing.note is not None
    assert "fonts-noto-cjk" in drawing.note[0]
    (ax,) = drawing.figure.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["baseline", "plan A", "plan B"]
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # no glyph warnings (and pytest's filterwarnings=error would fail here)


def test_with_a_chinese_font_a_png_is_drawn_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plot, "cjk_font", lambda: "Noto Sans CJK SC")
    style = plot._style("png", "zh")
    assert (style.lang, style.font, style.note) == ("zh", "Noto Sans CJK SC", None)
    assert style.rc()["font.sans-serif"][0] == "Noto Sans CJK SC"


def test_without_a_chinese_font_english_labels_lose_their_chinese_gloss() -> None:
    style = plot._style("png", "en")
    assert style.pick("registered poor labour (建档立卡)") == "registered poor labour"
    assert (
        plot._style("svg", "en").pick("registered poor labour (建档立卡)")
        == "registered poor labour (建档立卡)"
    )


def test_the_series_must_match_the_reforms() -> None:
    with pytest.raises(ValueError, match="2 reform totals for 1 reforms"):
        plot.draw_budget_by_measure(ROWS, ["only one"], "png")


def test_measure_budgets_come_from_a_comparison_in_policy_order() -> None:
    from wenjiuye_cli.policy.reform import with_reforms

    reformed = with_reforms(POLICY, [], ["rent_subsidy.house_cap_monthly=3000"])
    impact = BudgetImpact()
    impact.add(Comparer(POLICY, reformed, None, TODAY).compare(founder()))
    rows = plot.measure_budgets(impact)
    rent = next(r for r in rows if r.measure_id == "rent_subsidy")
    assert (rent.baseline, rent.reforms) == (
        impact.by_measure["rent_subsidy"].baseline,
        (impact.by_measure["rent_subsidy"].reform,),
    )
    assert rent.reforms[0] > rent.baseline  # the cap moved from 2500 to 3000 a month
    order = [m.measure_id for m in rows]
    assert order == sorted(order, key=[m.id for m in plot.registry()].index)


# ----------------------------------------------------------------------------------------------- sweeps


def small_firm_sweep() -> tuple[Any, list[Any], list[Any]]:
    # 第一条: 3 laid off of 30 insured is 10%, within the 20% allowed a small firm of 30 or fewer; at 31
    # staff only the 5.5% target holds, which 3 ÷ 31 misses: the refund drops to 0.
    firm = applicant(
        "enterprise",
        application_date=date(2021, 4, 1),
        ui_contribution_months=24,
        insured_staff_count=28,
        laid_off_count=3,
        small_micro_enterprise=True,
        ui_premiums_paid_last_year=Decimal("20000.50"),
    )
    axis = fact_axis("insured_staff_count=28..33", "enterprise")
    points = sweep(firm, POLICY, axis, today=TODAY)
    return axis, points, find_cliffs(points)


def test_sweep_draws_the_total_and_marks_each_cliff_once_where_it_lands(tmp_path: Path) -> None:
    axis, points, cliffs = small_firm_sweep()
    assert {(c.measure_id, c.frm, c.to) for c in cliffs} == {("stable_jobs_refund", 30, 31), (None, 30, 31)}
    drawing = plot.draw_sweep_amount(points, cliffs, axis.name, "png", lang="en")
    (ax,) = drawing.figure.axes
    lines = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    total = lines["total"]
    assert list(total.get_xdata()) == [28.0, 29.0, 30.0, 31.0, 32.0, 33.0]
    assert [exact(y) for y in total.get_ydata()] == [p.result.total for p in points]
    assert [exact(y) for y in lines["measure-stable_jobs_refund"].get_ydata()][:3] == [
        Decimal("10000.25")
    ] * 3
    marks = lines["cliffs"]  # the measure's cliff and the total's land on one point: one marker
    assert (list(marks.get_xdata()), list(marks.get_ydata())) == ([31.0], [0.0])
    assert "−10000.25" in [t.get_text() for t in ax.texts]
    target = tmp_path / "sweep.svg"
    plot.sweep_amount(
        points, cliffs, axis.name, target, lang="zh", value_label=(axis.label_zh, axis.label_en)
    )
    groups = svg_groups(target)
    assert {"total", "cliffs", "measure-stable_jobs_refund"} <= set(groups)
    assert len(groups["cliffs"].findall(f".//{SVG}use")) == 1  # one marker drawn
    assert "断崖（1 处）" in svg_texts(target)


def test_a_sweep_without_cliffs_has_no_cliff_marks(tmp_path: Path) -> None:
    axis, points, _ = small_firm_sweep()
    target = tmp_path / "s.png"
    drawing = plot.sweep_amount(points, [], axis.name, target)
    assert "cliffs" not in {line.get_gid() for line in drawing.figure.axes[0].get_lines()}
    png_size(target.read_bytes())


def founder() -> Any:
    # 第十五条 创业房租补贴 for a graduate (附件2: within 5 years of graduating when registering, 2020-10-08).
    return applicant(
        "person",
        application_date=date(2021, 3, 15),
        university_graduate=True,
        graduation_date=date(2018, 7, 1),
        tianjin_fulltime_student=False,
        haihe_talent=False,
        registration_date=date(2020, 10, 8),
        registered_in_heping=True,
        rent_type="house",
        jobs_created=4,
        monthly_rent=Decimal(4000),
        rent_months=24,
    )


def test_a_date_sweep_is_drawn_on_a_time_axis() -> None:
    axis = fact_axis("graduation_date=2015-01-01..2016-07-01:6m", "person")
    points = sweep(founder(), POLICY, axis, today=TODAY)
    drawing = plot.draw_sweep_amount(points, find_cliffs(points), axis.name, "png", lang="en")
    total = next(line for line in drawing.figure.axes[0].get_lines() if line.get_gid() == "total")
    assert list(total.get_xdata()) == list(axis.values)  # the dates themselves
    amounts = [exact(y) for y in total.get_ydata()]
    assert amounts == [p.result.total for p in points]
    assert amounts[0] == 0  # graduated more than 5 years before registering
    assert amounts[-1] > 0


def test_a_yes_no_sweep_is_drawn_evenly_spaced_with_its_values_as_labels() -> None:
    axis = fact_axis("haihe_talent=true,false", "person")
    points = sweep(founder(), POLICY, axis, today=TODAY)
    drawing = plot.draw_sweep_amount(points, [], axis.name, "png", lang="en")
    (ax,) = drawing.figure.axes
    total = next(line for line in ax.get_lines() if line.get_gid() == "total")
    assert list(total.get_xdata()) == [0, 1]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["true", "false"]


def test_a_comparison_that_pays_nothing_draws_no_bars_and_says_so() -> None:
    rows = [MeasureBudget("rent_subsidy", Decimal(0), (Decimal(0),))]
    drawing = plot.draw_budget_by_measure(rows, ["reform"], "svg", lang="zh")
    assert bars(drawing) == {}
    assert "另有 1 项措施金额均为 0，未画出" in [t.get_text() for t in drawing.figure.texts]


# ------------------------------------------------------------------------------------------ budget curve


def test_budget_curve_draws_totals_the_baseline_and_the_limit(tmp_path: Path) -> None:
    points = [
        (Decimal(2500), Decimal("100.00")),
        (Decimal(3000), Decimal("150.25")),
        (Decimal(4000), Decimal(170)),
    ]
    drawing = plot.draw_budget_curve(
        points, Decimal("120.10"), "rent_subsidy.house_cap_monthly", "png", limit=Decimal(160), lang="en"
    )
    (ax,) = drawing.figure.axes
    lines = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    assert list(lines["budget"].get_xdata()) == [2500.0, 3000.0, 4000.0]
    assert [exact(y) for y in lines["budget"].get_ydata()] == [t for _, t in points]
    assert {exact(y) for y in lines["baseline"].get_ydata()} == {Decimal("120.10")}
    assert {exact(y) for y in lines["limit"].get_ydata()} == {Decimal(160)}
    assert list(lines["over-limit"].get_xdata()) == [4000.0]  # only 170 is above 160
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "baseline 120.10" in legend
    assert "funds 160.00" in legend
    target = tmp_path / "curve.svg"
    plot.budget_curve(points, Decimal("120.10"), "rent_subsidy.house_cap_monthly", target, lang="zh")
    assert {"budget", "baseline"} <= set(svg_groups(target))
    assert "limit" not in svg_groups(target)
    assert "基准 120.10" in svg_texts(target)


def test_budget_curve_over_labels_spaces_them_evenly_in_order() -> None:
    points = [("A.toml", Decimal(10)), ("B.toml", Decimal(30)), ("C.toml", Decimal(20))]
    drawing = plot.draw_budget_curve(points, Decimal(15), "reform", "png", lang="en")
    (ax,) = drawing.figure.axes
    budget = next(line for line in ax.get_lines() if line.get_gid() == "budget")
    assert list(budget.get_xdata()) == [0, 1, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A.toml", "B.toml", "C.toml"]


# ------------------------------------------------------------------------------------------ the files


@pytest.mark.parametrize("name", ["budget.jpg", "budget.pdf", "budget", "budget.png.txt"])
def test_an_extension_other_than_png_or_svg_is_an_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(plot.PlotFormatError) as caught:
        plot.budget_by_measure(ROWS, REFORMS, tmp_path / name)
    assert ".png 或 .svg" in caught.value.zh
    assert caught.value.code == ExitCode.USAGE
    assert list(tmp_path.iterdir()) == []


def test_a_failed_drawing_leaves_the_previous_picture_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure

    target = tmp_path / "budget.png"
    target.write_bytes(b"previous")

    def broken(self: Figure, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(RuntimeError):
        plot.budget_by_measure(ROWS, REFORMS, target)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.png"]


def test_without_matplotlib_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now raises ImportError
    with pytest.raises(plot.PlotUnavailable) as caught:
        plot.check_plot(Path("x.png"))
    assert caught.value.code == ExitCode.UNAVAILABLE == 69
    assert "pip install 'wenjiuye[plot]'" in caught.value.zh
    assert "pip install 'wenjiuye[plot]'" in caught.value.en


def test_help_never_imports_matplotlib() -> None:
    code = (
        "import sys\n"
        "from wenjiuye_cli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('loaded' if 'matplotlib' in sys.modules else 'not loaded')\n"
    )
    for args in (["--help"], ["compare", "--help"], ["sweep", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
        )
        assert done.stderr.endswith("not loaded"), (args, done.stderr[-300:])
        assert "--plot" in done.stdout or args == ["--help"]
