"""Fault injection: what goes wrong around a run rather than in its input (issue 11).

A full device (``/dev/full``) or a closed stream on stdin, stdout or stderr; a read-only directory for an
output file; SIGINT and SIGTERM while modules load or while output is written; SIGKILL mid-write. Every run
is a real process. What must hold each time:

- the exit code is a documented one, and the one the fault calls for (74 for an output that cannot be
  written, 66 for a closed stdin that is read, the usual one when only stderr is faulty, 128 + the signal);
- no traceback, ever; at most one line on stderr when the run fails;
- no output file appears under its own name unless the run succeeded (a temporary ``.name.*.tmp`` may be
  left only by SIGKILL, which nothing can catch).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import processes
from wenjiuye_cli.exitcodes import ExitCode

pytestmark = pytest.mark.fuzz

DOCUMENTED = {int(code) for code in ExitCode}
BAD_ROWS = str(processes.EXAMPLES / "batch" / "bad-rows.csv")
# Each property tries this many cases per 100 examples of the hypothesis profile (each case is a process
# or two: about a second on a shared 2-core machine). ``--hypothesis-profile=long`` runs more.
SCALE = max(1, settings.default.max_examples // 100)


def fault_settings(examples: int) -> settings:
    """``examples`` cases, scaled by the profile; no deadline (a case is a process: a second or so)."""
    return settings(
        max_examples=examples * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    healthy: ExitCode  # its exit code when nothing is wrong
    stdout: bool  # writes its results to stdout
    stdin: bool = False  # reads its input from stdin (the file ``stdin_file``)
    stdin_file: str | None = None
    files: tuple[str, ...] = ()  # the output files a healthy run leaves in the working directory


COMMANDS = {
    "calc": Command(("calc", processes.RENT, "-f", "json"), ExitCode.OK, stdout=True),
    "calc-stdin": Command(("calc", "-", "-f", "json"), ExitCode.OK, stdout=True, stdin=True,
                          stdin_file=processes.RENT),
    "measures": Command(("measures", "-f", "json"), ExitCode.OK, stdout=True),
    "schema": Command(("schema", "person", "-f", "json"), ExitCode.OK, stdout=True),
    "policy-show": Command(("policy", "show", "rent_subsidy", "-f", "json"), ExitCode.OK, stdout=True),
    "sweep": Command(("sweep", processes.RENT, "--id", "R-001", "--vary-param",
                      "rent_subsidy.house_cap_monthly=1000..3000:1000", "-f", "json"), ExitCode.OK, stdout=True),
    "compare": Command(("compare", processes.RENT, "--reform", processes.CAP, "-f", "json"), ExitCode.OK,
                       stdout=True),
    "batch-files": Command(("batch", BAD_ROWS, "-o", "out.csv", "--summary-file", "summary.json"),
                           ExitCode.ROWS_REJECTED, stdout=False,
                           files=("out.csv", "out.rejects.csv", "summary.json")),
    "batch-stdout": Command(("batch", "-", "-f", "ndjson"), ExitCode.ROWS_REJECTED, stdout=True, stdin=True,
                            stdin_file=BAD_ROWS, files=()),  # no rejects file for stdin: reasons on stderr
    "compare-list": Command(("compare", processes.LIST, "--reform", processes.CAP, "-o", "out.csv", "-q"),
                            ExitCode.OK, stdout=False, files=("out.csv", "out.rejects.csv")),
}  # fmt: skip
FAULTS = ["stdout-full", "stdout-closed", "stderr-full", "stderr-closed", "stdin-closed"]


def run_with_fault(command: Command, fault: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    stream, kind = fault.split("-")
    fd = {"stdin": 0, "stdout": 1, "stderr": 2}[stream]
    with ExitStack() as stack:
        stdin: int | IO[bytes] = subprocess.DEVNULL
        if command.stdin_file is not None:
            stdin = stack.enter_context(open(command.stdin_file, "rb"))
        streams: dict[str, int | IO[bytes]] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        if kind == "full" and stream != "stdin":
            streams[stream] = stack.enter_context(open("/dev/full", "wb"))
        if kind == "closed" and stream != "stdin":
            streams[stream] = subprocess.DEVNULL
        done = processes.run(command.args, cwd=cwd, stdin=stdin, **streams,  # type: ignore[arg-type]
                             close=[fd] if kind == "closed" else [])  # fmt: skip
    done.stdout = done.stdout or b""  # not captured when it is the faulty stream
    done.stderr = done.stderr or b""
    return done


def workdir() -> tempfile.TemporaryDirectory[str]:
    """A fresh working directory per example (hypothesis runs many examples in one test)."""
    return tempfile.TemporaryDirectory(prefix="wenjiuye-faults-")


def assert_quiet_failure(done: subprocess.CompletedProcess[bytes]) -> None:
    assert done.returncode in DOCUMENTED
    assert b"Traceback" not in done.stderr
    assert len(processes.stderr_lines(done.stderr)) <= 1


@fault_settings(15)
@given(name=st.sampled_from(sorted(COMMANDS)), fault=st.sampled_from(FAULTS))
def test_a_faulty_standard_stream_gives_the_documented_exit_code(name: str, fault: str) -> None:
    command = COMMANDS[name]
    with workdir() as where:
        cwd = Path(where)
        done = run_with_fault(command, fault, cwd)
        left = sorted(p.name for p in cwd.iterdir())
    assert done.returncode in DOCUMENTED
    assert b"Traceback" not in done.stderr
    if fault.startswith("stdout") and command.stdout:
        assert done.returncode == ExitCode.IO_ERROR
        reason = "No space left on device" if fault == "stdout-full" else "Bad file descriptor"
        assert processes.stderr_lines(done.stderr) == [f"无法写入 标准输出：{reason}"]
        assert left == []  # the rejects file beside stdout is not written either
    elif fault == "stdin-closed" and command.stdin:
        assert done.returncode == ExitCode.NO_INPUT
        assert processes.stderr_lines(done.stderr) == ["标准输入已关闭，无法读取 -"]
        assert left == []
    else:  # a fault on a stream the command does not need: the run is as healthy as ever
        assert done.returncode == command.healthy, done.stderr
        assert left == sorted(command.files)
        if command.stdout and fault != "stdout-closed":
            assert done.stdout  # the results
        if fault.startswith("stderr"):
            assert done.stderr == b""


@fault_settings(12)
@given(
    signum=st.sampled_from([signal.SIGINT, signal.SIGTERM]),
    delay=st.floats(min_value=0, max_value=0.8),
    name=st.sampled_from(["measures", "batch-files", "compare"]),
    script=st.booleans(),
)
def test_a_signal_while_starting_ends_the_run_cleanly(
    signum: int, delay: float, name: str, script: bool
) -> None:
    """From the first instruction on (the handlers are installed: see processes.signal_at_start) through
    loading the modules to computing and writing: 128 + the signal, or the run had already finished.
    Started as ``python -m wenjiuye_cli`` or as the console script pip installs (``script``)."""
    command = COMMANDS[name]
    with workdir() as where, workdir() as bin_dir:
        cwd = Path(where)
        launcher = processes.console_script(Path(bin_dir)) if script else processes.WENJIUYE
        code, out, err = processes.signal_at_start(command.args, signum, delay, cwd, launcher)
        left = sorted(p.name for p in cwd.iterdir())
    assert "Traceback" not in err
    assert code in (command.healthy, 128 + signum), err
    if code == command.healthy:
        assert left == sorted(command.files)
        if command.stdout:
            json.loads(out)  # whole
    else:
        # No temporary file, and no output file, unless the signal came after they were all in place
        # (between the rename and the exit: a rename cannot be taken back).
        assert left in ([], sorted(command.files)), left
        assert len(err.splitlines()) <= 1


LIST_ROWS = (processes.EXAMPLES / "batch" / "applicants.csv").read_bytes().splitlines(keepends=True)
WRITERS = {
    "batch": ["batch", "-", "-o", "out.csv", "--summary-file", "summary.json"],
    "compare": ["compare", "-", "--reform", processes.CAP, "-o", "out.csv", "--summary-file", "summary.json"],
}


@pytest.mark.parametrize(
    ("name", "signum"),
    [
        ("batch", signal.SIGINT),
        ("compare", signal.SIGTERM),
        ("batch", signal.SIGKILL),
        ("compare", signal.SIGKILL),
    ],
    ids=["batch-INT", "compare-TERM", "batch-KILL", "compare-KILL"],
)  # (batch-TERM and compare-INT: tests/commands)
def test_a_signal_while_writing_leaves_no_output_under_its_name(
    name: str, signum: int, tmp_path: Path
) -> None:
    """The list comes on a stdin left open, so the run is mid-way (its temporary file exists) when the
    signal comes. SIGKILL cannot be caught: its temporary file may stay, but never under the target name."""
    proc = subprocess.Popen(
        [*processes.WENJIUYE, *WRITERS[name]], cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        assert proc.stdin is not None
        # More than one 1 MB block: rows are being computed and written when the signal comes.
        proc.stdin.write(b"".join([LIST_ROWS[0], *(LIST_ROWS[1:] * 2500)]))
        proc.stdin.flush()
        processes.wait_for_temporary(tmp_path, "out.csv")
        time.sleep(0.3)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.communicate()
    left = [p.name for p in tmp_path.iterdir()]
    assert b"Traceback" not in err
    if signum == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        assert all(name.startswith((".out.csv.", ".summary.json.")) for name in left), left
    else:
        assert proc.returncode == 128 + signum
        assert left == []
        said = (
            "已中断：没有写入任何输出文件"
            if signum == signal.SIGINT
            else "已终止（SIGTERM）：没有写入任何输出文件"
        )
        assert processes.stderr_lines(err)[-1] == said  # after the stamp line of CSV output


def read_only_directory(tmp_path: Path) -> Iterator[Path]:
    """A directory no file can be created in: made read-only, or (for root, whom permissions do not stop)
    /sys, where creating a file is refused."""
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        yield ro
        ro.chmod(0o755)
        return
    try:
        handle, name = tempfile.mkstemp(dir="/sys")
    except OSError:
        yield Path("/sys")
        return
    os.close(handle)
    os.unlink(name)
    pytest.skip("no read-only directory on this machine")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    yield from read_only_directory(tmp_path)


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["batch", BAD_ROWS, "-o", "{ro}/out.csv"], "{ro}/out.csv"),
        (["batch", BAD_ROWS, "-o", "out.csv", "--rejects", "{ro}/bad.csv"], "{ro}/bad.csv"),
        (["batch", BAD_ROWS, "-o", "out.csv", "--summary-file", "{ro}/summary.json"], "{ro}/summary.json"),
        (
            ["compare", processes.LIST, "--reform", processes.CAP, "-o", "{ro}/out.json", "-q"],
            "{ro}/out.json",
        ),
    ],
    ids=["batch-output", "batch-rejects", "batch-summary", "compare-output"],
)
def test_an_output_in_a_read_only_directory_exits_74_naming_it(
    args: list[str], target: str, read_only: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = processes.run([a.format(ro=read_only) for a in args], cwd=work)
    assert done.returncode == ExitCode.IO_ERROR
    assert processes.stderr_lines(done.stderr) == [
        f"无法写入 {target.format(ro=read_only)}：Permission denied"
    ]
    assert list(work.iterdir()) == []  # the other outputs are not written without it


def test_the_process_starts_with_its_handlers_before_the_heavy_modules() -> None:
    """What ``wenjiuye`` imports before its SIGTERM handler exists: nothing of typer, rich or the rules, not
    even typing or re (milliseconds each, during which a signal would find no handler)."""
    code = (
        "import sys, signal\n"
        "import wenjiuye_cli.__main__ as m\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('typer', 'rich', 'pydantic', 'typing', 're')))\n"
        "print(sorted(n for n in sys.modules if n.startswith('wenjiuye_cli')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    heavy, ours = (json.loads(line.replace("'", '"')) for line in done.stdout.splitlines())
    assert heavy == []
    assert ours == ["wenjiuye_cli", "wenjiuye_cli.__main__", "wenjiuye_cli.errors"]
