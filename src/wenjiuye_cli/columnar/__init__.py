"""The columnar engine: every measure as polars expressions, evaluated over a frame of applicants.

Migration in progress (issue 12): the measures with a module in :mod:`wenjiuye_cli.rules` are evaluated
here and held to the scalar engine by ``tests/columnar/test_differential.py``; the others still run only
in ``wenjiuye_cli.engine``. ``calc``, ``compare`` and ``sweep`` of a scenario file evaluate through
:mod:`.applicants`; ``batch`` does not yet.

* :mod:`.schema` — the typed frame a reader must hand over (the contract for ``wenjiuye_cli.io``);
* :mod:`.expr` — the small layer rules are written in (facts, ``Params.param``, dates, money);
* :mod:`.rule` — what a rule declares (``cond``, ``Read``, ``Settle``, ``Exit``, ``msg``);
* :mod:`.evaluate` — :func:`~wenjiuye_cli.columnar.evaluate.evaluate_frame`;
* :mod:`.render` — explained rows back into today's :class:`~wenjiuye_cli.outcome.Outcome`, so today's
  renderers give today's words.

Writing a rule: ``wenjiuye_cli/rules/<measure id>.py`` opens with the clause it implements and defines
``declare(p: Params) -> Rule``: the steps in the order the scalar rule looks at them, the amounts, and
the messages with the measure's own codes. Materialise with ``Scope.stage`` any intermediate used twice.

Not yet produced (the scalar outcome has them): ``parameters_used`` (what-if comparisons re-evaluate on
them) and ``extra`` (end reasons, first month, per-firm lists). Two assumptions, both asserted by the
differential test for every migrated rule: a fact named missing at a later step is named at its first step
too (missing facts are listed in first-named order), and the parameters a condition reads are in force on
every day the policy is (a parameter without a value mid-policy would make the condition unknown, where the
scalar rule stops with a ``param_not_in_force`` note; the rent subsidy's monthly rates, read on months that
may precede the policy, do handle it).
"""
