"""The 32 articles of the policy with their task-list numbers (附件1 序号) and departments (责任部门).

This is the table of contents ``wenjiuye measures`` shows; whether an article is computed is read from
the measure registry, never kept here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The units named as 责任部门, for tables shown with --lang en. Data (JSON, CSV) keeps the Chinese text,
# which is how the policy names them and what the totals by department are keyed on.
UNITS_EN: dict[str, str] = {
    "区人社局": "District Human Resources and Social Security Bureau",
    "区税务局": "District Tax Bureau",
    "社险和平分中心": "Social Insurance Centre, Heping Branch",
    "区金融局": "District Financial Work Bureau",
    "区财政局": "District Finance Bureau",
    "区楼宇办": "District Commercial Buildings Office",
    "区科技局": "District Science and Technology Bureau",
    "区商务局": "District Commerce Bureau",
    "区发展改革委": "District Development and Reform Commission",
    "区文化和旅游局": "District Culture and Tourism Bureau",
    "五大道管委会": "Wudadao Area Administrative Committee",
    "区总工会": "District Federation of Trade Unions",
    "区国资委": "District State-owned Assets Supervision and Administration Commission",
    "区民政局": "District Civil Affairs Bureau",
    "区市场监管局": "District Market Regulation Bureau",
    "区教育局": "District Education Bureau",
    "区卫生健康委": "District Health Commission",
    "区退役军人局": "District Veterans Affairs Bureau",
    "区残联": "District Disabled Persons' Federation",
    "各街道": "the sub-district offices",
    "区就业工作领导小组各成员单位": "member units of the District Employment Leading Group",
    "区融媒体中心": "District Media Centre",
}


_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def article_number(numeral: str) -> int:
    """一 → 1, 十五 → 15, 三十二 → 32: the article numbers of the policy (1..99)."""
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return _DIGITS[numeral]
    return 10 * (_DIGITS[tens] if tens else 1) + (_DIGITS[units] if units else 0)


def citation(article: str, tasks: Iterable[int], lang: str) -> str:
    """第十五条/37 for Chinese readers, art. 15/37 for English ones (article, then 附件1 task numbers)."""
    numbers = ",".join(map(str, tasks))
    return f"第{article}条/{numbers}" if lang == "zh" else f"art. {article_number(article)}/{numbers}"


def department_label(department: str, lang: str) -> str:
    """The 责任部门 text as the user reads it: as written, or each unit in English (``; ``-separated)."""
    if lang == "zh":
        return department
    return "; ".join(UNITS_EN.get(unit, unit) for unit in department.split("、"))


@dataclass(frozen=True)
class Article:
    number: str
    title_zh: str
    title_en: str
    tasks: tuple[int, ...]
    department: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


ARTICLES: tuple[Article, ...] = (
    Article("一", "落实援企稳岗政策", "Help firms keep jobs", (1, 2, 3), "区人社局、区税务局、社险和平分中心"),
    Article("二", "加强对企业金融支持", "Financial support for firms", (4, 5, 6, 7), "区金融局、区财政局"),
    Article("三", "加大招商引企力度", "Attract investment and firms", (8, 9, 10, 11),
            "区楼宇办、区科技局、区商务局、区金融局、区发展改革委、区人社局、区文化和旅游局、五大道管委会"),
    Article("四", "规范企业裁员行为", "Regulate layoffs", (12, 13, 14), "区人社局、区总工会、区国资委"),
    Article("五", "挖掘内需带动就业", "Jobs from domestic demand", (15, 16, 17),
            "区民政局、区文化和旅游局、区发展改革委"),
    Article("六", "加大投资创造就业", "Jobs from investment", (18, 19, 20), "区发展改革委、区科技局"),
    Article("七", "稳定外贸扩大就业", "Jobs from foreign trade", (21, 22, 23, 24), "区税务局、区市场监管局"),
    Article("八", "培育壮大新动能拓展就业空间", "New industries", (25, 26), "区科技局"),
    Article("九", "鼓励青年群体基层就业", "Young people in grassroots jobs; internships", (27, 28),
            "区人社局、区教育局、区卫生健康委"),
    Article("十", "鼓励企业吸纳就业", "Hiring subsidies for firms", (29, 30), "区人社局"),
    Article("十一", "支持劳动者灵活就业", "Flexible employment", (31,), "区人社局"),
    Article("十二", "加强托底安置就业", "Last-resort placements and public-welfare posts", (32, 33), "区人社局"),
    Article("十三", "加大创业培训力度", "Entrepreneurship training", (34,), "区人社局"),
    Article("十四", "给予首次创业补贴", "First-time founders", (35, 36), "区人社局"),
    Article("十五", "给予创业房租补贴", "Start-up rent subsidy", (37,), "区人社局"),
    Article("十六", "支持创业孵化载体建设", "Business incubators", (38, 39), "区人社局"),
    Article("十七", "加大创业担保贷款支持力度", "Guaranteed start-up loans", (40, 41), "区人社局"),
    Article("十八", "支持参加多层次创业大赛", "Start-up competitions", (42, 43), "区人社局"),
    Article("十九", "大力推进职业技能提升行动", "Vocational skills upgrading", (44, 45), "区人社局"),
    Article("二十", "开展重点群体就业技能培训", "Skills training for key groups", (46, 47),
            "区人社局、区退役军人局、区残联"),
    Article("二十一", "加强职业培训载体建设", "Training centres", (48, 49, 50), "区人社局、区总工会"),
    Article("二十二", "优化就失业登记服务", "Employment and unemployment registration", (51, 52), "区人社局"),
    Article("二十三", "提供多形式职业介绍服务", "Job-placement services", (53, 54, 55, 56), "区人社局"),
    Article("二十四", "落实重点企业用工输送奖励政策", "Rewards for supplying workers", (57,), "区人社局"),
    Article("二十五", "提供全面公共就业服务", "Public employment services", (58,), "区人社局"),
    Article("二十六", "进一步加强困难群体就业帮扶", "Help for groups in difficulty", (59,), "区人社局"),
    Article("二十七", "充分发挥失业保险作用", "Unemployment insurance", (60,), "区人社局"),
    Article("二十八", "做好困难人员生活保障", "Living support for people in hardship", (61, 62, 63, 64),
            "区人社局、区民政局、各街道"),
    Article("二十九", "落实稳就业工作责任", "Responsibility for stabilising employment", (65,),
            "区就业工作领导小组各成员单位"),
    Article("三十", "加强稳就业资金保障", "Funding", (66,), "区财政局、区就业工作领导小组各成员单位"),
    Article("三十一", "强化就业监测和应急处置", "Monitoring and emergency response", (67,),
            "区就业工作领导小组各成员单位"),
    Article("三十二", "营造稳就业良好氛围", "Publicity", (68,), "区就业工作领导小组各成员单位、区融媒体中心"),
)  # fmt: skip
