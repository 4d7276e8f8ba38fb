"""第一条 落实援企稳岗政策 — 技能提升补贴, 附件1 序号2 (责任部门：区人社局)

  对在职职工取得学历、职称、技能证书的，按照1000元、1500元、2000元的标准，分别予以提升补贴。

Two readings (parameter ``skill_upgrade.reading``):

* ``certificate_level`` (default, the Tianjin city rule for 技能提升补贴): the three amounts are paid by the
  level of a skill certificate — 初级 1000, 中级 1500, 高级 2000 — to an employee who has been in
  unemployment insurance at least ``skill_upgrade.city_min_insured_months`` (city condition, external);
* ``credential_type`` (the words taken literally): 学历 1000, 职称 1500, 技能证书 2000, for any employee.
  A skill certificate of a stated level (``skill_certificate_level``) is a 技能证书: when ``credential_type``
  is not given, that is the credential.

One credential per claim; the amounts are ``skill_upgrade.tier1/2/3_amount``. The default is the city rule,
whose condition (12 months of unemployment-insurance contributions) is sourced in policy.toml; every outcome
also says what the other reading gives (``measures/_readings.py``).
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.measures._readings import with_other_reading
from wenjiuye_cli.outcome import Evaluation, Label, Measure, Message, Outcome, Status
from wenjiuye_cli.policy import Value

IN_SERVICE_EMPLOYEE = fact(
    "in_service_employee", "bool", ("是否在职职工", "currently employed (在职职工)"),
    ("取得证书时及申请时为在职职工", "an employee when the credential is obtained and claimed"), ("person",),
)  # fmt: skip
SKILL_CERTIFICATE_LEVEL = fact(
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
CREDENTIAL_TYPE = fact(
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
EMPLOYEE_UI_INSURED_MONTHS = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    reading = ev.choice("skill_upgrade.reading")
    employed = ev.fact("in_service_employee")
    ev.check("in_service_employee", employed, missing=("in_service_employee",))

    tier: int | None = None
    label: Label | None = None
    if reading == "certificate_level":
        level: str | None = ev.fact("skill_certificate_level")
        label = None if level is None else Label(*SKILL_CERTIFICATE_LEVEL.choices[level])
        ev.check(
            "certificate_level",
            None if level is None else level in LEVEL_TIERS,
            missing=("skill_certificate_level",),
            level=label,
        )
        tier = LEVEL_TIERS.get(level or "")
        minimum = ev.integer("skill_upgrade.city_min_insured_months")
        months: int | None = ev.fact("employee_ui_insured_months")
        ev.check(
            "insured_months",
            None if months is None else months >= minimum,
            missing=("employee_ui_insured_months",),
            months=months,
            minimum=minimum,
        )
    else:
        credential: str | None = ev.facts.get("credential_type")
        level_given: str | None = ev.facts.get("skill_certificate_level")
        if credential is None and level_given in LEVEL_TIERS:
            credential = "skill_certificate"  # a skill certificate of a stated level is a 技能证书
        else:
            credential = ev.fact("credential_type")
        label = None if credential is None else Label(*CREDENTIAL_TYPE.choices[credential])
        ev.check(
            "credential_type",
            None if credential is None else credential in TYPE_TIERS,
            missing=("credential_type",),
            credential=label,
        )
        tier = TYPE_TIERS.get(credential or "")
    tiers = (
        {f"tier{n}": ev.dec(f"skill_upgrade.tier{n}_amount") for n in (1, 2, 3)}
        if reading == "credential_type"
        else {}
    )
    note = Message(f"note.reading.{reading}", tiers)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.append(note)
        return settled
    assert tier is not None

    amount = ev.dec(f"skill_upgrade.tier{tier}_amount")
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.amount", {"credential": label, "tier": tier, "amount": amount})],
        notes=[note],
    )


def _other_reading(current: Value) -> Value:
    return "credential_type" if current == "certificate_level" else "certificate_level"


def _reading_code(other: Value) -> str:
    return f"reading.skill.{other}"


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
    evaluate=with_other_reading(
        evaluate,
        "skill_upgrade.reading",
        matters=lambda ev: ev.facts.get("in_service_employee") is True,  # both readings need an employee
        other=_other_reading,
        reading=_reading_code,
    ),
    messages=MESSAGES,
)
