"""Facts shared by the 第二十条 (序号46–47) training measures."""

from __future__ import annotations

from wenjiuye_cli.facts import fact

SKILLS_TRAINING_COMPLETED_DATE = fact(
    "skills_training_completed_date", "date", ("职业技能培训结业日期", "vocational training completed on"),
    ("参加职业技能培训并结业（合格）的日期", "date the vocational skills training was completed (passed)"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "training_completed": (
        "参加职业技能培训并结业：{completed}（计算日 {on}）",
        "completed vocational skills training on {completed} (evaluated {on})",
    ),
}
