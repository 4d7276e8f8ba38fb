"""Facts about a founder's business shared by 第十四条 序号35 (社保、岗位补贴) and 序号36 (一次性创业补贴)."""

from __future__ import annotations

from wenjiuye_cli.facts import fact
from wenjiuye_cli.measures._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.measures._readings import Rule, flipped, with_other_reading
from wenjiuye_cli.outcome import Evaluation, Label
from wenjiuye_cli.policy import Value

FIRST_BUSINESS = fact(
    "first_business", "bool", ("是否首次创办企业", "first business founded"),
    ("本人此前未创办过企业（含个体工商户）", "the applicant has not founded a business before"), ("person",),
)  # fmt: skip
BUSINESS_TYPE = fact(
    "business_type", "choice", ("创业实体类型", "type of business"),
    ("enterprise（企业）或 sole_proprietorship（个体工商户）", "enterprise or sole proprietorship (个体工商户)"),
    ("person",),
    choices={"enterprise": ("企业", "enterprise"), "sole_proprietorship": ("个体工商户", "sole proprietorship")},
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    "business_type": ("创业实体：{business}{counts}", "type of business: {business}{counts}"),
    "business_type.sole_ok": (
        "（首次创办小微企业或从事个体经营均适用，first_startup.sole_proprietorship_counts=true）",
        " (a first small business or self-employment both count: first_startup.sole_proprietorship_counts=true)",
    ),
    "reading.sole.false": (
        "第十四条只写“创办企业”，个体工商户不适用",
        "article 14 says 'founds an enterprise' only: a sole proprietorship does not count",
    ),
    "reading.sole.true": (
        "按国家和市级口径“首次创办小微企业或从事个体经营”，个体工商户也适用",
        "as the national and city rules, 'a first small business or self-employment': a sole proprietorship counts",
    ),
    "business_type.sole_excluded": (
        "（第十四条只写“创办企业”，个体工商户不适用；可用 --set first_startup.sole_proprietorship_counts=true 改变）",
        " (article 14 says 'enterprise' only; override with --set first_startup.sole_proprietorship_counts=true)",
    ),
    "business_type.enterprise": ("", ""),
    "first_business": ("首次创办企业", "first business founded"),
    "registered_in_heping": ("在本区注册", "registered in Heping District"),
}


def check_business_type(ev: Evaluation) -> bool | None:
    """Whether the business counts as an enterprise under article 14 (recorded as ``business_type``)."""
    business: str | None = ev.facts.get(BUSINESS_TYPE.name)
    sole_counts = ev.flag("first_startup.sole_proprietorship_counts")
    label = None if business is None else Label(*BUSINESS_TYPE.choices[business])
    if business is None:
        result: bool | None = None
        counts = "business_type.enterprise"
    elif business == "enterprise":
        result, counts = True, "business_type.enterprise"
    else:
        result = sole_counts
        counts = "business_type.sole_ok" if sole_counts else "business_type.sole_excluded"
    return ev.check("business_type", result, missing=(BUSINESS_TYPE.name,), business=label, counts=counts)


def with_sole_proprietorship_reading(rule: Rule) -> Rule:
    """``rule``, noting for a sole proprietor what the other reading of ``first_startup.sole_proprietorship_counts``
    gives."""

    def reading(other: Value) -> str:
        return f"reading.sole.{str(other).lower()}"

    return with_other_reading(
        rule,
        "first_startup.sole_proprietorship_counts",
        matters=lambda ev: ev.facts.get(BUSINESS_TYPE.name) == "sole_proprietorship",
        other=flipped,
        reading=reading,
    )
