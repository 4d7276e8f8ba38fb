"""第十三条（加大创业培训力度）创业培训补贴 — 附件1 序号34 (责任部门：区人社局)

  对参加创业培训并取得结业证书的，按照每人500元的标准，给予创业培训机构培训费补贴。对参加培训后半年内
  成功创业的，按照每人1000元的标准，再给予创业培训机构创业成功补贴。对已成功创业人员参加改善和扩大企业
  培训并取得培训结业证书的，按照每人1500元的标准，给予创业培训机构培训费补贴。

Paid to the training provider (kind ``training_provider``) from three head counts. "再给予" adds the
success subsidy on top of the training-fee subsidy; by ``startup_training.success_requires_certificate``
a success counts only for a certified trainee, so at most as many successes as certificates are paid;
with ``false`` every success counts, certified or not. The provider is eligible when at least one head is
paid for under the reading in force. The half-year window ("培训后半年内") is not a parameter: a row is a
provider's head counts, not each trainee's dates, so the rule cannot apply it. The count
``startup_training_succeeded`` must already respect it (its help says so), and the arithmetic quotes the
text's words, not a number the rule did not use.
"""

from __future__ import annotations

from decimal import Decimal

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Measure, Message, Outcome, Status

CERTIFIED = fact(
    "startup_training_certified", "int", ("创业培训取得结业证书人数", "start-up trainees certified"),
    ("参加创业培训并取得结业证书的人数", "trainees who completed start-up training with a certificate"),
    ("training_provider",),
)  # fmt: skip
SUCCEEDED = fact(
    "startup_training_succeeded", "int", ("培训后半年内成功创业人数", "trainees who started a business within half a year"),
    ("参加创业培训后半年内成功创业的人数：只计培训结业后半年内成功创业（注册企业或个体工商户）的学员，"
     "由申请方按各学员的结业日期和创业日期核实后填写——本工具只有人数，不核对日期",
     "trainees who started a business (registered a firm or sole proprietorship) within half a year of the "
     "training: count only those, checked against each trainee's completion and start-up dates — the tool has "
     "the count only and cannot check the dates"),
    ("training_provider",),
)  # fmt: skip
IMPROVEMENT_CERTIFIED = fact(
    "improvement_training_certified", "int", ("改善和扩大企业培训结业人数", "business-improvement trainees certified"),
    ("已成功创业人员参加改善和扩大企业培训并取得结业证书的人数", "existing founders certified in the "
     "improve-and-expand-your-business course"),
    ("training_provider",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "counts_known": ("培训人数", "trainee counts"),
    "has_trainees": (
        "有可补贴的学员：创业培训结业 {certified} 人，计补贴的创业成功 {succeeded} 人，改善和扩大企业培训结业 {improvement} 人",
        "some trainees to pay for: {certified} certified in start-up training, {succeeded} successes counted, "
        "{improvement} certified in business improvement",
    ),
    "arith.certified": (
        "创业培训费补贴 {certified} 人 × {rate} 元 = {amount} 元",
        "start-up training fee {certified} × {rate} yuan = {amount} yuan",
    ),
    "arith.success": (
        "创业成功补贴（培训后半年内成功创业，按申请方核实的人数）{succeeded} 人 × {rate} 元 = {amount} 元",
        "start-up success subsidy (started within half a year of training, as counted by the applicant) "
        "{succeeded} × {rate} yuan = {amount} yuan",
    ),
    "arith.improvement": (
        "改善和扩大企业培训费补贴 {improvement} 人 × {rate} 元 = {amount} 元",
        "business-improvement training fee {improvement} × {rate} yuan = {amount} yuan",
    ),
    "arith.total": ("合计 {amount} 元", "total {amount} yuan"),
    "note.success_capped": (
        "成功创业 {succeeded} 人多于取得结业证书的 {certified} 人：创业成功补贴只计取得证书的学员",
        "{succeeded} successes but {certified} certificates: the success subsidy counts certified trainees only",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    certified: int | None = ev.fact("startup_training_certified")
    succeeded: int | None = ev.fact("startup_training_succeeded")
    improvement: int | None = ev.fact("improvement_training_certified")
    if certified is None or succeeded is None or improvement is None:
        missing = tuple(
            n
            for n, v in (
                ("startup_training_certified", certified),
                ("startup_training_succeeded", succeeded),
                ("improvement_training_certified", improvement),
            )
            if v is None
        )
        ev.check("counts_known", None, missing=missing)
        return ev.outcome(Status.CANNOT_DECIDE)
    caps: list[Cap] = []
    notes: list[Message] = []
    paid_successes = succeeded
    if ev.flag("startup_training.success_requires_certificate"):
        bound = succeeded > certified
        caps.append(Cap("startup_training.success_requires_certificate", certified, succeeded, bound))
        if bound:
            paid_successes = certified
            notes.append(Message("note.success_capped", {"succeeded": succeeded, "certified": certified}))
    ev.check(
        "has_trainees",
        certified + paid_successes + improvement > 0,
        certified=certified,
        succeeded=paid_successes,
        improvement=improvement,
    )
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled

    rate = ev.dec("startup_training.certified_per_person")
    success_rate = ev.dec("startup_training.success_per_person")
    improvement_rate = ev.dec("startup_training.improvement_per_person")
    parts = (certified * rate, paid_successes * success_rate, improvement * improvement_rate)
    amount = to_fen(sum(parts, Decimal(0)))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="training_provider",
        caps=caps,
        arithmetic=[
            Message("arith.certified", {"certified": certified, "rate": rate, "amount": parts[0]}),
            Message(
                "arith.success",
                {"succeeded": paid_successes, "rate": success_rate, "amount": parts[1]},
            ),
            Message(
                "arith.improvement",
                {"improvement": improvement, "rate": improvement_rate, "amount": parts[2]},
            ),
            Message("arith.total", {"amount": amount}),
        ],
        notes=notes,
        extra={"training_fee": parts[0], "success_subsidy": parts[1], "improvement_fee": parts[2]},
    )


MEASURE = Measure(
    id="startup_training",
    name_zh="创业培训补贴",
    name_en="start-up training subsidies",
    article="十三",
    tasks=(34,),
    department="区人社局",
    kinds=frozenset({"training_provider"}),
    facts=(APPLICATION_DATE, CERTIFIED, SUCCEEDED, IMPROVEMENT_CERTIFIED),
    evaluate=evaluate,
    messages=MESSAGES,
)
