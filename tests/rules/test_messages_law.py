"""Every failed condition of every measure says the value and the limit, in Chinese and in English.

The conditions are gathered by running every measure on the shipped examples and on seeded variations of
them (facts changed, dropped or pushed to the edges), so each condition code is met failed with the
arguments its rule really records. Each argument is then replaced by a sample token and the sentence is
rendered: a token missing from it is an argument the sentence does not show (``不属于任何一类`` instead of
the dates and the windows that were missed).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from tests import PROJECT_ROOT
from tests.helpers import POLICY
from wenjiuye_cli.engine import Applicant, evaluate, facts_for_kind, measure_by_id, registry
from wenjiuye_cli.engine.applicants import evaluate_applicants
from wenjiuye_cli.explain import catalog_for, render
from wenjiuye_cli.facts import KINDS, Facts, FactSpec, IncubatedFirm
from wenjiuye_cli.outcome import COMPARISON_SYMBOLS, Check, Condition, Label
from wenjiuye_cli.scenario import read_scenario

EXAMPLES = PROJECT_ROOT / "examples"
VARIATIONS = 40  # per example applicant


def sample(spec: FactSpec, rng: random.Random) -> Any:
    """A value for ``spec`` that is often at or past an edge the rules test."""
    kind = spec.type
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, 1, 2, 3, 5, 6, 12, 13, 24, 36, 50, 100])
    if kind == "money":
        return Decimal(rng.choice(["0", "300", "800", "2500", "4000", "20000", "300000", "3000000"]))
    if kind == "ratio":
        return Decimal(rng.choice(["0", "0.05", "0.2", "0.5", "1"]))
    if kind == "date":
        return date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 72))
    if kind == "text":
        return "x"
    if kind == "choice":
        return rng.choice(sorted(spec.choices))
    if kind == "firms":
        return tuple(
            IncubatedFirm(rng.choice([1, 6, 13, 30]), rng.choice([0, 1, 3])) for _ in range(rng.randrange(3))
        )
    raise AssertionError(kind)


def applicants() -> Iterator[Applicant]:
    rng = random.Random(13)
    for path in sorted(EXAMPLES.glob("*.toml")):
        for person in read_scenario(path.read_bytes(), path.name):
            yield person
            specs = facts_for_kind(person.kind)
            for _ in range(VARIATIONS):
                values = dict(person.facts.values)
                for name in rng.sample(sorted(specs), k=min(len(specs), rng.randrange(1, 4))):
                    values[name] = None if rng.random() < 0.15 else sample(specs[name], rng)
                if values.get("application_date") is None or rng.random() < 0.1:
                    values["application_date"] = date(2020, 7, 1) + timedelta(days=rng.randrange(365 * 5))
                yield Applicant(person.id, person.kind, Facts(values))
    # a variant the random draws rarely meet: Haihe Talent settled too long before (the key group's window)
    (founder, *_rest) = read_scenario((EXAMPLES / "rent_subsidy.toml").read_bytes(), "rent_subsidy.toml")
    settled = {
        "haihe_talent": True,
        "haihe_talent_settled_date": date(2010, 1, 1),
        "university_graduate": False,
    }
    yield Applicant(founder.id, founder.kind, Facts({**founder.facts.values, **settled}))


@cache
def met_conditions() -> dict[tuple[str, str, tuple[str, ...]], Condition]:
    """One condition per (measure, code, its result, the arguments it carried and the messages they name)."""
    found: dict[tuple[str, str, tuple[str, ...]], Condition] = {}
    for result in evaluate_applicants(list(applicants()), POLICY):  # one query for all of them
        for outcome in result.outcomes:
            catalog = catalog_for(measure_by_id(outcome.measure_id))
            for cond in outcome.conditions:
                shape = tuple(
                    sorted(
                        f"{k}={v}" if _structural(v, catalog) else k
                        for k, v in cond.args.items()
                        if v is not None
                    )
                )
                found.setdefault((outcome.measure_id, cond.code, (str(cond.result), *shape)), cond)
    return found


def failed_conditions() -> dict[tuple[str, str, tuple[str, ...]], Condition]:
    """One failed condition per (measure, code, the arguments it carried and the messages they name)."""
    return {
        (measure, code, shape[1:]): cond
        for (measure, code, shape), cond in met_conditions().items()
        if cond.result is Check.FAILED
    }


def _structural(value: object, catalog: dict[str, tuple[str, str]]) -> bool:
    """An argument that names another message, a comparison or a kind: part of the sentence, not a value."""
    return isinstance(value, str) and (value in catalog or value in COMPARISON_SYMBOLS or value in KINDS)


def with_tokens(
    cond: Condition, catalog: dict[str, tuple[str, str]]
) -> tuple[dict[str, Any], dict[str, str]]:
    args: dict[str, Any] = {}
    tokens: dict[str, str] = {}
    for name, value in cond.args.items():
        if value is None or _structural(value, catalog):
            args[name] = value
        else:
            tokens[name] = f"«{name}»"
            args[name] = Label(tokens[name], tokens[name])
    return args, tokens


def test_the_variations_meet_nearly_every_condition_failed() -> None:
    # So that the test below cannot pass by seeing little: ~125 (measure, code) pairs are met failed.
    pairs = {(measure, code) for measure, code, _shape in failed_conditions()}
    assert len(pairs) >= 120
    assert {m.id for m in registry()} <= {measure for measure, _code in pairs}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_failed_condition_shows_each_of_its_values(lang: str) -> None:
    # A rule over columns carries the arguments of every variant of a condition's message (the key group's
    # window, the layoff rate's relaxed limit…) whichever variant a row gets, so a value counts as shown
    # when some variant of the same condition met here (failed or not) shows it; a value no variant shows is computed for
    # nothing, or a message that forgot it.
    shown: dict[str, set[str]] = {}  # by code: a shared message (the key group) reads the same everywhere
    for (measure_id, code, _shape), cond in sorted(met_conditions().items()):
        measure = measure_by_id(measure_id)
        args, tokens = with_tokens(cond, catalog_for(measure))
        text = render(code, args, measure, lang)
        shown.setdefault(code, set()).update(n for n, t in tokens.items() if t in text)
    carried: dict[tuple[str, str], dict[str, str]] = {}
    for (measure_id, code, _shape), cond in sorted(failed_conditions().items()):
        measure = measure_by_id(measure_id)
        args, tokens = with_tokens(cond, catalog_for(measure))
        text = render(code, args, measure, lang)
        for name in tokens:
            carried.setdefault((measure_id, code), {}).setdefault(name, text)
    lacking = [
        f"{measure_id} {code}: {name} shown in no variant, e.g. {text!r}"
        for (measure_id, code), names in sorted(carried.items())
        for name, text in names.items()
        if name not in shown[code]
    ]
    assert not lacking, "\n".join(lacking)


def test_the_key_group_reason_names_the_dates_and_the_window() -> None:
    (r004,) = [
        a for a in read_scenario((EXAMPLES / "rent_subsidy.toml").read_bytes(), "x") if a.id == "R-004"
    ]
    (outcome,) = evaluate(r004, POLICY, only=["rent_subsidy"]).outcomes
    (failed,) = [c for c in outcome.conditions if c.result is Check.FAILED]
    measure = measure_by_id("rent_subsidy")
    assert render(failed.code, failed.args, measure, "zh") == (
        "不是本市全日制高校在校生，毕业于 2014-07-01，注册（2021-02-01）时已毕业超过 5 年，不是“海河英才”，"
        "不属于重点创业人群（附件2）"
    )
    assert "graduated on 2014-07-01, more than 5 years before registration (2021-02-01)" in render(
        failed.code, failed.args, measure, "en"
    )
