"""The base of every error a user reads: the reason in Chinese and in English, shown in their language."""

from __future__ import annotations


class UserError(Exception):
    """An error whose reason is shown to users; ``str()`` is the English text (for logs and tracebacks)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en
