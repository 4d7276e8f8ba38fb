"""Turning stored explanations (message code + arguments) into sentences, in Chinese or English."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from wenjiuye_cli.engine import messages_for
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import COMPARISON_SYMBOLS, Label, LazyLabel, Measure, Message

LANGS = ("zh", "en")

# Words every measure may use; a measure's own catalog wins over these.
GENERIC_MESSAGES: dict[str, tuple[str, str]] = {
    "end_reason.duration": ("期限届满", "the duration limit"),
    "end_reason.retirement": ("达到法定退休年龄", "statutory retirement age"),
    "end_reason.policy_end": ("政策有效期届满", "the end of the policy"),
    "end_reason.period_end": ("见习期结束", "the end of the internship"),
}


def catalog_for(measure: Measure | None) -> dict[str, tuple[str, str]]:
    return {**GENERIC_MESSAGES, **messages_for(measure)}


def format_arg(value: Any, lang: str) -> str:
    if value is None:
        return "?" if lang == "en" else "未知"
    if isinstance(value, Label | LazyLabel):
        return value.text(lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, Decimal | int):
        return fmt_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Unknown(dict[str, str]):
    """Placeholders whose argument was not recorded (a fact was missing) read as unknown, not as ``{x}``."""

    def __init__(self, values: dict[str, str], lang: str) -> None:
        super().__init__(values)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        return format_arg(None, self.lang)


def render(code: str, args: Mapping[str, Any], measure: Measure | None, lang: str) -> str:
    """Render a message. A string argument naming another message is rendered as that message, with the
    same arguments minus itself, so nesting always ends."""
    catalog = catalog_for(measure)
    template = catalog.get(code)
    if template is None:
        return code
    text = template[0] if lang == "zh" else template[1]
    values: dict[str, str] = {}
    for name, value in args.items():
        if isinstance(value, str) and value in catalog and value != code:
            rest = {k: v for k, v in args.items() if k != name}
            values[name] = render(value, rest, measure, lang)
        elif isinstance(value, str) and value in COMPARISON_SYMBOLS:
            values[name] = COMPARISON_SYMBOLS[value]
        elif isinstance(value, str) and value in KINDS:
            values[name] = KINDS[value][0 if lang == "zh" else 1]
        else:
            values[name] = format_arg(value, lang)
    return text.format_map(_Unknown(values, lang))


def render_message(message: Message, measure: Measure | None, lang: str) -> str:
    return render(message.code, message.args, measure, lang)
