"""Turning stored explanations (message code + arguments) into sentences, in Chinese or English."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from wenjiuye_cli.engine import messages_for
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import COMPARISON_SYMBOLS, Label, Measure, Message

LANGS = ("zh", "en")


def format_arg(value: Any, lang: str) -> str:
    if value is None:
        return "?" if lang == "en" else "未知"
    if isinstance(value, Label):
        return value.text(lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, Decimal | int):
        return fmt_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render(code: str, args: Mapping[str, Any], measure: Measure | None, lang: str) -> str:
    catalog = messages_for(measure)
    template = catalog.get(code)
    if template is None:
        return code
    text = template[0] if lang == "zh" else template[1]
    values: dict[str, str] = {}
    for name, value in args.items():
        if isinstance(value, str) and value in catalog and value != code:
            values[name] = render(value, args, measure, lang)
        elif isinstance(value, str) and value in COMPARISON_SYMBOLS:
            values[name] = COMPARISON_SYMBOLS[value]
        elif isinstance(value, str) and value in KINDS:
            values[name] = KINDS[value][0 if lang == "zh" else 1]
        else:
            values[name] = format_arg(value, lang)
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return f"{text} {dict(values)}"


def render_message(message: Message, measure: Measure | None, lang: str) -> str:
    return render(message.code, message.args, measure, lang)
