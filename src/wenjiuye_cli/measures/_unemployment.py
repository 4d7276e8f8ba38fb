"""Registered unemployment (登记失业), read the same way by every measure that asks for it.

Two facts describe it: ``registered_unemployed`` (yes/no) and ``registered_unemployed_since`` (the date of
registration). One reading, used by 第十条 (序号29 一次性吸纳就业补贴), 第十四条 (序号36 一次性创业补贴)
and 第二十八条 (序号61 一次性临时生活补助):

* a registration date means the person is registered (since that day), whether or not
  ``registered_unemployed`` is filled in;
* ``registered_unemployed = no`` without a date means not registered;
* ``registered_unemployed = yes`` without a date means registered, since an unknown day (a measure that
  needs the duration asks for the date);
* ``registered_unemployed = no`` together with a date contradicts itself: the measure cannot decide and
  says which two facts disagree (neither is "missing", so neither is listed as a missing fact).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wenjiuye_cli.facts import Facts

REGISTERED = "registered_unemployed"
SINCE = "registered_unemployed_since"

MESSAGES: dict[str, tuple[str, str]] = {
    "unemployment.contradiction": (
        "登记失业信息矛盾：registered_unemployed（是否登记失业）填“否”，registered_unemployed_since（登记失业日期）"
        "却填了 {since}；请更正其中一项",
        "registered unemployment is contradictory: registered_unemployed is 'no' but registered_unemployed_since "
        "gives {since}; correct one of them",
    ),
}


@dataclass(frozen=True, slots=True)
class Registration:
    """Whether the person is registered unemployed and since when.

    ``registered`` is None when unknown or contradictory; ``contradiction`` tells the two apart.
    """

    registered: bool | None
    since: date | None
    contradiction: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        """Facts that would settle ``registered`` (none for a contradiction: both were given)."""
        return () if self.registered is not None or self.contradiction else (REGISTERED,)


def registration(facts: Facts) -> Registration:
    """The one reading of the two facts (see the module docstring)."""
    flag: bool | None = facts.get(REGISTERED)
    since: date | None = facts.get(SINCE)
    if since is not None:
        if flag is False:
            return Registration(None, since, contradiction=True)
        return Registration(True, since)
    return Registration(flag, None)
