"""What the other reading of an ambiguous word would give: one measure evaluated again with one parameter
read otherwise, reported as a note ("按另一种理解（…）：可得 … 元").

Where the district text is ambiguous, the chosen reading is a parameter (with its ``interpretation`` in
policy.toml) and the other reading is one ``--set`` away. :func:`with_other_reading` wraps a measure's
rule so that, for an applicant the choice matters to, the outcome also says what the other reading gives:
the rule is run a second time in a scratch evaluation whose parameter ``key`` reads ``other``. Neither
the parameters that run reads nor the facts it finds missing count as the outcome's own: they decide a
note, not the status or the amount (so the outcome's parameters and missing facts stay those of the chosen
reading, the same as a lean evaluation reports). An evaluation that outputs only statuses and amounts
(:class:`LeanEvaluation`) shows no notes and skips the second run.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

MESSAGES: dict[str, tuple[str, str]] = {
    "note.other_reading": (
        "按另一种理解（{reading}；--set {key}={value}）：{result}",
        "under the other reading ({reading}; --set {key}={value}): {result}",
    ),
    "other.amount": ("可得 {amount} 元", "{amount} yuan"),
    "other.maximum": ("最高 {amount} 元", "up to {amount} yuan"),
    "other.ineligible": ("不符合", "not eligible"),
    "other.cannot_decide": ("无法判断，还需 {missing}", "cannot decide; also needs {missing}"),
    "other.set_elsewhere": ("符合，金额按其他标准", "eligible, the amount set by another standard"),
}
