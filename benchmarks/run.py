"""Time `wenjiuye batch` end to end against a pure-Python CSV pass-through of the same file.

    python benchmarks/run.py                        # 100,000 and 1,000,000 rows, --jobs 1 and 2, median of 3
    python benchmarks/run.py --sizes 100000 --repeat 1 --jobs 1

For each size the synthetic file is made by ``benchmarks/generate.py`` (seeded; reused if present in
``--workdir``). Each run is a fresh process, timed from start to exit, so start-up, reading, validation,
evaluation and writing are all counted. Peak memory is measured two ways: the largest single process
(``ru_maxrss`` of the child, which Linux folds together with the children it waited for) and the whole
process tree (the sum of PSS over the tree, sampled every 20 ms from /proc/*/smaps_rollup: pages that
forked workers share with the parent are counted once). The floor is the same file read with
``csv.reader`` and written with ``csv.writer`` by a plain Python process. ``--jobs N`` is polars' thread
count since batch runs the columnar pipeline. ``io_pipeline.py`` times batch beside both floors (Python
and polars) with CPU seconds. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

PASS_THROUGH = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as src, \\
        open(sys.argv[2], "w", newline="", encoding="utf-8") as dst:
    writer = csv.writer(dst)
    for row in csv.reader(src):
        writer.writerow(row)
"""


@dataclass
class Timing:
    seconds: float
    max_rss_kb: int  # the largest single process
    tree_rss_kb: int  # peak of the RSS sum over the process tree
    tree_pss_kb: int  # peak of the PSS sum over the process tree
    returncode: int


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """(RSS, PSS) summed over ``root`` and its descendants, from /proc (0 where it cannot be read).

    RSS counts pages shared by forked workers once per process; PSS shares them out, so the PSS sum
    is what the tree really occupies.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def child_environment(workdir: Path) -> dict[str, str]:
    """The environment of the timed processes: modules are compiled once and the bytecode kept (in
    ``workdir``, not beside the sources), as after a normal install, even where the shell sets
    PYTHONDONTWRITEBYTECODE (compiling the package anew costs ~0.5 s a run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def timed(command: list[str], env: dict[str, str] | None = None) -> Timing:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            rss, pss = _tree_memory_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr}")
    return Timing(seconds, int(usage.ru_maxrss), peak[0], peak[1], proc.returncode)


def median_run(command: list[str], repeat: int, env: dict[str, str] | None = None) -> Timing:
    runs = [timed(command, env) for _ in range(repeat)]
    mid = statistics.median(r.seconds for r in runs)
    return Timing(
        mid,
        max(r.max_rss_kb for r in runs),
        max(r.tree_rss_kb for r in runs),
        max(r.tree_pss_kb for r in runs),
        runs[0].returncode,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="csv", choices=["csv", "ndjson", "json"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/wenjiuye-bench"))
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    env = child_environment(args.workdir)
    subprocess.run([python, "-c", "import wenjiuye_cli.cli"], env=env, check=True)  # write the bytecode

    lines = [
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.repeat}, "
        f"output --format {args.format}",
        "",
        "| rows | run | time (s) | rows/s | peak RSS, largest process (MB) | peak PSS, all processes (MB) "
        "| × pass-through |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes:
        data = args.workdir / f"applicants-{size}-seed{args.seed}.csv"
        if not data.exists():
            subprocess.run(
                [python, str(HERE / "generate.py"), str(size), "-o", str(data), "--seed", str(args.seed)],
                check=True,
            )
        out = args.workdir / f"out-{size}.{args.format}"
        floor = median_run([python, "-c", PASS_THROUGH, str(data), str(out)], args.repeat, env)
        lines.append(_line(size, "pass-through (csv.reader → csv.writer)", floor, floor))
        print(lines[-1], file=sys.stderr)
        for jobs in args.jobs:
            command = [python, "-m", "wenjiuye_cli", "batch", str(data), "-o", str(out), "-f", args.format,
                       "-q", "--jobs", str(jobs), "--rejects", str(args.workdir / "rejects.csv")]  # fmt: skip
            timing = median_run(command, args.repeat, env)
            lines.append(_line(size, f"wenjiuye batch --jobs {jobs}", timing, floor))
            print(lines[-1], file=sys.stderr)
    print("\n".join(lines))
    return 0


def _line(size: int, label: str, timing: Timing, floor: Timing) -> str:
    return (
        f"| {size:,} | {label} | {timing.seconds:.1f} | {size / timing.seconds:,.0f} "
        f"| {timing.max_rss_kb / 1024:.0f} | {timing.tree_pss_kb / 1024:.0f} "
        f"| {timing.seconds / floor.seconds:.1f} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
