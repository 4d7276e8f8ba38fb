"""The employer measures' shared pieces over columns (第十条 序号29–30, 第十二条 序号32–33): one hire a row.

As ``wenjiuye_cli.rules._hire``: the hire date's condition, the retirement conditions read on it, the
first subsidy month (``hire_months.first_month``, read on the hire date or the policy's first day), the
subsidy period to the earliest of its duration, retirement and (where payments end with the policy) the
policy's last day, the extension to retirement "距法定退休年龄不足N年的，可延长至退休", and the arithmetic
line of a period. Months are integer indices (:mod:`wenjiuye_cli.rules._periods`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import polars as pl

from wenjiuye_cli.engine.expr import Params, month_from_index, month_index
from wenjiuye_cli.engine.readings import other_outcome, outcome_stages
from wenjiuye_cli.engine.rule import Cond, Msg, Rule, arg, cond, msg
from wenjiuye_cli.facts import (
    BIRTH_DATE,
    DIFFICULTY_PERSON,
    GRADUATION_DATE,
    IS_UNIVERSITY_GRADUATE,
    ORIGINAL_RETIREMENT_AGE,
    POOR_VILLAGE_LABOUR,
    POVERTY_REGISTERED,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    RURAL_LABOUR,
    SEX,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
    ZERO_EMPLOYMENT_FAMILY,
    FactSpec,
    fact,
)
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import Label, LazyLabel, Status
from wenjiuye_cli.rules._periods import (
    ALL_STATUSES,
    Ending,
    months_within,
    past_policy_note,
    policy_start_note,
    ym,
)
from wenjiuye_cli.rules._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.rules._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.rules._retirement import within_years_of_retirement
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.rules._special_difficulty import CATEGORY_FACTS

E_SEX = SEX
E_BIRTH_DATE = BIRTH_DATE
E_ORIGINAL_RETIREMENT_AGE = ORIGINAL_RETIREMENT_AGE
E_REGISTERED_UNEMPLOYED = REGISTERED_UNEMPLOYED
E_REGISTERED_UNEMPLOYED_SINCE = REGISTERED_UNEMPLOYED_SINCE
E_UNIVERSITY_GRADUATE = IS_UNIVERSITY_GRADUATE
E_GRADUATION_DATE = GRADUATION_DATE
E_RURAL_LABOUR = RURAL_LABOUR
E_POOR_VILLAGE_LABOUR = POOR_VILLAGE_LABOUR
E_POVERTY_REGISTERED = POVERTY_REGISTERED
E_DIFFICULTY = DIFFICULTY_PERSON
E_ZERO_EMPLOYMENT = ZERO_EMPLOYMENT_FAMILY
E_SINGLE_PARENT = SINGLE_PARENT_FAMILY
E_SUBSISTENCE = SUBSISTENCE_FAMILY
E_SUPPORTS_ILL = SUPPORTS_SERIOUSLY_ILL

RETIREMENT_FACTS: tuple[FactSpec, ...] = (E_SEX, E_BIRTH_DATE, E_ORIGINAL_RETIREMENT_AGE)
SPECIAL_DIFFICULTY_FACTS: tuple[FactSpec, ...] = (
    E_DIFFICULTY,
    E_ZERO_EMPLOYMENT,
    E_SINGLE_PARENT,
    E_SUBSISTENCE,
    E_SUPPORTS_ILL,
)

HIRE_DATE = fact(
    "hire_date", "date", ("招用日期", "hire date"),
    ("企业招用该人员（开始用工）的日期；补贴按月从该月起计", "day the person was hired; subsidy months count from that month"),
    ("hire",),
)  # fmt: skip
CONTRACT_MONTHS = fact(
    "contract_months", "int", ("劳动合同期限（月）", "labour-contract term (months)"),
    ("签订的劳动合同期限，按月计；无固定期限合同请填 open_ended_contract=是", "contract term in months; "
     "for an open-ended contract set open_ended_contract=yes"),
    ("hire",),
)  # fmt: skip
OPEN_ENDED_CONTRACT = fact(
    "open_ended_contract", "bool", ("是否无固定期限劳动合同", "open-ended labour contract"),
    ("是 表示签订无固定期限劳动合同（视为满足“1年以上”）", "yes = open-ended contract (meets 'one year or more')"),
    ("hire",),
)  # fmt: skip
CONTRIBUTION_MONTHS = fact(
    "contribution_months", "int", ("已缴纳社会保险费月数", "months of social-insurance contributions"),
    ("企业为该人员按规定缴纳社会保险费的月数", "months the firm has paid social insurance for the person"),
    ("hire",),
)  # fmt: skip
TIANJIN_UNIVERSITY = fact(
    "tianjin_university", "bool", ("是否本市高校毕业", "graduated from a Tianjin university"),
    ("“本市高校毕业生”：毕业于天津市的高校", "graduated from a university in Tianjin ('本市高校毕业生')"),
    ("person", "hire", "intern"),
)  # fmt: skip
TIANJIN_ORIGIN = fact(
    "tianjin_origin", "bool", ("是否天津户籍或生源", "Tianjin hukou or from Tianjin (生源地)"),
    ("户籍或生源地为天津（“本市高校毕业生”的另一种理解，general.tianjin_graduate_means=tianjin_origin 或 either 时使用）",
     "hukou or student origin in Tianjin (the other reading of '本市高校毕业生', used when "
     "general.tianjin_graduate_means is tianjin_origin or either)"),
    ("person", "hire", "intern"),
)  # fmt: skip
TIANJIN_GRADUATE_FACTS = {
    "tianjin_university": ("tianjin_university",),
    "tianjin_origin": ("tianjin_origin",),
    "either": ("tianjin_university", "tianjin_origin"),
}
POST_TYPE = fact(
    "post_type", "choice", ("岗位类型", "type of post"),
    ("普通岗位、托底安置岗位（第十二条，经遴选的服务型岗位）或公益性岗位", "ordinary post, fallback placement "
     "post (art. 12, a selected service post) or public-welfare post"),
    ("hire",),
    choices={
        "ordinary": ("普通岗位", "ordinary"),
        "fallback": ("托底安置岗位", "fallback placement"),
        "public_welfare": ("公益性岗位", "public welfare"),
    },
)  # fmt: skip

TIANJIN_READING_MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    "reading.tianjin.tianjin_origin": (
        "“本市高校毕业生”指户籍或生源地为天津的高校毕业生",
        "'本市高校毕业生' means a graduate with a Tianjin hukou or student origin",
    ),
    "reading.tianjin.tianjin_university": (
        "“本市高校毕业生”指天津市高校的毕业生",
        "'本市高校毕业生' means a graduate of a Tianjin university",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    "before_retirement": (
        "开始时未达到法定退休年龄：{start} 早于 {retirement}",
        "below statutory retirement age at the start: {start} is before {retirement}",
    ),
    "end.duration": ("期限届满", "duration limit"),
    "end.retirement": ("达到法定退休年龄", "statutory retirement age reached"),
    "end.policy_end": ("政策有效期届满", "policy expiry"),
    "contract": (
        "签订 {required} 个月以上劳动合同：{term}",
        "labour contract of at least {required} months: {term}",
    ),
    "contract.open": ("无固定期限", "open-ended"),
    "contract.months": ("{months} 个月", "{months} months"),
    "contract.unknown": ("合同期限未知", "contract term unknown"),
    "subsidy_months": (
        "补贴期内仍有政策施行期间的月份：{months} 个月（自 {first} 起，期间截止 {end}）",
        "months of the subsidy period while the policy is in force: {months} (from {first}; the period ends {end})",
    ),
    "hire_date_known": ("招用日期：{hired}", "hire date: {hired}"),
    "hired_in_force": (
        "政策施行后招用：{hired} 招用，施行日 {start}（general.hires_from_policy_start）",
        "hired once the policy was in force: hired {hired}, in force from {start} (general.hires_from_policy_start)",
    ),
    **TIANJIN_READING_MESSAGES,
    "reading.hires.true": (
        "“施行后”指招用日期：政策施行前招用的人员不适用",
        "'once in force' refers to the hire date: hires made before the policy came into force do not count",
    ),
    "reading.hires.false": (
        "“施行后”指补贴所依据的情形：施行前招用的，施行后满足缴费条件或在施行期间的月份也补贴",
        "'once in force' refers to what is subsidised: a hire made before the policy counts for what happens "
        "while it is in force",
    ),
    "extension": (
        "{on} 距法定退休日期 {retirement} 不足 {years} 年：{result}",
        "on {on}, fewer than {years} years before statutory retirement on {retirement}: {result}",
    ),
    "note.extended": (
        "距法定退休年龄不足 {years} 年，补贴延长至退休（{retirement}），不受 {limit} 个月限制",
        "fewer than {years} years from retirement age: the subsidy runs to retirement ({retirement}) "
        "instead of {limit} months",
    ),
    "arith.months": (
        "{what} {first} 至 {last}，共 {months} 个月，截止 {end}（{reason}）",
        "{what} {first} to {last}: {months} months, ending {end} ({reason})",
    ),
    "arith.months_none": (
        "{what}：政策施行期间没有补贴月份（期限 {end} 届满）",
        "{what}: no month of the period falls while the policy is in force (it ended {end})",
    ),
    "what.insurance": ("五项社保补贴", "five-insurance subsidy"),
    "what.post": ("岗位补贴", "post subsidy"),
    "what.allowance": ("托底安置补助", "fallback placement allowance"),
}


def names_label(names: dict[str, tuple[str, str]], keys: Sequence[str], **values: object) -> LazyLabel:
    """The names of ``keys`` joined in each language (、 in Chinese, ", " in English), e.g.
    农村劳动力、困难村劳动力. ``values`` fill placeholders such as ``{years}`` with parameter values.
    The texts are made only if the label is shown (a batch without ``--detail`` never shows it)."""
    return LazyLabel(_names_label, names, tuple(keys), values)


def _names_label(
    names: dict[str, tuple[str, str]], keys: tuple[str, ...], values: dict[str, object]
) -> Label:
    shown = {k: fmt_number(v) if isinstance(v, Decimal | int) and not isinstance(v, bool) else v
             for k, v in values.items()}  # fmt: skip
    return Label(
        "、".join(names[k][0].format(**shown) for k in keys),
        ", ".join(names[k][1].format(**shown) for k in keys),
    )


def hire_date_cond(hired: pl.Expr) -> Cond:
    """``_hire.hire_date_check``: the hire date is given."""
    return cond(
        "hire_date_known",
        pl.when(hired.is_not_null()).then(True),
        args={"hired": hired},
        missing=["hire_date"],
    )


def before_retirement_cond(hired: pl.Expr, ret: dict[str, pl.Expr]) -> Cond:
    """``_hire.retirement_of``'s second condition: hired before the statutory retirement date (recorded
    only when both are known)."""
    return cond(
        "before_retirement",
        hired < ret["date"],
        args={"start": hired, "retirement": ret["date"]},
        shown=hired.is_not_null() & ret["known"].fill_null(False),
    )


def first_subsidy_month(p: Params, hired: pl.Expr) -> pl.Expr:
    """``_hire.first_subsidy_month``: the index of the hire's month, or the next one
    (``hire_months.first_month`` read on the hire date, or on the policy's first day for an earlier hire)."""
    # (a null ``hired`` gives a null month below whatever ``on`` is: the skip changes nothing)
    on = pl.max_horizontal(hired, pl.lit(p.start))
    rule = p.param("hire_months.first_month", on=on)
    return month_index(hired) + pl.when(rule == "next_month").then(1).otherwise(0)


def duration_end(first: pl.Expr, months: pl.Expr) -> pl.Expr:
    """Last day of ``months`` whole months from the month of index ``first``."""
    return month_from_index(first + months) - pl.duration(days=1)


def special_difficulty(facts: tuple[pl.Expr, ...] | None = None) -> pl.Expr:
    """附件2 第1项 特殊就业困难人员 (``_special_difficulty.special_difficulty``): certified 就业困难人员 and in
    one of the four categories — Kleene logic is exactly the answer here (a category true decides
    "in", all false "out", else unknown; certification known false or the categories all false decide "no")."""
    categories = facts or tuple(pl.col(spec.name) for spec in CATEGORY_FACTS)
    return pl.col("employment_difficulty") & pl.any_horizontal(categories)


def extension_note(on: pl.Expr, retirement: pl.Expr, years: pl.Expr, within: pl.Expr, shown: pl.Expr) -> Msg:
    return msg(
        "extension",
        {"on": on, "retirement": retirement, "years": years, "result": within},
        shown=shown,
        statuses=ALL_STATUSES,
    )


def extended_period_notes(
    p: Params,
    ending: Ending,
    period: Mapping[str, pl.Expr],
    reached: pl.Expr,
    *,
    on: pl.Expr,
    retirement: pl.Expr,
    years: pl.Expr,
    within: pl.Expr,
    limit: pl.Expr,
    extended: pl.Expr,
    assessed: pl.Expr,
) -> tuple[Msg, Msg, Msg, Msg]:
    """The notes of a subsidy ``period`` that "距法定退休年龄不足N年的，可延长至退休" (序号30, 33), in order:
    the extension's test on ``on`` (where ``assessed``), the period extended to retirement instead of its
    ``limit`` months (where ``extended``), months before the policy left out, months past its last day —
    each only where the conditions were ``reached``."""
    return (
        extension_note(on, retirement, years, within, assessed),
        msg(
            "note.extended",
            {"years": years, "retirement": retirement, "limit": limit},
            shown=reached & extended,
            statuses=ALL_STATUSES,
        ),
        policy_start_note(p, reached & (period["before"] > 0)),
        past_policy_note(
            ending,
            period["last"],
            period["n"],
            months_within(period["first_paid"], period["last"], ending.policy_end),
            reached,
        ),
    )


def extended(retirement: pl.Expr, on: pl.Expr, years: pl.Expr) -> pl.Expr:
    """距法定退休年龄不足 ``years`` 年 on ``on``."""
    return within_years_of_retirement(retirement, on, years)


def period_messages(what: str, period: dict[str, pl.Expr]) -> tuple[Msg, Msg]:
    """``_hire.period_message``: ``arith.months`` (the months and the end) or ``arith.months_none``."""
    n = period["n"]
    return (
        msg(
            "arith.months",
            {
                "what": pl.lit(what),
                "first": ym(period["first_paid"]),
                "last": ym(period["last"]),
                "months": n,
                "end": period["end"],
                "reason": period["reason"],
            },
            shown=n > 0,
        ),
        msg("arith.months_none", {"what": pl.lit(what), "end": period["end"]}, shown=n == 0),
    )


def tianjin_graduate_as(reading: pl.Expr) -> tuple[pl.Expr, dict[str, pl.Expr]]:
    """``_hire.tianjin_graduate`` with ``general.tianjin_graduate_means`` read as ``reading`` (the run of
    the other reading flips it): whether the person is a "本市高校毕业生" (a Tianjin university, a Tianjin
    hukou / student origin, or either — Kleene ``|``: one yes decides, all no decide, else unknown) and,
    per fact, where the reading uses it (a fact is named when unknown only where it is used)."""
    university, origin = pl.col("tianjin_university"), pl.col("tianjin_origin")
    result = (
        pl.when(reading == "tianjin_university")
        .then(university)
        .when(reading == "tianjin_origin")
        .then(origin)
        .otherwise(university | origin)
    )
    uses = {
        "tianjin_university": reading != "tianjin_origin",
        "tianjin_origin": reading != "tianjin_university",
    }
    return result, uses


def tianjin_graduate(p: Params) -> tuple[pl.Expr, list[tuple[str, pl.Expr]]]:
    """:func:`tianjin_graduate_as` read as ``general.tianjin_graduate_means`` says, and the facts named
    when unknown (each only where the reading uses it and it is missing)."""
    result, uses = tianjin_graduate_as(p.param("general.tianjin_graduate_means"))
    return result, [(name, used & pl.col(name).is_null()) for name, used in uses.items()]


def other_tianjin_reading(current: pl.Expr) -> pl.Expr:
    """``_hire._other_tianjin_reading``: a Tianjin university's graduate, unless that is the reading."""
    return (
        pl.when(current == "tianjin_university")
        .then(pl.lit("tianjin_origin"))
        .otherwise(pl.lit("tianjin_university"))
    )


def hired_in_force_cond(p: Params, hired: pl.Expr) -> Cond:
    """``_hire.check_hired_in_force``: :func:`hired_in_force` read as ``general.hires_from_policy_start``
    says."""
    return hired_in_force_under(p, hired, p.param(HIRES_KEY))


def post_label(code: str) -> Label:
    """The post type (``post_type``) as users read it, in zh and en."""
    return Label(*POST_TYPE.choices[code])


# -------------------------------------------------- added for 序号29 (hiring_subsidy); 序号30 may reuse them

HIRES_KEY = "general.hires_from_policy_start"
"""第十条“施行后”: whether only hires made once the policy is in force count (one reading for 序号29 and 30)."""


def hired_in_force(start: pl.Expr, hired: pl.Expr, from_policy_start: pl.Expr) -> Cond:
    """``_hire.check_hired_in_force`` with ``general.hires_from_policy_start`` read as ``from_policy_start``
    (the run of the other reading flips it): the hire was made on or after the policy's first day
    ``start`` (recorded only under that reading, and only with the hire date known)."""
    return cond(
        "hired_in_force",
        hired >= start,
        args={"hired": hired, "start": start},
        shown=from_policy_start & hired.is_not_null(),
    )


def hired_in_force_under(p: Params, hired: pl.Expr, hires_from_start: pl.Expr) -> Cond:
    """:func:`hired_in_force` from the policy's first day (``general.policy_start``)."""
    return hired_in_force(p.param("general.policy_start"), hired, hires_from_start)


def contract_cond(p: Params, required_key: str) -> Cond:
    """``_hire.contract_check``: a labour contract of at least ``required_key`` months, or open-ended
    (an open-ended contract decides it whatever the months say; else the months are needed)."""
    required = p.param(required_key)
    months, open_ended = pl.col("contract_months"), pl.col("open_ended_contract")
    term = (
        pl.when(open_ended.eq_missing(True))
        .then(pl.lit("contract.open"))
        .when(months.is_null())
        .then(pl.lit("contract.unknown"))
        .otherwise(pl.lit("contract.months"))
    )
    return cond(
        "contract",
        pl.when(open_ended.eq_missing(True)).then(True).otherwise(months >= required),
        args={"required": required, "term": term, "months": months},
        missing=["contract_months"],
    )


def hired_before_policy_start(p: Params, hired: pl.Expr) -> pl.Expr:
    """``_hire.hired_before_policy``: the hire date is given and falls before the policy came into force
    (the other reading of ``general.hires_from_policy_start`` can then change the outcome)."""
    return (hired < p.param("general.policy_start")).fill_null(False)


def _literal_label(value: object) -> Label:
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return Label(shown, shown)


def other_reading_note(
    key: str,
    value: pl.Expr,
    reading: pl.Expr,
    got: Mapping[str, pl.Expr] | None,
    shown: pl.Expr,
    otherwise: str = "other.ineligible",
) -> Msg:
    """``_readings.other_reading_note`` over columns: "按另一种理解（reading；--set key=value）：result",
    where ``got`` are the other run's outcome columns (:func:`columnar.readings.other_outcome`) and
    ``result`` is ``_readings.result_label`` of them; shown for every status where ``shown`` holds.
    ``got`` None: the other run is not needed, its outcome being ``otherwise`` wherever the note is shown."""
    if got is None:
        result: pl.Expr = pl.lit(otherwise)
        amount: pl.Expr = pl.lit(None, dtype=pl.Decimal(38, 2))
        missing: pl.Expr = pl.lit("—")
    else:
        status, maximum = got["status"], got["maximum"]
        eligible = status == Status.ELIGIBLE.value
        result = (
            pl.when(eligible & got["amount"].is_not_null())
            .then(pl.lit("other.amount"))
            .when(eligible & maximum.is_not_null())
            .then(pl.lit("other.maximum"))
            .when(status == Status.INELIGIBLE.value)
            .then(pl.lit("other.ineligible"))
            .when(status == Status.AMOUNT_SET_ELSEWHERE.value)
            .then(pl.lit("other.set_elsewhere"))
            .otherwise(pl.lit("other.cannot_decide"))
        )
        # the amount, else the maximum: the one ``result`` names (a null amount is "no amount", on purpose)
        amount = pl.coalesce(pl.when(eligible).then(got["amount"]), pl.when(eligible).then(maximum))
        joined = got["missing_facts"].list.join("、")
        missing = pl.when(joined == "").then(pl.lit("—")).otherwise(joined)
    return msg(
        "note.other_reading",
        {
            "reading": reading,
            "key": arg(pl.lit(key), _literal_label),
            "value": arg(value, _literal_label),
            "result": result,
            "amount": amount,
            "missing": arg(missing, _literal_label),
        },
        shown=shown,
        statuses=ALL_STATUSES,
    )


def hire_date_reading(
    p: Params, measure_id: str, build: Callable[[Params, pl.Expr, str], Rule], suffix: str = "other"
) -> tuple[tuple[dict[str, pl.Expr], ...], Msg]:
    """``_hire.with_hire_date_reading`` over columns: the stages that evaluate the measure with
    ``general.hires_from_policy_start`` read the other way (``build(p, flag, id)`` declares the rule with
    the flag read as ``flag`` under the id ``<measure_id>~<suffix>``), and the note saying what that gives,
    for a hire made before the policy came into force.

    Read as "hired once in force", such a hire fails :func:`hired_in_force` (the check after the hire date's):
    the other run is needed only where the chosen reading is that one; elsewhere the note says 不符合."""
    current = p.param(HIRES_KEY)
    other = None
    if any(value is True for _first, last, value in p.segments(HIRES_KEY) if last is None or last >= p.start):
        other = build(p, ~current, f"{measure_id}~{suffix}")
    reading = pl.when(~current).then(pl.lit("reading.hires.true")).otherwise(pl.lit("reading.hires.false"))
    got = None if other is None else other_outcome(other)
    note = other_reading_note(
        HIRES_KEY, ~current, reading, got, hired_before_policy_start(p, pl.col("hire_date"))
    )
    return (() if other is None else outcome_stages(other)), note
