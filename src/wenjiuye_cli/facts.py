"""Applicant kinds and the facts an applicant can carry.

A fact is declared once, here or in the measure module that alone uses it, as a :class:`FactSpec`: its
type, labels in Chinese and English, and the kinds of applicant it belongs to. The same converter reads a
fact from a scenario file (TOML/JSON values) and from a CSV cell typed by a person (full-width digits,
thousands separators, a trailing 元, 是/否, 2020年7月1日). An absent or empty value is *missing*, never 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from wenjiuye_cli.errors import UserError
from wenjiuye_cli.limits import SHOWN_CHARS, SURROGATE_REASON, has_lone_surrogate, shown

FactType = Literal["bool", "int", "money", "ratio", "date", "text", "choice", "firms"]

KINDS: dict[str, tuple[str, str]] = {
    "person": ("个人", "individual"),
    "enterprise": ("企业", "enterprise"),
    # One row per person an enterprise hires (第十条、第十二条): the person's facts and the hire's.
    "hire": ("企业招用人员", "person hired by an enterprise"),
    # One row per intern at an internship base (第九条).
    "intern": ("见习人员", "intern at an internship base"),
    "incubator": ("创业孵化基地", "business incubator"),
    "training_provider": ("培训机构", "training provider"),
    "hr_agency": ("人力资源服务机构", "HR service agency"),
    "vocational_school": ("职业院校", "vocational school"),
}
KIND_ALIASES: dict[str, str] = {zh: kind for kind, (zh, _en) in KINDS.items()} | {
    en: kind for kind, (_zh, en) in KINDS.items()
}


class FactError(UserError, ValueError):
    """A value that cannot be read as the fact's type. ``zh``/``en`` are the reasons shown to users."""


# ------------------------------------------------------------------------------------ allowed ranges
# What a fact may hold. These are bounds of plausibility, not policy numbers: every amount, count,
# duration and date the policy speaks of lies far inside them, and values outside them are typing
# mistakes (a digit too many, 9999-12-31 for "unknown") that would otherwise overflow the calendar or
# the 28-digit decimal arithmetic, or make a rule loop over a billion months.
MAX_MONEY = Decimal(10) ** 12  # yuan: 一万亿元
MAX_MONTHS = 1200  # a duration in months (facts named *_months): 100 years
MAX_AGE = 150  # an age in years (facts named *_age)
MAX_COUNT = 10_000_000  # a count of persons, firms, loans (every other whole-number fact)
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def surrogate_error() -> FactError:
    return FactError(*SURROGATE_REASON)


@dataclass(frozen=True, slots=True)
class IncubatedFirm:
    """A firm newly taken into an incubator: how long it has operated and how many jobs it created."""

    operating_months: int
    jobs_created: int


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: FactType
    label_zh: str
    label_en: str
    help_zh: str
    help_en: str
    kinds: frozenset[str]
    choices: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # value -> (zh, en) labels

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def help(self, lang: str) -> str:
        return self.help_zh if lang == "zh" else self.help_en

    def convert(self, raw: Any) -> Any:
        """Convert a raw value (from TOML/JSON or a CSV cell) to the fact's type; ``None`` if missing."""
        if type(raw) is str and has_lone_surrogate(raw):
            raise surrogate_error()
        return _CONVERTERS[self.type](self, raw)

    @property
    def maximum(self) -> Decimal | int | None:
        """The largest value a number fact may hold (see the allowed ranges above)."""
        if self.type == "money":
            return MAX_MONEY
        if self.type == "ratio":
            return 1
        if self.type != "int":
            return None
        if self.name.endswith("_months"):
            return MAX_MONTHS
        if self.name.endswith("_age"):
            return MAX_AGE
        return MAX_COUNT


# --------------------------------------------------------------------------------------------- readers

