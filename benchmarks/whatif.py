"""What-if over a list against one ``batch`` run of the same list (issue 14 §Speed, issue 12's compare target).

    python benchmarks/generate.py 100000 -o /tmp/f.csv
    PYTHONPATH=src python benchmarks/whatif.py /tmp/f.csv [--repeat 3]

Runs, interleaved ``--repeat`` times (so a load that comes and goes hits every command alike), each as its
own process, from start-up to exit:

* ``batch FILE -q -o out.csv`` — the yardstick;
* ``compare FILE --set rent_subsidy.house_cap_monthly=3000 -f csv -o cmp.csv`` — a one-parameter reform,
  a row per applicant (target: within 1.5× batch);
* ``sweep FILE --vary-param rent_subsidy.house_cap_monthly=2500..4750 --step 250 -o curve.json`` — a
  10-point budget curve (target: well under 10 batch runs);
* the same ``compare`` with ``--reform`` of four shipped reforms side by side (budget view only).

Prints the medians of wall time, CPU time (user + system of the child, every thread: the steadier figure
on a shared machine) and peak RSS (the child's ``ru_maxrss``) and each command's ratios to ``batch``, as a Markdown table for ``benchmarks/README.md``. Never a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAP = "rent_subsidy.house_cap_monthly"


def commands(source: Path, out: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "wenjiuye_cli"]
    return {
        "batch": [*cli, "batch", str(source), "-q", "-o", str(out / "out.csv")],
        "compare (1 parameter)": [
            *cli, "compare", str(source), "-q", "--set", f"{CAP}=3000", "-f", "csv", "-o", str(out / "cmp.csv"),
        ],
        "sweep (10 points)": [
            *cli, "sweep", str(source), "-q", "--vary-param", f"{CAP}=2500..4750", "--step", "250",
            "-o", str(out / "curve.json"),
        ],
        "compare (4 reforms side by side)": [
            *cli, "compare", str(source), "-q", "--reform", str(ROOT / "examples" / "reforms"), "-f", "json",
            "-o", str(out / "side.json"),
        ],
    }  # fmt: skip


def run_once(argv: list[str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: the generated list has deliberately bad rows
        raise SystemExit(f"{argv[3]} exited {child.returncode}: {err.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="an applicant list (benchmarks/generate.py)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        runs = commands(args.source, Path(tmp))
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        rss: dict[str, list[float]] = {name: [] for name in runs}
        for i in range(args.repeat):
            for name, command in runs.items():
                wall, cpu, peak, _code = run_once(command)
                walls[name].append(wall)
                cpus[name].append(cpu)
                rss[name].append(peak)
                print(
                    f"# run {i + 1} {name}: {wall:.2f} s, CPU {cpu:.2f} s, {peak:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
    rows = sum(1 for _ in args.source.open("rb")) - 1
    base = statistics.median(walls["batch"])
    base_cpu = statistics.median(cpus["batch"])
    print(f"{rows:,} rows, median of {args.repeat} interleaved runs (wall, start-up included)\n")
    print("| command | wall s | CPU s | wall × batch | CPU × batch | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in runs:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"| `{name}` | {wall:.2f} | {cpu:.2f} | {wall / base:.2f} | {cpu / base_cpu:.2f} "
            f"| {statistics.median(rss[name]):.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
