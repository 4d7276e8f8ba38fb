"""Alternative sets of conditions ("…的；对…的，给予…"): the first set that holds decides.

Each branch records its conditions in a :class:`Branch` instead of the evaluation; :func:`settle` then
copies into the evaluation only what explains the result, so an outcome never shows a failed condition
next to an ``eligible`` status:

* some branch holds → its conditions (all passed), plus the ``branch`` condition naming it;
* none holds but some cannot be decided → the undecided branches' conditions (the failed ones are named
  in a note);
* all fail → every branch's conditions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wenjiuye_cli.outcome import Evaluation, Message, Status

MESSAGES: dict[str, tuple[str, str]] = {
    "branch": ("适用：{which}", "applies: {which}"),
    "note.branch_failed": ("不符合：{which}", "not met: {which}"),
    "note.branch_also": (
        "同时符合：{which}（只补一次，不重复计算）",
        "also met: {which} (paid once, not counted twice)",
    ),
}


@dataclass
class Branch:
    """One set of conditions; ``code`` is a message code naming it."""

    code: str
    items: list[tuple[str, bool | None, tuple[str, ...], dict[str, Any]]] = field(default_factory=list)

    def check(
        self, code: str, result: bool | None, missing: tuple[str, ...] = (), **args: Any
    ) -> bool | None:
        self.items.append((code, result, missing if result is None else (), args))
        return result

    def verdict(self) -> bool | None:
        """False if a condition failed, None if one is unknown, True if all passed."""
        results = [item[1] for item in self.items]
        if any(r is False for r in results):
            return False
        if any(r is None for r in results):
            return None
        return True

    def record(self, ev: Evaluation) -> None:
        for code, result, missing, args in self.items:
            ev.check(code, result, missing=missing, **args)


def settle(ev: Evaluation, branches: list[Branch]) -> tuple[Status | None, Branch | None, list[Message]]:
    """Record the explaining conditions; return (None, the branch that holds, notes) or (status, None, notes)."""
    holding = [b for b in branches if b.verdict() is True]
    if holding:
        chosen = holding[0]
        chosen.record(ev)
        ev.check("branch", True, which=chosen.code)
        notes = [Message("note.branch_also", {"which": b.code}) for b in holding[1:]]
        return None, chosen, notes
    undecided = [b for b in branches if b.verdict() is None]
    if undecided:
        for branch in undecided:
            branch.record(ev)
        failed = [Message("note.branch_failed", {"which": b.code}) for b in branches if b.verdict() is False]
        return Status.CANNOT_DECIDE, None, failed
    for branch in branches:
        branch.record(ev)
    return Status.INELIGIBLE, None, []
