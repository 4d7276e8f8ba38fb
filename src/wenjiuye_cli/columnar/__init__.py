"""The columnar engine: every measure as polars expressions, evaluated over a frame of applicants.

Every measure's rule (:mod:`wenjiuye_cli.rules`) is evaluated here, and only here: ``batch`` over chunks of
a list, ``calc``, ``compare`` and ``sweep`` of a scenario file through :mod:`.applicants`.

* :mod:`.schema` — the typed frame a reader must hand over (the contract for ``wenjiuye_cli.io``);
* :mod:`.expr` — the small layer rules are written in (facts, ``Params.param``, dates, money);
* :mod:`.rule` — what a rule declares (``cond``, ``Read``, ``Settle``, ``Exit``, ``msg``);
* :mod:`.evaluate` — :func:`~wenjiuye_cli.columnar.evaluate.evaluate_frame`;
* :mod:`.render` — explained rows back into today's :class:`~wenjiuye_cli.outcome.Outcome`, so today's
  renderers give today's words.

Writing a rule: ``wenjiuye_cli/rules/<measure id>.py`` opens with the clause it implements and defines
``declare(p: Params) -> Rule``: the steps in the order the clause looks at them, the amounts, and
the messages with the measure's own codes. Materialise with ``Scope.stage`` any intermediate used twice.

An outcome also carries ``extra`` (end dates and reasons, first months, per-firm lists: ``Rule.extra``)
and ``parameters_used`` (:mod:`.trace`: the keys the steps the row reached read). Two assumptions: a fact
named missing at a later step is named at its first step too (missing facts are listed in first-named
order), and the parameters a condition reads are in force on every day the policy is (the rent subsidy's
monthly rates, read on months that may precede the policy, do handle a missing value).
"""
