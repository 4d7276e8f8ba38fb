"""Is a file an applicant list (``batch``) or a scenario file (``calc``, ``sweep``)? Plain Python.

So that a file given to the wrong command is named for what it is (``calc list.csv``: "this is a list:
use batch"), not reported as a TOML syntax error or a header full of unknown columns. The reading is
``compare``'s (:func:`wenjiuye_cli.whatif.is_batch_input`): by the extension, else by the first line.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from wenjiuye_cli.whatif import BATCH_SUFFIXES, SCENARIO_SUFFIXES, is_batch_input

HEAD_BYTES = 64 * 1024  # enough for the first line of any list or scenario

InputKind = Literal["list", "scenario"]
LIST_SUFFIXES = (*BATCH_SUFFIXES, ".tsv", ".xlsx", ".xlsm", ".xls")


def input_kind(path: str | Path) -> InputKind | None:
    """``"list"`` (CSV, NDJSON, a workbook), ``"scenario"`` (TOML, JSON with ``applicants``), or None
    when the file cannot be read or is empty. A list or TOML extension is enough; ``.json`` and other
    names are judged by the first line: a JSON object complete on its line without ``applicants`` is an
    NDJSON row, a TOML line or a JSON document is a scenario, anything else a CSV header."""
    name = str(path)
    lower = name.lower()
    if lower.endswith(".toml"):
        return "scenario"
    if lower.endswith(LIST_SUFFIXES):
        return "list"
    try:
        with Path(name).open("rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return None
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        return None
    if lower.endswith(SCENARIO_SUFFIXES):
        # A .json file is a list only when its first line is an NDJSON row (a JSON object, complete on its
        # line, without ``applicants``), whatever bytes it starts with; otherwise it is a scenario, and a
        # broken one gets the scenario reader's own error, not "use batch".
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            head = head.decode("utf-16", errors="replace").encode("utf-8")
        return (
            "list"
            if is_batch_input("", head) and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
            else "scenario"
        )
    return "list" if is_batch_input(name, head) else "scenario"
