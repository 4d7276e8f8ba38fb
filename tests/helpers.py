"""Shared test helpers: build an applicant from plain values and evaluate one measure."""

from __future__ import annotations

import shlex
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from wenjiuye_cli.engine import Applicant, evaluate_measure, measure_by_id
from wenjiuye_cli.outcome import Check, Outcome
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.scenario import build_applicant

POLICY = load_policy()
# The ids of examples/batch/applicants.csv, in file order (刘䶮: a name only GB18030, not GBK, can hold).
EXAMPLE_LIST_IDS = ["R-001", "刘䶮-002", "R-003", "S-001", "S-002", "I-001", "I-002", "R-004", "R-005"]


def applicant(kind: str, **facts: Any) -> Applicant:
    return build_applicant({"id": "T", "kind": kind, **facts}, "test")


def run(
    measure_id: str, kind: str, on: date | None = None, policy: Policy | None = None, **facts: Any
) -> Outcome:
    """Evaluate one measure for an applicant; ``on`` defaults to the application date."""
    person = applicant(kind, **facts)
    day = on or person.facts.get("application_date")
    assert day is not None, "give application_date or on="
    return evaluate_measure(measure_by_id(measure_id), person.facts, policy or POLICY, day, kind=kind)


def condition(outcome: Outcome, code: str) -> Check:
    found = [c.result for c in outcome.conditions if c.code == code]
    assert found, f"condition {code} not checked; have {[c.code for c in outcome.conditions]}"
    return found[0]


def interrupt_while_writing(command: list[str], data: bytes, cwd: Path, signum: int) -> tuple[int, str]:
    """Run ``command`` in ``cwd`` with ``data`` on a stdin left open (so the run waits for more rows), send
    ``signum`` once it has started writing ``out.csv`` (its temporary file exists), and return the exit
    code and stderr. The child gets the default SIGINT, as at a terminal: a suite started in the
    background by a shell without job control runs with SIGINT ignored, and a child inherits that."""
    proc = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(data)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".out.csv.") for p in cwd.iterdir()):
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signum)
    _stdout, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr.decode("utf-8")


def exit_code_into_head(args: list[str], head: str, stderr: Path) -> tuple[int, str]:
    """Run ``wenjiuye ARGS | head HEAD`` in bash: the exit code of wenjiuye (not of head) and what head
    passed on. wenjiuye's stderr goes to the file ``stderr``."""
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "wenjiuye_cli", *args])
    done = subprocess.run(
        ["bash", "-c", f"{command} 2>{shlex.quote(str(stderr))} | head {head}; exit ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done.returncode, done.stdout
