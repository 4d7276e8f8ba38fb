"""The fuzz suite's hypothesis profiles, its ``fuzz`` marker and its count of inputs tried.

Profiles (registered when ``tests/conftest.py`` imports this module, before pytest reads
``--hypothesis-profile``):

- the default run (``python -m pytest -q``) gives each fuzz test the number of examples it asks for
  through :func:`fuzz_settings` — budgets chosen so the whole directory takes about three minutes on two
  cores — on top of the loaded profile (``dev``, or ``ci`` when ``CI=true``: derandomised);
- ``--hypothesis-profile=long`` (e.g. ``pytest -m fuzz --hypothesis-profile=long``) gives every fuzz test
  :data:`LONG_EXAMPLES` examples.

The examples database stays out of git (``.hypothesis/`` is in ``.gitignore``).

Every input a fuzz test feeds to a reader or a command is counted by category (:func:`tried`); at the end
of the session the counts are printed and written to ``<tempdir>/wenjiuye-fuzz-counts.json``, with the
number of fuzz tests that failed (a traceback, a hang or a broken promise each fails its test).
"""

from __future__ import annotations

import collections
import faulthandler
import json
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

LONG_EXAMPLES = 2000
HANG_SECONDS = 30  # generous: a hang detector, not a speed assertion (a normal input takes well under 1 s)
COUNTS_FILE = Path(tempfile.gettempdir()) / "wenjiuye-fuzz-counts.json"
FUZZ_DIR = Path(__file__).resolve().parent

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "long", max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True
)

TRIED: collections.Counter[str] = collections.Counter()
_FAILED: list[str] = []


def fuzz_settings(examples: int) -> settings:
    """Settings for one fuzz test: ``examples`` examples in the default run, the long profile's count
    with ``--hypothesis-profile=long``; never a deadline (the hang detector is :func:`bounded_time`)."""
    current = settings.get_current_profile_name()
    parent = settings.get_profile(current)
    count = parent.max_examples if current == "long" else examples
    return settings(
        parent=parent,
        max_examples=count,
        deadline=None,
        suppress_health_check=[*parent.suppress_health_check, *_SLOW_OK],
    )


def tried(category: str) -> None:
    """Count one input of ``category`` (e.g. ``"batch csv gb18030"``)."""
    TRIED[category] += 1


class Hang(BaseException):  # BaseException: no ``except Exception`` in the code under test catches it
    """An input took longer than :data:`HANG_SECONDS`."""


@contextmanager
def bounded_time(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with :class:`Hang` when the body runs longer than ``seconds`` (a Python-level loop hears the
    alarm); a hang inside C code, which hears no alarm, is ended by faulthandler after four times as long,
    dumping every thread's stack and stopping the run: a hang is never a silent wait."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 4, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if FUZZ_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.fuzz)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and "tests/fuzz/" in report.nodeid.replace(os.sep, "/"):
        _FAILED.append(report.nodeid)


def _summary() -> dict[str, Any]:
    readers: collections.Counter[str] = collections.Counter()
    writers: collections.Counter[str] = collections.Counter()
    for category, count in TRIED.items():
        reader, _, writer = category.partition(" → ")
        readers[" ".join(reader.split()[:2]) if reader.startswith("batch") else reader] += count
        if writer:
            writers[writer] += count
    return {
        "profile": settings.get_current_profile_name(),
        "inputs_by_reader": dict(sorted(readers.items())),
        "inputs_by_writer": dict(sorted(writers.items())),
        "inputs_tried": dict(sorted(TRIED.items())),
        "total": sum(TRIED.values()),
        "failed_tests": sorted(set(_FAILED)),
    }


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if TRIED:
        COUNTS_FILE.write_text(json.dumps(_summary(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not TRIED:
        return
    summary = _summary()
    terminalreporter.section("fuzz: inputs tried per category")
    for category, count in summary["inputs_tried"].items():
        terminalreporter.write_line(f"{count:7d}  {category}")
    terminalreporter.write_line(
        "by reader: " + ", ".join(f"{k} {v}" for k, v in summary["inputs_by_reader"].items())
    )
    terminalreporter.write_line(
        "by writer: " + ", ".join(f"{k} {v}" for k, v in summary["inputs_by_writer"].items())
    )
    failed = len(summary["failed_tests"])
    terminalreporter.write_line(
        f"{summary['total']:7d}  in all ({summary['profile']} profile); {failed} fuzz tests failed; "
        f"counts in {COUNTS_FILE}"
    )
