"""`wenjiuye batch` with every rule replaced by a constant outcome: what the pipeline around the rules costs.

    python benchmarks/without_rules.py batch applicants.csv -o out.csv -q

Everything else is the real command: start-up, decoding, CSV parsing, validation of every cell, the
evaluation date of every row, one outcome per measure of the row's kind (so the output has the same
columns filled and the summary the same lines), CSV output with the formula guard, the rejects, the
atomic rename. Only the measures' rules are skipped; every outcome is ``ineligible`` with no amount.

This is for measurement only (`run.py --without-rules`): it shows how much of the issue's time budget
the rules could have, whatever their speed. Use it with ``--jobs 1``: it patches this process only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from wenjiuye_cli import batch, engine
from wenjiuye_cli.engine import Applicant
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.policy import Policy

_ZERO = Decimal(0)


def outcomes_without_rules(
    applicant: Applicant,
    policy: Policy,
    as_of: date | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
    lean: bool = False,
    parameters_used: bool = True,
) -> engine.ApplicantResult:
    """The shape of ``engine.evaluate``'s answer, without evaluating anything."""
    on, source = engine.evaluation_date(applicant, as_of, today or date.today())
    outcomes = [Outcome(m.id, Status.INELIGIBLE) for m in engine.measures_for_kind(applicant.kind)]
    return engine.ApplicantResult(applicant, on, source, outcomes, _ZERO, _ZERO)


if __name__ == "__main__":
    batch.evaluate = outcomes_without_rules  # type: ignore[attr-defined]  # the name batch.py calls per row
    from wenjiuye_cli.cli import main

    main()
