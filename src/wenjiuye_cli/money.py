"""Money and ratio helpers. Everything is ``Decimal``; rounding happens only where a payment is made."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal(0)


def to_fen(amount: Decimal) -> Decimal:
    """Round half-up to the fen (0.01 yuan): the unit in which a subsidy is paid."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def fmt_number(value: Decimal | int) -> str:
    """Plain decimal notation without exponent or trailing zeros: 2500, 0.055, 1234.5."""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def fmt_money(amount: Decimal) -> str:
    """Amount as shown in JSON/CSV: always two decimals, e.g. ``"2500.00"``."""
    return f"{to_fen(amount):f}"


def fmt_percent(ratio: Decimal) -> str:
    return f"{fmt_number(ratio * 100)}%"
