"""Running wenjiuye as a real process with faults around it: closed or full standard streams, signals while
it starts or writes, a defect injected into it. Used by tests/cli/test_cli.py and tests/fuzz/test_faults.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from tests import PROJECT_ROOT

WENJIUYE = [sys.executable, "-m", "wenjiuye_cli"]
EXAMPLES = PROJECT_ROOT / "examples"
RENT = str(EXAMPLES / "rent_subsidy.toml")
LIST = str(EXAMPLES / "batch" / "applicants.csv")
CAP = str(EXAMPLES / "reforms" / "raise_house_rent_cap.toml")
# An ID number shaped like a real one (region 120101, born 1990-01-01), and how messages must show it.
ID_NUMBER = "120101199001011234"
MASKED_ID = "120101********1234"


def _child_setup(close: Sequence[int]) -> Callable[[], None]:
    def setup() -> None:
        # The default SIGINT, as at a terminal: a suite started in the background by a shell without job
        # control runs with SIGINT ignored, and a child inherits that.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for fd in close:
            os.close(fd)

    return setup


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    stdin: int | IO[bytes] | None = subprocess.DEVNULL,
    stdout: int | IO[bytes] = subprocess.PIPE,
    stderr: int | IO[bytes] = subprocess.PIPE,
    close: Sequence[int] = (),
    env: dict[str, str] | None = None,
    command: Sequence[str] = WENJIUYE,
) -> subprocess.CompletedProcess[bytes]:
    """``wenjiuye ARGS`` with the descriptors in ``close`` closed (``<&-``, ``>&-``, ``2>&-``)."""
    return subprocess.run(
        [*command, *args], cwd=cwd, stdin=stdin, stdout=stdout, stderr=stderr, env=env, timeout=120,
        preexec_fn=_child_setup(close), check=False,
    )  # fmt: skip


def _handles_sigterm(pid: int) -> bool:
    """Whether the process has its own SIGTERM handler yet: wenjiuye's first instruction installs it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    except OSError:
        return False
    return False


def console_script(where: Path) -> list[str]:
    """The ``wenjiuye`` command as pip installs it (the entry point of pyproject.toml), written in ``where``."""
    with open(PROJECT_ROOT / "pyproject.toml", "rb") as project:
        module, function = tomllib.load(project)["project"]["scripts"]["wenjiuye"].split(":")
    script = where / "wenjiuye"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nfrom {module} import {function}\n"
        f"if __name__ == '__main__':\n    sys.exit({function}())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return [str(script)]


def signal_at_start(
    args: Sequence[str],
    signum: int,
    delay: float,
    cwd: Path | None = None,
    command: Sequence[str] = WENJIUYE,
) -> tuple[int, bytes, str]:
    """Start ``wenjiuye ARGS``, send ``signum`` ``delay`` seconds after its first instruction ran (while
    modules load, for small delays), and return the exit code, stdout and stderr."""
    proc = subprocess.Popen(
        [*command, *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=_child_setup(()),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _handles_sigterm(proc.pid):
        assert proc.poll() is None, "the process ended before it installed its handlers"
        assert time.monotonic() < deadline, "the process never started"
        time.sleep(0.001)
    time.sleep(delay)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err.decode("utf-8", "replace")


def run_with_defect(
    patch: str, args: Sequence[str], cwd: Path, tmpdir: Path
) -> tuple[subprocess.CompletedProcess[bytes], list[Path]]:
    """``wenjiuye ARGS`` after ``patch`` (Python run first) planted a defect; the run's temp directory is
    ``tmpdir``. Returns the finished process and the defect reports written there."""
    tmpdir.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    code = f"{patch}\nfrom wenjiuye_cli.__main__ import main\nmain()\n"
    done = run(args, cwd=cwd, env=env, command=[sys.executable, "-c", code])
    return done, sorted(tmpdir.glob("wenjiuye-defect-*.txt"))


def wait_for_temporary(cwd: Path, target: str, timeout: float = 60) -> None:
    """Until the atomic writer's temporary file for ``target`` exists in ``cwd`` (the run is writing)."""
    deadline = time.monotonic() + timeout
    while not any(p.name.startswith(f".{target}.") for p in cwd.iterdir()):
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.02)


def stderr_lines(raw: bytes) -> list[str]:
    return [line for line in raw.decode("utf-8", "replace").splitlines() if line.strip()]
