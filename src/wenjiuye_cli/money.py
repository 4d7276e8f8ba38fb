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
    # Exactly as written, without the context's 28-digit rounding (quantize and normalize would round,
    # or fail, for a value of more digits).
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def shown_number(value: Decimal | int) -> str:
    """A number as an error message shows it: :func:`fmt_number` for a number of reasonable size,
    otherwise its short scientific form (``1E+400``), so a message never grows with the value."""
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else f"{Decimal(value):.6E}"
        return text
    if value.is_finite() and -40 < value.adjusted() < 40 and len(value.as_tuple().digits) < 60:
        return fmt_number(value)
    return str(value)[:60]


def fmt_money(amount: Decimal) -> str:
    """Amount as shown in JSON/CSV: always two decimals, e.g. ``"2500.00"``."""
    return f"{to_fen(amount):f}"


def fmt_percent(ratio: Decimal) -> str:
    return f"{fmt_number(ratio * 100)}%"
