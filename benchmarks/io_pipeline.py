"""Time the columnar reader + writer (``wenjiuye_cli.io``) beside the two floors, on the project's file.

    python benchmarks/io_pipeline.py                              # 100,000 and 1,000,000 rows, median of 3
    python benchmarks/io_pipeline.py --sizes 100000 --repeat 1    # a quicker look

Each run is a fresh process on the file ``generate.py`` makes (seeded; made if absent in ``--workdir``):

- **Python pass-through**: ``csv.reader`` → ``csv.writer``, as in ``run.py``;
- **polars pass-through**: ``pl.scan_csv(…, infer_schema=False).sink_csv(…)``, the streaming engine, no rules:
  the real floor of any columnar design;
- **columnar read**: ``open_reader`` over the whole file, every cell validated into the typed frame and
  every bad row into the rejects, nothing written;
- **wenjiuye batch**: the real command, end to end (``-o`` CSV, ``--rejects`` CSV, ``--as-of``): the
  reader, the typed frame, the columnar rules (every measure), the results CSV and the running totals;
- **columnar read + write**: the typed frame written as CSV (``open_writer``, BOM, formula
  guard on text columns, atomic) and the rejects as a second CSV — the input and output half of a batch
  run without the rules.

Reported: wall seconds (median), CPU seconds of the process (median; polars uses threads, so CPU can
exceed wall), rows/s, peak RSS of the process, and the ratios of wall and CPU to each floor. CPU seconds
are the steadier figure on a shared machine. Prints a Markdown table.
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
sys.path.insert(0, str(HERE))

from run import PASS_THROUGH, _tree_memory_kb, child_environment  # noqa: E402

POLARS_FLOOR = """
import sys
import polars as pl
pl.scan_csv(sys.argv[1], infer_schema=False).sink_csv(sys.argv[2])
"""

COLUMNAR = """
import sys
from pathlib import Path
from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.io.writers import open_writer, rejects_table
reader = open_reader(sys.argv[1])
if sys.argv[2] == "-":
    for chunk in reader:
        pass
else:
    with open_writer(Path(sys.argv[2])) as out, open_writer(Path(sys.argv[3])) as rejects:
        for chunk in reader:
            out.write(chunk.facts)
            if chunk.rejects.height:
                rejects.write(rejects_table(chunk.rejects, reader.info.columns))
counts = reader.counts
assert counts.read == counts.accepted + counts.rejected
print(f"read {counts.read} accepted {counts.accepted} rejected {counts.rejected}", file=sys.stderr)
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_kb: int


def timed(command: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_memory_kb(proc.pid)[0])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: batch rejected some rows, as generated
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, max(int(usage.ru_maxrss), peak[0]))


def median_run(command: list[str], repeat: int, env: dict[str, str]) -> tuple[Run, list[Run]]:
    runs = [timed(command, env) for _ in range(repeat)]
    return (
        Run(
            statistics.median(r.wall for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.rss_kb for r in runs),
        ),
        runs,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/wenjiuye-bench"))
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--chunk-rows", type=int, default=None, help="wenjiuye batch --chunk-rows")
    parser.add_argument("--only", nargs="+", default=None, help="run only the runs whose label starts so")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    env = child_environment(args.workdir)
    subprocess.run(
        [python, "-c", "import wenjiuye_cli.io.readers, wenjiuye_cli.io.writers"], env=env, check=True
    )
    lines = [
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.repeat}",
        "",
        "| rows | run | wall (s) | CPU (s) | rows/s (wall) | peak RSS (MB) | wall × Python floor | CPU × Python floor "
        "| wall × polars floor | CPU × polars floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes:
        data = args.workdir / f"applicants-{size}-seed{args.seed}.csv"
        if not data.exists():
            subprocess.run(
                [python, str(HERE / "generate.py"), str(size), "-o", str(data), "--seed", str(args.seed)],
                check=True,
            )
        out, rejects = args.workdir / f"columnar-{size}.csv", args.workdir / f"columnar-rejects-{size}.csv"
        runs = {
            "Python pass-through (csv.reader → csv.writer)": [
                python,
                "-c",
                PASS_THROUGH,
                str(data),
                str(out),
            ],
            "polars pass-through (scan_csv → sink_csv), no rules": [
                python,
                "-c",
                POLARS_FLOOR,
                str(data),
                str(out),
            ],
            "columnar read (typed frame + rejects)": [python, "-c", COLUMNAR, str(data), "-", "-"],
            "wenjiuye batch (reader → columnar rules → CSV writer), end to end": [
                python,
                "-m",
                "wenjiuye_cli",
                "batch",
                str(data),
                "-o",
                str(out),
                "--rejects",
                str(rejects),
                "-q",
                "--as-of",
                "2022-06-30",
                *(["--chunk-rows", str(args.chunk_rows)] if args.chunk_rows else []),
            ],
            "columnar read + write (CSV out, rejects CSV)": [
                python,
                "-c",
                COLUMNAR,
                str(data),
                str(out),
                str(rejects),
            ],
        }
        floors = list(runs)[:2]
        if args.only:
            runs = {k: v for k, v in runs.items() if k in floors or any(k.startswith(o) for o in args.only)}
        results = {label: median_run(command, args.repeat, env) for label, command in runs.items()}
        py, pl_ = (results[label][0] for label in floors)
        for label, (timing, each) in results.items():
            lines.append(
                f"| {size:,} | {label} | {timing.wall:.2f} | {timing.cpu:.2f} | {size / timing.wall:,.0f} "
                f"| {timing.rss_kb / 1024:.0f} | {timing.wall / py.wall:.2f} | {timing.cpu / py.cpu:.2f} "
                f"| {timing.wall / pl_.wall:.1f} | {timing.cpu / pl_.cpu:.1f} |"
            )
            print(lines[-1], "walls:", ", ".join(f"{r.wall:.2f}" for r in each), file=sys.stderr)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
