"""第一条 落实援企稳岗政策 — 技能提升补贴, 附件1 序号2 (责任部门：区人社局)

  对在职职工取得学历、职称、技能证书的，按照1000元、1500元、2000元的标准，分别予以提升补贴。

Two readings (``skill_upgrade.reading``), as ``wenjiuye_cli.rules.skill_upgrade`` has them:
``certificate_level`` (default, the Tianjin city rule: by the skill certificate's level, after
``skill_upgrade.city_min_insured_months`` of unemployment insurance) and ``credential_type`` (the words
taken literally: 学历, 职称, 技能证书). Both are computed over columns, so the note saying what the other
reading gives (``rules._readings``, for an employee only) is the other reading's own status.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import Params, chain, fact
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, arg, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Label, Measure, Status
from wenjiuye_cli.rules._readings import MESSAGES as READING_MESSAGES

IN_SERVICE_EMPLOYEE = fact_spec(
    "in_service_employee", "bool", ("是否在职职工", "currently employed (在职职工)"),
    ("取得证书时及申请时为在职职工", "an employee when the credential is obtained and claimed"), ("person",),
)  # fmt: skip
SKILL_CERTIFICATE_LEVEL = fact_spec(
    "skill_certificate_level", "choice", ("技能证书等级", "skill certificate level"),
    ("取得的职业资格证书或职业技能等级证书的等级：初级（五级）、中级（四级）、高级（三级）或 无",
     "level of the vocational qualification / skill level certificate: basic, intermediate, advanced or none"),
    ("person",),
    choices={
        "basic": ("初级", "basic"),
        "intermediate": ("中级", "intermediate"),
        "advanced": ("高级", "advanced"),
        "none": ("无", "none"),
    },
)  # fmt: skip
CREDENTIAL_TYPE = fact_spec(
    "credential_type", "choice", ("取得的证书类型", "credential obtained"),
    ("学历、职称、技能证书 或 无（按字面读法 skill_upgrade.reading=credential_type 时使用）",
     "degree, professional title, skill certificate or none (used when skill_upgrade.reading=credential_type)"),
    ("person",),
    choices={
        "degree": ("学历", "degree"),
        "professional_title": ("职称", "professional title"),
        "skill_certificate": ("技能证书", "skill certificate"),
        "none": ("无", "none"),
    },
)  # fmt: skip
EMPLOYEE_UI_INSURED_MONTHS = fact_spec(
    "employee_ui_insured_months", "int", ("参加失业保险月数", "months insured against unemployment"),
    ("职工本人参加失业保险的累计月数（市级技能提升补贴条件）",
     "months the employee has been in unemployment insurance (city condition for the skill subsidy)"),
    ("person",),
)  # fmt: skip

LEVEL_TIERS = {"basic": 1, "intermediate": 2, "advanced": 3}
TYPE_TIERS = {"degree": 1, "professional_title": 2, "skill_certificate": 3}

MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    "reading.skill.credential_type": (
        "按字面：学历、职称、技能证书分别1000、1500、2000元，不要求参保月数",
        "literally: degree, title, skill certificate 1000, 1500, 2000 yuan, no insurance condition",
    ),
    "reading.skill.certificate_level": (
        "按市级技能提升补贴：按技能证书等级，须累计缴纳失业保险费满12个月",
        "the city skill subsidy: by certificate level, after 12 months of unemployment insurance",
    ),
    "in_service_employee": ("在职职工", "currently employed"),
    "certificate_level": (
        "取得技能证书：{level}",
        "skill certificate obtained: {level}",
    ),
    "credential_type": (
        "取得学历、职称或技能证书：{credential}",
        "degree, title or skill certificate: {credential}",
    ),
    "insured_months": (
        "参加失业保险 {months} 个月，市级条件至少 {minimum} 个月",
        "{months} months insured against unemployment; the city rule needs at least {minimum}",
    ),
    "arith.amount": (
        "{credential} → 第{tier}档 {amount} 元",
        "{credential} → tier {tier}: {amount} yuan",
    ),
    "note.reading.certificate_level": (
        "按市级技能提升补贴口径：按技能证书等级（初级/中级/高级）发放；按字面读法（学历/职称/技能证书）计算请用 "
        "--set skill_upgrade.reading=credential_type",
        "read as the Tianjin city rule: by skill-certificate level (basic/intermediate/advanced); for the literal "
        "reading (degree/title/skill certificate) use --set skill_upgrade.reading=credential_type",
    ),
    "note.reading.credential_type": (
        "按字面读法：学历 {tier1} 元、职称 {tier2} 元、技能证书 {tier3} 元；按市级口径（技能证书等级）计算请用 "
        "--set skill_upgrade.reading=certificate_level",
        "literal reading: degree {tier1}, professional title {tier2}, skill certificate {tier3} yuan; for the city "
        "rule (skill-certificate level) use --set skill_upgrade.reading=certificate_level",
    ),
}


MEASURE = Measure(
    id="skill_upgrade",
    name_zh="技能提升补贴",
    name_en="skill-upgrading subsidy",
    article="一",
    tasks=(2,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        IN_SERVICE_EMPLOYEE,
        SKILL_CERTIFICATE_LEVEL,
        EMPLOYEE_UI_INSURED_MONTHS,
        CREDENTIAL_TYPE,
    ),
    messages=MESSAGES,
)


KEY = "skill_upgrade.reading"


def _level_label(code: str) -> Label:
    return Label(*SKILL_CERTIFICATE_LEVEL.choices[code])


def _credential_label(code: str) -> Label:
    return Label(*CREDENTIAL_TYPE.choices[code])


def _literal(value: str) -> Label:
    """A text shown as it is (a string naming a message would be rendered as that message)."""
    return Label(value, value)


def _named(names: str) -> str | Label:
    """Missing facts' names, as a Label where they are also a message code (``credential_type``), which
    would otherwise be rendered as that message instead of being named (as ``_readings.result_label``)."""
    return Label(names, names) if names in MEASURE.messages else names


def _tier(code: pl.Expr, tiers: dict[str, int]) -> pl.Expr:
    return chain([(code == name, tier) for name, tier in tiers.items()], pl.lit(None, dtype=pl.Int64))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    reading = p.param(KEY)
    by_level = reading == "certificate_level"
    employed = fact("in_service_employee")
    level, months = fact("skill_certificate_level"), fact("employee_ui_insured_months")
    minimum = p.param("skill_upgrade.city_min_insured_months")
    given = fact("credential_type")
    tiers = {n: p.param(f"skill_upgrade.tier{n}_amount") for n in (1, 2, 3)}

    # The city rule: 初级 / 中级 / 高级, after the city's months of unemployment insurance
    level_ok = pl.when(level.is_not_null()).then(level.is_in(list(LEVEL_TIERS)))
    insured = months >= minimum
    # The literal reading: a skill certificate of a stated level is a 技能证书
    credential = s.stage(
        credential=pl.when(given.is_null() & level.is_in(list(LEVEL_TIERS)))
        .then(pl.lit("skill_certificate"))
        .otherwise(given)
    )["credential"]
    credential_ok = pl.when(credential.is_not_null()).then(credential.is_in(list(TYPE_TIERS)))
    staged = s.stage(level_tier=_tier(level, LEVEL_TIERS), type_tier=_tier(credential, TYPE_TIERS))
    level_tier, type_tier = staged["level_tier"], staged["type_tier"]

    def amount_of(tier: pl.Expr) -> pl.Expr:
        return chain([(tier == n, value) for n, value in tiers.items()], pl.lit(None))

    tier = pl.when(by_level).then(level_tier).otherwise(type_tier)
    amount = amount_of(tier)

    # What the other reading gives (for an employee: both readings need one)
    level_status = (
        pl.when(level_ok.not_() | insured.not_())
        .then(pl.lit("other.ineligible"))
        .when(level_ok & insured)
        .then(pl.lit("other.amount"))
        .otherwise(pl.lit("other.cannot_decide"))
    )
    level_missing = pl.concat_str(
        [
            pl.when(level.is_null()).then(pl.lit("skill_certificate_level")),
            pl.when(months.is_null()).then(pl.lit("employee_ui_insured_months")),
        ],
        separator="、",
        ignore_nulls=True,
    )
    type_status = chain(
        [(credential.is_null(), "other.cannot_decide"), (credential_ok, "other.amount")],
        pl.lit("other.ineligible"),
    )
    other = s.stage(
        other_result=pl.when(by_level).then(type_status).otherwise(level_status),
        other_amount=pl.when(by_level).then(amount_of(type_tier)).otherwise(amount_of(level_tier)),
        other_missing=pl.when(by_level).then(pl.lit("credential_type")).otherwise(level_missing),
    )

    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond("in_service_employee", employed, missing=["in_service_employee"]),
            cond(
                "certificate_level",
                level_ok,
                args={"level": arg(level, _level_label)},
                missing=["skill_certificate_level"],
                shown=by_level,
            ),
            cond(
                "insured_months",
                insured,
                args={"months": months, "minimum": minimum},
                missing=["employee_ui_insured_months"],
                shown=by_level,
            ),
            cond(
                "credential_type",
                credential_ok,
                args={"credential": arg(credential, _credential_label)},
                missing=["credential_type"],
                shown=~by_level,
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(
            msg(
                "arith.amount",
                {"credential": arg(level, _level_label), "tier": tier, "amount": amount},
                shown=by_level,
            ),
            msg(
                "arith.amount",
                {"credential": arg(credential, _credential_label), "tier": tier, "amount": amount},
                shown=~by_level,
            ),
        ),
        notes=(
            msg("note.reading.certificate_level", shown=by_level, statuses=tuple(Status)),
            msg(
                "note.reading.credential_type",
                {f"tier{n}": value for n, value in tiers.items()},
                shown=~by_level,
                statuses=tuple(Status),
            ),
            msg(
                "note.other_reading",
                {
                    "reading": pl.when(by_level)
                    .then(pl.lit("reading.skill.credential_type"))
                    .otherwise(pl.lit("reading.skill.certificate_level")),
                    "key": arg(pl.lit(KEY), _literal),
                    "value": arg(
                        pl.when(by_level)
                        .then(pl.lit("credential_type"))
                        .otherwise(pl.lit("certificate_level")),
                        _literal,
                    ),
                    "result": other["other_result"],
                    "amount": other["other_amount"],
                    "missing": arg(
                        pl.when(other["other_missing"] == "")
                        .then(pl.lit("—"))
                        .otherwise(other["other_missing"]),
                        _named,
                    ),
                },
                shown=employed.eq_missing(True),
                statuses=tuple(Status),
            ),
        ),
        payee="applicant",
    )