_TRUE = {"是", "true", "yes", "y", "1", "t", "对", "有"}
_FALSE = {"否", "false", "no", "n", "0", "f", "无"}
_NUMBER_JUNK = str.maketrans({",": None, " ": None, "元": None, "¥": None, "￥": None, "_": None})
_CN_DATE = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?$")


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def _clean_text(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip()


def _to_bool(spec: FactSpec, raw: Any) -> bool | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = _clean_text(raw).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise FactError(f"应为 是/否，而不是 {shown(raw)}", f"expected yes/no (是/否), got {shown(raw)}")


def _to_decimal(spec: FactSpec, raw: Any) -> Decimal | None:
    percent = False
    if type(raw) is str and raw.isascii() and raw.isdigit():
        value = Decimal(raw)  # plain digits, the common case: nothing to clean
    elif _blank(raw):
        return None
    elif isinstance(raw, bool):
        raise FactError(f"应为数字，而不是 {shown(raw)}", f"expected a number, got {shown(raw)}")
    elif isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        # JSON/TOML are parsed with parse_float=Decimal; a float here came from Python code.
        value = Decimal(repr(raw))
    elif isinstance(raw, str):
        text = _clean_text(raw).translate(_NUMBER_JUNK)
        percent = text.endswith("%")
        try:
            value = Decimal(text[:-1] if percent else text)
        except InvalidOperation:
            raise FactError(
                f"应为数字，而不是 {shown(raw)}", f"expected a number, got {shown(raw)}"
            ) from None
    else:
        raise FactError(f"应为数字，而不是 {shown(raw)}", f"expected a number, got {shown(raw)}")
    if not value.is_finite():
        raise FactError("应为有限的数字", "expected a finite number")
    if value < 0:
        raise FactError(f"不能为负数（{_shown_number(raw)}）", f"must not be negative ({_shown_number(raw)})")
    # Compared before anything is computed from it: 1E+999999999 is read in an instant, but turning it
    # into a whole number (or dividing it by 100) would take minutes and gigabytes.
    limit = spec.maximum
    if limit is not None and value > (limit * 100 if percent else limit):
        if spec.type == "ratio":
            raise _ratio_error(raw)
        raise FactError(
            f"超出允许范围（0 至 {limit:,}），而不是 {_shown_number(raw)}",
            f"out of the allowed range (0 to {limit:,}), got {_shown_number(raw)}",
        )
    if percent:
        value /= 100
    return value


def _shown_number(raw: Any) -> str:
    """A number as it was written; a long one cut short (a 1 MB cell of digits stays in its file)."""
    if isinstance(raw, str):
        return raw if len(raw) <= SHOWN_CHARS and not has_lone_surrogate(raw) else shown(raw)
    text = str(raw)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _ratio_error(raw: Any) -> FactError:
    return FactError(
        f"比例应在 0 到 1 之间（或写成百分数），而不是 {_shown_number(raw)}",
        f"a ratio is 0..1 (or n%), got {_shown_number(raw)}",
    )


def _to_ratio(spec: FactSpec, raw: Any) -> Decimal | None:
    value = _to_decimal(spec, raw)
    if value is not None and value > 1:
        raise _ratio_error(raw)
    return value


def _to_int(spec: FactSpec, raw: Any) -> int | None:
    value = _to_decimal(spec, raw)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise FactError(
            f"应为整数，而不是 {_shown_number(raw)}", f"expected a whole number, got {_shown_number(raw)}"
        )
    return int(value)


def _to_date(spec: FactSpec, raw: Any) -> date | None:
    day = _read_date(raw)
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise FactError(
            f"超出允许范围（{EARLIEST_DATE.isoformat()} 至 {LATEST_DATE.isoformat()}），而不是 {day.isoformat()}",
            f"out of the allowed range ({EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}), "
            f"got {day.isoformat()}",
        )
    return day


def _read_date(raw: Any) -> date | None:
    if _blank(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw.isascii():
            # 2021-03-15, the common case, read in C; anything else it rejects takes the general path
            # (which also gives the reason).
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        text = _clean_text(raw)
        match = _CN_DATE.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise FactError(f"日期不存在：{raw}", f"no such date: {raw}") from None
    raise FactError(
        f"应为日期（如 2020-07-01、2020/7/1 或 2020年7月1日），而不是 {shown(raw)}",
        f"expected a date such as 2020-07-01, 2020/7/1 or 2020年7月1日, got {shown(raw)}",
    )


def _to_text(spec: FactSpec, raw: Any) -> str | None:
    if _blank(raw):
        return None
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    raise FactError(f"应为文本，而不是 {shown(raw)}", f"expected text, got {shown(raw)}")


def _to_choice(spec: FactSpec, raw: Any) -> str | None:
    if _blank(raw):
        return None
    if isinstance(raw, str):
        text = _clean_text(raw)
        for value, (zh, en) in spec.choices.items():
            if text in (value, zh) or text.lower() == en.lower():
                return value
    options = "、".join(f"{v}（{zh}）" for v, (zh, _en) in spec.choices.items())
    raise FactError(
        f"应为 {options} 之一，而不是 {shown(raw)}", f"expected one of {options}, got {shown(raw)}"
    )


def _to_firms(spec: FactSpec, raw: Any) -> tuple[IncubatedFirm, ...] | None:
    """A list of ``{operating_months, jobs_created}`` tables, or in a CSV cell ``"14/3; 12/1"``."""
    if raw is None:
        return None
    items: list[tuple[Any, Any]] = []
    if isinstance(raw, str):
        text = _clean_text(raw)
        if text == "":
            return None
        if text in {"无", "none", "-"}:
            return ()
        for part in re.split(r"[;；]", text):
            if not part.strip():
                continue
            months, sep, jobs = part.partition("/")
            if not sep:
                raise FactError(
                    f"每户写成 经营月数/带动就业人数，用分号分隔（如 14/3; 12/1），而不是 {shown(part)}",
                    f"write each firm as months/jobs, separated by ';' (e.g. 14/3; 12/1), got {shown(part)}",
                )
            items.append((months, jobs))
    elif isinstance(raw, list):
        for entry in raw:
            if not isinstance(entry, dict) or set(entry) != {"operating_months", "jobs_created"}:
                raise FactError(
                    "每户应为 {operating_months, jobs_created}",
                    "each firm must be a table {operating_months, jobs_created}",
                )
            items.append((entry["operating_months"], entry["jobs_created"]))
    else:
        raise FactError("应为孵化企业列表", f"expected a list of incubated firms, got {shown(raw)}")
    months_spec = _INT_HELPER
    firms = []
    for months, jobs in items:
        m, j = _to_int(months_spec, months), _to_int(months_spec, jobs)
        if m is None or j is None:
            raise FactError(
                "孵化企业的经营月数和带动就业人数都要填写", "each firm needs both months and jobs"
            )
        firms.append(IncubatedFirm(m, j))
    return tuple(firms)


_CONVERTERS: dict[str, Callable[[FactSpec, Any], Any]] = {
    "bool": _to_bool,
    "int": _to_int,
    "money": _to_decimal,
    "ratio": _to_ratio,
    "date": _to_date,
    "text": _to_text,
    "choice": _to_choice,
    "firms": _to_firms,
}


def fact(
    name: str,
    type_: FactType,
    label: tuple[str, str],
    help_: tuple[str, str],
    kinds: tuple[str, ...],
    choices: Mapping[str, tuple[str, str]] | None = None,
) -> FactSpec:
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"fact {name}: unknown kinds {sorted(unknown)}")
    return FactSpec(
        name, type_, label[0], label[1], help_[0], help_[1], frozenset(kinds), dict(choices or {})
    )


_INT_HELPER = fact("_int", "int", ("整数", "integer"), ("", ""), ())

ALL_KINDS = tuple(KINDS)
# A person's own facts are the same whether the person applies, is hired or is an intern.
PERSON_LIKE = ("person", "hire", "intern")

# ------------------------------------------------------------------------------ facts shared by measures
# Facts read by more than one measure are declared here; a measure's own facts live in its module.

APPLICATION_DATE = fact(
    "application_date", "date", ("申请日期", "application date"),
    ("申请补贴的日期；未给出 --as-of 时作为计算日期", "date of application; the evaluation date unless --as-of"),
    ALL_KINDS,
)  # fmt: skip
IS_TIANJIN_FULLTIME_STUDENT = fact(
    "tianjin_fulltime_student", "bool", ("本市全日制高校在校生", "full-time student at a Tianjin university"),
    ("附件2 重点创业人群之一", "one of the key entrepreneur groups (附件2)"), ("person",),
)  # fmt: skip
GRADUATION_DATE = fact(
    "graduation_date", "date", ("高校毕业日期", "university graduation date"),
    ("用于判断“毕业5年内”等条件", "used for 'graduated within 5 years' and similar conditions"),
    PERSON_LIKE,
)  # fmt: skip
HAIHE_TALENT_SETTLED_DATE = fact(
    "haihe_talent_settled_date", "date", ("“海河英才”落户日期", "Haihe Talent settlement date"),
    ("以“海河英才”落户的日期；未落户填“否”请用 haihe_talent 字段", "date settled under the Haihe Talent plan"),
    ("person",),
)  # fmt: skip
IS_HAIHE_TALENT = fact(
    "haihe_talent", "bool", ("是否“海河英才”落户", "settled as Haihe Talent"),
    ("否 表示未以“海河英才”落户；是 时需同时填落户日期", "no = not settled under Haihe Talent"),
    ("person",),
)  # fmt: skip
IS_UNIVERSITY_GRADUATE = fact(
    "university_graduate", "bool", ("是否高校毕业生", "university graduate"),
    ("否 表示没有高校学历；是 时需同时填毕业日期", "no = holds no university degree"), PERSON_LIKE,
)  # fmt: skip
IS_SMALL_MICRO = fact(
    "small_micro_enterprise", "bool", ("是否小微企业", "small or micro enterprise"),
    ("按国家中小企业划型标准", "by the national SME classification"), ("enterprise", "hire"),
)  # fmt: skip
JOBS_CREATED = fact(
    "jobs_created", "int", ("带动就业人数", "jobs created"),
    ("创业带动就业的人数（不含创业者本人）", "people employed by the new business, founder excluded"),
    ("person", "enterprise"),
)  # fmt: skip
REGISTRATION_DATE = fact(
    "registration_date", "date", ("注册日期", "registration date"),
    ("企业或个体工商户的注册（登记）日期", "registration date of the firm or sole proprietorship"),
    ("person", "enterprise"),
)  # fmt: skip
REGISTERED_IN_HEPING = fact(
    "registered_in_heping", "bool", ("是否在本区注册", "registered in Heping District"),
    ("创办的企业或个体工商户是否在和平区注册", "whether the business is registered in Heping"),
    ("person", "enterprise"),
)  # fmt: skip

SEX = fact(
    "sex", "choice", ("性别", "sex"), ("男 male / 女 female", "male (男) or female (女)"),
    PERSON_LIKE, choices={"male": ("男", "male"), "female": ("女", "female")},
)  # fmt: skip
BIRTH_DATE = fact(
    "birth_date", "date", ("出生日期", "date of birth"),
    ("用于年龄和法定退休年龄", "for ages and the statutory retirement age"), PERSON_LIKE,
)  # fmt: skip
ORIGINAL_RETIREMENT_AGE = fact(
    "original_retirement_age", "int", ("原法定退休年龄（女）", "original statutory retirement age (women)"),
    ("女职工原退休年龄 50 或 55 岁（男性不填）", "50 or 55 for women under the pre-2025 rules; blank for men"),
    PERSON_LIKE,
)  # fmt: skip
TIANJIN_HUKOU = fact(
    "tianjin_hukou", "bool", ("是否本市户籍", "Tianjin household registration"), ("", ""), PERSON_LIKE,
)  # fmt: skip
REGISTERED_UNEMPLOYED_SINCE = fact(
    "registered_unemployed_since", "date", ("登记失业日期", "registered unemployed since"),
    ("办理失业登记的日期；未登记失业请留空并填 registered_unemployed=否", "date of unemployment registration"),
    PERSON_LIKE,
)  # fmt: skip
REGISTERED_UNEMPLOYED = fact(
    "registered_unemployed", "bool", ("是否登记失业", "registered unemployed"),
    ("填了登记失业日期即视为已登记；填“否”又有日期属于矛盾，无法判断",
     "a registration date means registered; 'no' together with a date is a contradiction (cannot decide)"),
    PERSON_LIKE,
)  # fmt: skip
DIFFICULTY_PERSON = fact(
    "employment_difficulty", "bool", ("是否认定为就业困难人员", "certified as having employment difficulty"),
    ("经人社部门认定的就业困难人员", "certified 就业困难人员"), PERSON_LIKE,
)  # fmt: skip
ZERO_EMPLOYMENT_FAMILY = fact(
    "zero_employment_family", "bool", ("零就业家庭人员", "member of a zero-employment family"),
    ("附件2 特殊就业困难人员之一", "one of the 特殊就业困难人员 categories (附件2)"), PERSON_LIKE,
)  # fmt: skip
SINGLE_PARENT_FAMILY = fact(
    "single_parent_family", "bool", ("单亲家庭人员", "single-parent family"),
    ("附件2 特殊就业困难人员之一", "one of the 特殊就业困难人员 categories (附件2)"), PERSON_LIKE,
)  # fmt: skip
SUBSISTENCE_FAMILY = fact(
    "subsistence_allowance_family", "bool", ("低保家庭人员", "family on the minimum subsistence allowance"),
    ("附件2 特殊就业困难人员之一", "one of the 特殊就业困难人员 categories (附件2)"), PERSON_LIKE,
)  # fmt: skip
SUPPORTS_SERIOUSLY_ILL = fact(
    "supports_seriously_ill_relative", "bool", ("需赡养患重大疾病直系亲属", "supports a seriously ill close relative"),
    ("附件2 特殊就业困难人员之一", "one of the 特殊就业困难人员 categories (附件2)"), PERSON_LIKE,
)  # fmt: skip
RURAL_LABOUR = fact(
    "rural_labour", "bool", ("是否农村劳动力", "rural labour"), ("", ""), PERSON_LIKE,
)  # fmt: skip
POOR_VILLAGE_LABOUR = fact(
    "poor_village_labour", "bool", ("是否困难村劳动力", "labour from a designated poor village"), ("", ""), PERSON_LIKE,
)  # fmt: skip
POVERTY_REGISTERED = fact(
    "poverty_registered_labour", "bool", ("是否建档立卡贫困劳动力", "registered poor labour (建档立卡)"), ("", ""),
    PERSON_LIKE,
)  # fmt: skip

COMMON_FACTS: tuple[FactSpec, ...] = (
    APPLICATION_DATE,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    GRADUATION_DATE,
    IS_HAIHE_TALENT,
    HAIHE_TALENT_SETTLED_DATE,
    IS_SMALL_MICRO,
    JOBS_CREATED,
    REGISTRATION_DATE,
    REGISTERED_IN_HEPING,
    SEX,
    BIRTH_DATE,
    ORIGINAL_RETIREMENT_AGE,
    TIANJIN_HUKOU,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    DIFFICULTY_PERSON,
    ZERO_EMPLOYMENT_FAMILY,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
    RURAL_LABOUR,
    POOR_VILLAGE_LABOUR,
    POVERTY_REGISTERED,
)


class Facts:
    """An applicant's validated facts. A fact that was not given reads as ``None`` (missing), never 0."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def __repr__(self) -> str:
        return f"Facts({self.values!r})"
