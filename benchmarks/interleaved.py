"""Ratios to the pass-through that survive a shared machine: every run of a round back to back.

    python benchmarks/interleaved.py                     # 100,000 rows, 3 rounds
    python benchmarks/interleaved.py --rows 20000 --rounds 5

Each round runs, one after the other: the pass-through (``csv.reader`` → ``csv.writer``), ``wenjiuye batch``
with every rule replaced by a constant (``without_rules.py``), ``wenjiuye batch --jobs 1`` and ``--jobs 2``.
Each run is divided by the pass-through of its own round, so a load that comes and goes between rounds
changes the seconds but much less the ratios; the median ratio over the rounds is printed per run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PASS_THROUGH, child_environment  # noqa: E402  (a sibling script, not a package)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/wenjiuye-bench"))
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    data = args.workdir / f"applicants-{args.rows}-seed{args.seed}.csv"
    if not data.exists():
        subprocess.run(
            [python, str(HERE / "generate.py"), str(args.rows), "-o", str(data), "--seed", str(args.seed)],
            check=True,
        )
    env = child_environment(args.workdir)
    subprocess.run([python, "-c", "import wenjiuye_cli.cli"], env=env, check=True)  # write the bytecode
    out = args.workdir / "interleaved-out.csv"
    rejects = ["--rejects", str(args.workdir / "interleaved-rejects.csv"), "-q"]
    batch = [python, "-m", "wenjiuye_cli", "batch", str(data), "-o", str(out), *rejects]
    runs = {
        "pass-through (csv.reader → csv.writer)": [python, "-c", PASS_THROUGH, str(data), str(out)],
        "batch --jobs 1, every rule a constant": [
            python, str(HERE / "without_rules.py"), "batch", str(data), "-o", str(out), *rejects,
        ],
        "batch --jobs 1": batch,
        "batch --jobs 2": [*batch, "--jobs", "2"],
    }  # fmt: skip
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for number in range(1, args.rounds + 1):
        for name, command in runs.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
            seconds[name].append(time.perf_counter() - start)
        load = os.getloadavg()[0]
        shown = ", ".join(f"{times[-1]:.2f}" for times in seconds.values())
        print(f"round {number}: {shown} s (load average {load:.2f})", file=sys.stderr)
    floor = seconds["pass-through (csv.reader → csv.writer)"]
    print(f"{args.rows:,} rows, {args.rounds} rounds, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print("")
    print("| run | median time (s) | × pass-through, per round | median × |")
    print("|---|---:|---|---:|")
    for name, times in seconds.items():
        ratios = [t / f for t, f in zip(times, floor, strict=True)]
        per_round = ", ".join(f"{r:.1f}" for r in ratios)
        print(f"| {name} | {statistics.median(times):.2f} | {per_round} | {statistics.median(ratios):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
