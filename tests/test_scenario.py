"""Scenario files: TOML or JSON by extension, sniffed on stdin; every problem reported at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wenjiuye_cli.scenario import InputError, read_scenario

TOML = b'[[applicants]]\nid = "A"\nkind = "person"\nloan_amount = 200000.50\n'
JSON_OBJECT = b'{"applicants": [{"id": "A", "kind": "person", "loan_amount": 200000.50}]}'
JSON_LIST = b'[{"id": "A", "kind": "person", "loan_amount": 200000.50}]'


@pytest.mark.parametrize(
    "data", [TOML, JSON_OBJECT, JSON_LIST], ids=["toml-table-first", "json", "json-list"]
)
@pytest.mark.parametrize("name", ["-", "scenario.txt"])
def test_a_sniffed_input_is_read_whichever_it_is(data: bytes, name: str) -> None:
    # TOML that opens with [[applicants]] starts with "[" like a JSON list: it must not be taken for JSON.
    (applicant,) = read_scenario(data, name)
    assert (applicant.id, applicant.kind) == ("A", "person")
    assert applicant.facts.get("loan_amount") == Decimal("200000.50")  # Decimal, never float


def test_when_neither_format_reads_it_both_reasons_are_given() -> None:
    with pytest.raises(InputError) as caught:
        read_scenario(b"[[applicants]\nid = 1\n", "-")
    (problem,) = caught.value.problems
    assert problem.zh.startswith("既不是有效的 JSON（")
    assert "也不是有效的 TOML（" in problem.zh
    assert "nor valid TOML" in problem.en


def test_an_object_that_is_not_json_is_a_json_error_only() -> None:
    with pytest.raises(InputError) as caught:
        read_scenario(b'{"applicants": [}', "-")
    (problem,) = caught.value.problems
    assert problem.zh.startswith("JSON 格式错误")


def test_the_extension_decides_when_there_is_one() -> None:
    with pytest.raises(InputError) as caught:
        read_scenario(JSON_LIST, "scenario.toml")
    assert caught.value.problems[0].zh.startswith("TOML 格式错误")
