"""Reform files: validated before anything changes, merged from their earliest date on, never touching the baseline."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from wenjiuye_cli.policy import Policy, PolicyError, load_policy
from wenjiuye_cli.policy.reform import (
    ReformError,
    apply_reform_data,
    apply_reform_file,
    canonical_sha256,
    change_dict,
    diff_policies,
    with_reforms,
)

REFORMS = PROJECT_ROOT / "examples" / "reforms"
BASE = load_policy()
CAP = "rent_subsidy.house_cap_monthly"


def write(tmp_path: Path, text: str, name: str = "reform.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def reform(key: str, **body: Any) -> dict[str, Any]:
    group, name = key.split(".")
    return {group: {name: body}}


# ----------------------------------------------------------------------------------------- the baseline


def test_applying_a_reform_returns_a_new_policy_and_leaves_the_baseline_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, "[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 3000 }\n")
    baseline = load_policy()
    reformed = apply_reform_file(baseline, path)
    assert reformed is not baseline
    assert reformed.value(CAP, date(2021, 1, 1)) == Decimal(3000)
    assert baseline.value(CAP, date(2021, 1, 1)) == Decimal(2500)
    assert baseline.parameters[CAP].entries() == BASE.parameters[CAP].entries()
    assert baseline.reforms == []
    assert reformed.reforms == [{"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}]
    assert reformed.sha256 == baseline.sha256  # the stamp still names the baseline file


def test_set_overrides_on_the_reformed_policy_do_not_leak_into_the_baseline(tmp_path: Path) -> None:
    path = write(tmp_path, "[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 3000 }\n")
    reformed = with_reforms(BASE, [path], ["rent_subsidy.house_per_job_monthly=600"])
    assert reformed.value("rent_subsidy.house_per_job_monthly", date(2021, 1, 1)) == Decimal(600)
    assert BASE.value("rent_subsidy.house_per_job_monthly", date(2021, 1, 1)) == Decimal(500)
    assert BASE.overrides == []
    assert reformed.overrides == ["rent_subsidy.house_per_job_monthly=600"]


# ---------------------------------------------------------------------------------------------- merging


def test_a_dated_reform_keeps_earlier_baseline_values() -> None:
    reformed = apply_reform_data(BASE, reform(CAP, values={"2023-01-01": 3000}), "later")
    assert reformed.value(CAP, date(2022, 12, 31)) == Decimal(2500)
    assert reformed.value(CAP, date(2023, 1, 1)) == Decimal(3000)


def test_a_reform_from_the_first_date_replaces_the_whole_history() -> None:
    reformed = apply_reform_data(BASE, reform(CAP, values={"2020-06-30": 3000}), "all")
    assert [v for _s, _u, v in reformed.parameters[CAP].entries()] == [Decimal(3000)]


def test_a_baseline_value_running_past_the_reform_date_is_cut_the_day_before() -> None:
    key = "external.unemployment_rate_target"  # baseline: 0.055 from 2020-01-01 until 2025-12-31
    reformed = apply_reform_data(BASE, reform(key, values={"2022-01-01": Decimal("0.06")}), "target")
    entries = reformed.parameters[key].entries()
    assert entries[0] == (date(2020, 1, 1), date(2021, 12, 31), Decimal("0.055"))
    assert reformed.value(key, date(2030, 1, 1)) == Decimal("0.06")


def test_later_reforms_apply_on_top_of_earlier_ones_and_set_applies_last(tmp_path: Path) -> None:
    first = write(tmp_path, "[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 3000 }\n", "a.toml")
    second = write(tmp_path, "[rent_subsidy.house_cap_monthly]\nvalues = { 2022-01-01 = 3500 }\n", "b.toml")
    reformed = with_reforms(BASE, [first, second])
    assert reformed.value(CAP, date(2021, 6, 1)) == Decimal(3000)
    assert reformed.value(CAP, date(2022, 6, 1)) == Decimal(3500)
    assert [r["file"] for r in reformed.reforms] == [str(first), str(second)]
    overridden = with_reforms(BASE, [first, second], [f"{CAP}=2800"])
    assert overridden.value(CAP, date(2022, 6, 1)) == Decimal(2800)


def test_a_reform_may_replace_the_interpretation_text_and_diff_shows_it() -> None:
    key = "stable_jobs_refund.layoff_rate_comparison"
    data = reform(key, values={"2020-06-30": "at_most"}, interpretation="“放宽至20%”含20%：裁员率 ≤ 20%。")
    reformed = apply_reform_data(BASE, data, "reading")
    assert reformed.value(key, date(2021, 1, 1)) == "at_most"
    (change,) = diff_policies(BASE, reformed)
    assert change.fields == ("values", "interpretation")
    assert change_dict(change)["interpretation_after"].startswith("“放宽至20%”含20%")


# ------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("text", "named", "reason"),
    [
        ("[rent_subsidy.house_cap]\nvalues = { 2020-06-30 = 3000 }\n", "rent_subsidy.house_cap", "no such parameter"),
        ("[rent_subsidy.house_cap]\nvalues = { 2020-06-30 = 3000 }\n", "rent_subsidy.house_cap_monthly", "did you mean"),
        ("[rent_subsidie.house_cap_monthly]\nvalues = { 2020-06-30 = 3000 }\n", "rent_subsidie", "no such parameter group"),
        (f'[{CAP}]\nunit = "yuan"\nvalues = {{ 2020-06-30 = 3000 }}\n', f"{CAP}.unit", "cannot change units"),
        (f'[{CAP}]\nvalues = {{ 2020-06-30 = "3000" }}\n', CAP, "needs a number"),
        ("[rent_subsidy.max_months]\nvalues = { 2020-06-30 = 24.5 }\n", "rent_subsidy.max_months", "whole number"),
        ('[general.policy_end]\nvalues = { 2020-06-30 = "2027-06-29" }\n', "general.policy_end", "needs a date"),
        ("[rent_subsidy.cap_binds_actual_rent]\nvalues = { 2020-06-30 = 1 }\n", "rent_subsidy.cap_binds_actual_rent", "true or false"),
        ('[stable_jobs_refund.layoff_rate_comparison]\nvalues = { 2020-06-30 = "under" }\n',
         "stable_jobs_refund.layoff_rate_comparison", "one of below / at_most"),
        (f"[{CAP}]\nvalues = {{ 2020-06-30 = -1 }}\n", CAP, "must not be negative"),
        ("[rent_subsidy.max_months]\nvalues = { 2020-06-30 = -5 }\n", "rent_subsidy.max_months", "must not be negative (-5)"),
        (f"[{CAP}]\nvalues = {{ 2020-06-30 = 3000.005 }}\n", f"{CAP}.values.2020-06-30", "at most 2 decimal places"),
        (f'[{CAP}]\narticle = "三"\nvalues = {{ 2020-06-30 = 3000 }}\n', f"{CAP}.article", "may not change"),
        (f"[{CAP}]\nvalus = {{ 2020-06-30 = 3000 }}\n", f"{CAP}.valus", "unknown key"),
        (f'[{CAP}]\nsource = "x"\n', CAP, "missing values"),
        (f'[{CAP}]\nvalues = {{ "2020-6-30" = 3000 }}\n', f"{CAP}.values", "is not a date"),
        (f"[{CAP}]\nvalues = {{ 2021-01-01 = {{ value = 3000, until = 2022-06-30 }}, 2022-01-01 = 3500 }}\n",
         f"{CAP}.values", "overlap"),
        (f"[{CAP}]\nvalues = {{ 2021-01-01 = {{ value = 3000, until = 2020-06-30 }} }}\n", f"{CAP}.values", "ends before it starts"),
        ('[reform]\ntitle = "x"\nauthor = "me"\n', "reform.author", "unknown key"),
        ('[reform]\ntitle = "only a title"\n', "", "changes no parameter"),
        (f"[{CAP}\nvalues = 1\n", "", "not valid TOML"),
    ],
)  # fmt: skip
def test_invalid_reforms_are_rejected_naming_the_key(
    tmp_path: Path, text: str, named: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ReformError) as caught:
        apply_reform_file(BASE, path)
    assert str(path) in caught.value.en
    assert named in caught.value.en
    assert named.split(" ")[0] in caught.value.zh  # the Chinese message names the same key
    assert reason in caught.value.en
    assert caught.value.zh != caught.value.en
    assert isinstance(caught.value, PolicyError)  # callers that catch PolicyError (exit 78) catch it too


def test_a_reform_obeys_the_same_range_check_as_policy_files_and_set() -> None:
    ratio = "stable_jobs_refund.refund_ratio"
    reformed = apply_reform_data(BASE, reform(ratio, values={"2020-06-30": Decimal("0.12345")}), "ratio")
    assert reformed.value(ratio, date(2021, 1, 1)) == Decimal("0.12345")  # a ratio is not money
    reformed = apply_reform_data(BASE, reform(CAP, values={"2020-06-30": Decimal("3000.50")}), "fen")
    assert reformed.value(CAP, date(2021, 1, 1)) == Decimal("3000.5")
    with pytest.raises(
        ReformError, match=rf"{CAP}\.values\.2020-06-30: .*at most 2 decimal places"
    ) as caught:
        apply_reform_data(BASE, reform(CAP, values={"2020-06-30": 3000.005}), "float")
    assert "金额最多 2 位小数" in caught.value.zh


def test_a_set_after_a_reform_that_ends_the_policy_before_it_starts_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[general.policy_end]\nvalues = { 2020-06-30 = 2027-06-29 }\n")
    assert with_reforms(BASE, [path]).value("general.policy_end", date(2021, 1, 1)) == date(2027, 6, 29)
    with pytest.raises(PolicyError, match=r"--set general\.policy_start=2028-01-01: general\.policy_end"):
        with_reforms(BASE, [path], ["general.policy_start=2028-01-01"])


def test_an_unreadable_reform_file_is_a_reform_error(tmp_path: Path) -> None:
    with pytest.raises(ReformError, match="cannot read reform file"):
        apply_reform_file(BASE, tmp_path / "missing.toml")


def test_one_bad_table_rejects_the_whole_file_and_nothing_changes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"[{CAP}]\nvalues = {{ 2020-06-30 = 3000 }}\n[rent_subsidy.max_months]\nvalues = {{ 2020-06-30 = 1.5 }}\n",
    )
    baseline = load_policy()
    with pytest.raises(ReformError, match=r"rent_subsidy\.max_months"):
        apply_reform_file(baseline, path)
    assert baseline.value(CAP, date(2021, 1, 1)) == Decimal(2500)
    assert baseline.reforms == []


def test_a_restated_unit_that_matches_is_accepted() -> None:
    reformed = apply_reform_data(BASE, reform(CAP, unit="yuan/month", values={"2020-06-30": 3000}), "unit")
    assert reformed.value(CAP, date(2021, 1, 1)) == Decimal(3000)


# ------------------------------------------------------------------------------------------------- diff


def test_diff_lists_only_what_changed_with_article_and_old_and_new_values() -> None:
    reformed = apply_reform_data(BASE, reform(CAP, values={"2023-01-01": 3000}), "later")
    (change,) = diff_policies(BASE, reformed)
    doc = change_dict(change)
    assert doc["key"] == CAP
    assert doc["article"] == "十五"
    assert doc["tasks"] == [37]
    assert doc["before"] == [{"from": "2020-06-30", "until": None, "value": "2500"}]
    assert doc["after"] == [
        {"from": "2020-06-30", "until": None, "value": "2500"},
        {"from": "2023-01-01", "until": None, "value": "3000"},
    ]


def _numeric_keys(policy: Policy) -> list[str]:
    return [k for k, p in policy.parameters.items() if p.unit not in {"choice", "flag", "date"}]


@given(st.sampled_from(sorted(BASE.parameters)))
def test_a_reform_restating_the_baseline_changes_nothing(key: str) -> None:
    param = BASE.parameters[key]
    values: dict[str, Any] = {}
    for start, until, value in param.entries():
        values[start.isoformat()] = {"value": value, "until": until} if until else value
    reformed = apply_reform_data(BASE, reform(key, values=values), "same")
    assert diff_policies(BASE, reformed) == []
    for start, _until, value in param.entries():
        assert reformed.value(key, start) == value


@given(st.sampled_from(_numeric_keys(BASE)), st.integers(min_value=1, max_value=5))
def test_a_changed_number_shows_in_the_diff_and_in_lookups(key: str, factor: int) -> None:
    param = BASE.parameters[key]
    start, _until, value = param.entries()[-1]
    assert isinstance(value, Decimal | int)
    new = value * factor + 1
    reformed = apply_reform_data(BASE, reform(key, values={start.isoformat(): new}), "changed")
    assert reformed.value(key, start) == new
    assert [c.key for c in diff_policies(BASE, reformed)] == [key]
    assert BASE.value(key, start) == value


def test_the_hash_of_reform_data_depends_on_its_content_only() -> None:
    a = reform(CAP, values={"2020-06-30": 3000})
    b = reform(CAP, values={"2020-06-30": 3000})
    c = reform(CAP, values={"2020-06-30": 3001})
    assert canonical_sha256(a) == canonical_sha256(b) != canonical_sha256(c)
    assert apply_reform_data(BASE, a, "a").reforms[0]["sha256"] == canonical_sha256(a)


# ---------------------------------------------------------------------------------------- shipped files


@pytest.mark.parametrize(
    ("file", "key", "on", "before", "after"),
    [
        ("raise_house_rent_cap.toml", CAP, date(2021, 1, 1), Decimal(2500), Decimal(3000)),
        ("extend_policy_two_years.toml", "general.policy_end", date(2021, 1, 1), date(2025, 6, 29), date(2027, 6, 29)),
        ("lower_small_firm_layoff_rate.toml", "stable_jobs_refund.small_firm_layoff_rate_limit", date(2022, 1, 1),
         Decimal("0.20"), Decimal("0.15")),
        ("lower_small_firm_layoff_rate.toml", "stable_jobs_refund.small_firm_layoff_rate_limit", date(2021, 12, 31),
         Decimal("0.20"), Decimal("0.20")),
        ("double_incubation_bonus.toml", "incubator.incubation_per_firm", date(2021, 1, 1), Decimal(10000),
         Decimal(20000)),
    ],
)  # fmt: skip
def test_shipped_reforms_make_the_change_they_describe(
    file: str, key: str, on: date, before: object, after: object
) -> None:
    reformed = apply_reform_file(BASE, REFORMS / file)
    assert BASE.value(key, on) == before
    assert reformed.value(key, on) == after
    assert [c.key for c in diff_policies(BASE, reformed)] == [key]


def test_a_reform_that_ends_the_policy_before_it_starts_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[general.policy_end]\nvalues = { 2020-06-30 = 2019-01-01 }\n")
    with pytest.raises(ReformError) as caught:
        with_reforms(BASE, [path])
    assert str(path) in caught.value.en
    assert "general.policy_end (2019-01-01) is before general.policy_start" in caught.value.en
    assert "早于" in caught.value.zh


def test_the_ends_of_the_policy_are_checked_once_all_reforms_and_sets_are_applied(tmp_path: Path) -> None:
    # Moving the start past the old end, then the end: a contradiction only half-way, in either order.
    start = write(tmp_path, "[general.policy_start]\nvalues = { 2020-06-30 = 2026-01-01 }\n", "start.toml")
    end = write(tmp_path, "[general.policy_end]\nvalues = { 2020-06-30 = 2030-12-31 }\n", "end.toml")
    for files in ([start, end], [end, start]):
        moved = with_reforms(BASE, files)
        assert moved.value("general.policy_start", date(2021, 1, 1)) == date(2026, 1, 1)
    moved = with_reforms(BASE, [start], ["general.policy_end=2030-12-31"])
    assert moved.value("general.policy_end", date(2021, 1, 1)) == date(2030, 12, 31)
