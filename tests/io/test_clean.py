"""Cells cleaned vectorised on distinct texts read exactly as the fact's own converter reads them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenjiuye_cli.engine import all_facts
from wenjiuye_cli.facts import FactError, FactSpec, IncubatedFirm
from wenjiuye_cli.io.clean import PY_WHITESPACE, convert_objects, convert_texts

SPECS = all_facts()
ONE_OF_EACH = {spec.type: spec for spec in SPECS.values()}  # bool, int, money, ratio, date, choice, firms

HOSTILE = [
    "", " ", "\u3000", "\x1f", "是", "否", "Y", "n", "TRUE", "False", "是 ", "maybe", "对", "1", "0",
    "１２，０００．５０", "12,000.50", "4,000元", "¥3,200", "3 200", "1_000", "12.345", "12.3", "-3", "-0", "+5",
    "3.0", "1e2", "1E+3", "NaN", "Infinity", "5%", "3.5%", "0.035", "٣", "１２", "2020-07-01", "2020/7/1",
    "2020年7月1日", "2020 年 7 月 1 日", "2021-02-30", "0000-01-01", "2021-13-01", "2020-7-1", "2020.07.01",
    "男", "女", "male", "FEMALE", "Ｍａｌｅ", "14/3; 12/1", "无", "-", "14/3；2/1", "1/", "=1+2", "1.10101E+17",
    "999999999999999999999", "12345678901234567890.5", "0.00000000001",
]  # fmt: skip
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.sampled_from("0123456789０１２.,，元%-+ eE年月日/是否YNyn男女"), max_size=12),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
)


def scalar(spec: FactSpec, raw: Any) -> tuple[Any, tuple[str, str] | None]:
    """Today's reading of one cell, as (value, reason), firms as the typed frame holds them."""
    try:
        value = spec.convert(raw)
    except FactError as exc:
        return None, (exc.zh, exc.en)
    if isinstance(value, tuple):
        value = [{"operating_months": f.operating_months, "jobs_created": f.jobs_created} for f in value]
        assert all(isinstance(f, IncubatedFirm) for f in spec.convert(raw))
    return value, None


def agrees(spec: FactSpec, texts: list[str]) -> None:
    for raw, (value, reason) in zip(texts, convert_texts(spec, texts), strict=True):
        want_value, want_reason = scalar(spec, raw)
        if want_reason is None and reason is not None:
            # The one difference allowed: a value the typed frame cannot hold exactly is rejected, never rounded.
            assert want_value is not None
            assert "两位小数" in reason[0] or "数值过大" in reason[0] or "位小数" in reason[0], (raw, reason)
            continue
        assert reason == want_reason, (spec.type, raw)
        if isinstance(want_value, Decimal):
            assert isinstance(value, Decimal), (spec.type, raw, value)
            assert value == want_value, (spec.type, raw, value)
        else:
            assert value == want_value, (spec.type, raw, value, want_value)


@pytest.mark.parametrize("kind", sorted(ONE_OF_EACH))
def test_hostile_cells_read_as_today(kind: str) -> None:
    agrees(ONE_OF_EACH[kind], HOSTILE)


@pytest.mark.parametrize("kind", sorted(ONE_OF_EACH))
@given(texts=st.lists(TEXT, min_size=1, max_size=20))
def test_any_text_reads_as_today(kind: str, texts: list[str]) -> None:
    agrees(ONE_OF_EACH[kind], texts)


def test_amounts_are_exact_decimals_and_dates_are_checked() -> None:
    money = ONE_OF_EACH["money"]
    assert convert_texts(money, ["１２，０００．５０", "4,000元", "0.1"]) == [
        (Decimal("12000.50"), None), (Decimal("4000.00"), None), (Decimal("0.10"), None),
    ]  # fmt: skip
    ((value, reason),) = convert_texts(money, ["12.345"])
    assert value is None
    assert reason is not None
    assert "12.345" in reason[0]
    date_spec = ONE_OF_EACH["date"]
    got = convert_texts(date_spec, ["2021-02-30", "2020年7月1日"])
    assert got[0] == (None, ("日期不存在：2021-02-30", "no such date: 2021-02-30"))
    assert str(got[1][0]) == "2020-07-01"


def test_python_whitespace_is_what_strip_removes() -> None:
    assert "\x1f" in PY_WHITESPACE
    assert "\u3000" in PY_WHITESPACE
    assert ("a" + PY_WHITESPACE + "a").strip(PY_WHITESPACE) == "a" + PY_WHITESPACE + "a"
    assert PY_WHITESPACE.strip() == ""


def test_json_values_of_every_type_read_as_today() -> None:
    for spec in ONE_OF_EACH.values():
        raws: list[Any] = [None, True, 1, 0, Decimal("2.5"), Decimal("3.255"), -1, "是", "2020-07-01", [], 12]
        converted = convert_objects(spec, raws)
        for raw, value, problem in zip(
            raws, converted.values.to_list(), converted.problem.to_list(), strict=True
        ):
            want_value, want_reason = scalar(spec, raw)
            if want_reason is None and problem is not None:
                assert want_value is not None  # not representable exactly
                continue
            assert (None if problem is None else converted.reasons[problem]) == want_reason, (spec.type, raw)
            assert value == want_value, (spec.type, raw)
