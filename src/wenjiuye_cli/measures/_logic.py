"""Three-valued logic for conditions whose facts may be missing: True, False or None (unknown)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wenjiuye_cli.facts import Facts


def any3(values: Iterable[bool | None]) -> bool | None:
    """True if any is True; False if all are False; otherwise unknown."""
    seen_unknown = False
    for value in values:
        if value is True:
            return True
        if value is None:
            seen_unknown = True
    return None if seen_unknown else False


def all3(values: Iterable[bool | None]) -> bool | None:
    """False if any is False; True if all are True; otherwise unknown."""
    seen_unknown = False
    for value in values:
        if value is False:
            return False
        if value is None:
            seen_unknown = True
    return None if seen_unknown else True


def at_least(value: int | None, limit: int) -> bool | None:
    return None if value is None else value >= limit


@dataclass(frozen=True, slots=True)
class Tri:
    """A three-valued result with the facts that would settle it when unknown."""

    value: bool | None
    missing: tuple[str, ...] = ()

    @staticmethod
    def of(facts: Facts, name: str) -> Tri:
        """A boolean fact: its value, or unknown naming the fact."""
        value = facts.values.get(name)
        if value is None:
            return Tri(None, (name,))
        return TRUE if value else FALSE

    def __invert__(self) -> Tri:
        value = self.value
        return self if value is None else (TRUE if not value else FALSE)


# Settled results carry no missing facts, so two instances serve them all (these run for every row).
TRUE = Tri(True)
FALSE = Tri(False)


def _merge(items: Iterable[Tri]) -> tuple[str, ...]:
    names: list[str] = []
    for item in items:
        if item.value is None:
            names.extend(n for n in item.missing if n not in names)
    return tuple(names)


def tri_all(*items: Tri) -> Tri:
    """False if any is False; True if all are True; otherwise unknown, naming the facts missing."""
    unknown = False
    for item in items:
        value = item.value
        if value is False:
            return FALSE
        if value is None:
            unknown = True
    return Tri(None, _merge(items)) if unknown else TRUE


def tri_any(*items: Tri) -> Tri:
    """True if any is True; False if all are False; otherwise unknown, naming the facts missing."""
    unknown = False
    for item in items:
        value = item.value
        if value is True:
            return TRUE
        if value is None:
            unknown = True
    return Tri(None, _merge(items)) if unknown else FALSE
