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
        value = facts.get(name)
        return Tri(None, (name,)) if value is None else Tri(bool(value))

    def __invert__(self) -> Tri:
        return self if self.value is None else Tri(not self.value)


def _merge(items: Iterable[Tri]) -> tuple[str, ...]:
    names: list[str] = []
    for item in items:
        if item.value is None:
            names.extend(n for n in item.missing if n not in names)
    return tuple(names)


def tri_all(*items: Tri) -> Tri:
    value = all3(i.value for i in items)
    return Tri(value, _merge(items) if value is None else ())


def tri_any(*items: Tri) -> Tri:
    value = any3(i.value for i in items)
    return Tri(value, _merge(items) if value is None else ())
