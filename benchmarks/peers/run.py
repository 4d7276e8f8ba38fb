#!/usr/bin/env python3
"""The four-rule workload of issue 12, side by side: the Python csv pass-through, plain Python (Decimal),
pandas, polars, OpenFisca and ``wenjiuye batch`` on the same applicants, in one session; and the project's
rule engine alone (wenjiuye_engine.py: no CLI, no validation), with the four measures and with every one.

    python benchmarks/peers/run.py                          # 100,000 applicants, median of 3
    python benchmarks/peers/run.py --sizes 1000 100000 --repeat 5
    python benchmarks/peers/run.py --skip-install           # no venv, no network: what is importable

Run it with the project's interpreter (the one ``wenjiuye`` is installed in, or with ``PYTHONPATH=src``):
``wenjiuye batch`` runs as ``<that python> -m wenjiuye_cli``. The peers run in their own virtual
environment, created on first use under ``--venv`` (default ``$XDG_CACHE_HOME/wenjiuye/peers-venv``, else
``~/.cache/…``) with ``requirements.txt`` here; it is reinstalled only when that file changes. With
``--skip-install`` nothing is installed: the peers run in that venv if it exists, else in this interpreter,
and a peer whose packages are missing there is skipped (and said so).

For each size: generate the applicants (make_applicants.py), convert them to the project's batch input
(to_wenjiuye.py: three project rows per applicant), run every implementation once untimed (its output is
the one checked: every implementation against plain Python on every row, the project's after
from_wenjiuye.py), then ``--repeat`` timed rounds, each running every implementation once in turn. Each
run is a fresh process started by launch.py: wall seconds (``time.perf_counter`` around it), CPU
seconds (user + system of the child and all its threads, from ``os.wait4``), peak RSS (the child's
``ru_maxrss``). The medians are printed, with rows/s (applicants per wall second) and the ratio to the
pass-through. The 27 hand-computed edge cases (edge_cases.py) are run through every implementation first.
Exit 1 if any check fails or any run exits non-zero. Data, outputs, stderr of every run and the table (results.md, results.json) go to
``--work`` (default ``benchmarks/out/peers``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``peers`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peers import compare_outputs, edge_cases, from_wenjiuye
from peers.to_wenjiuye import PEERS_READING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REQUIREMENTS = HERE / "requirements.txt"
DEFAULT_SEED = 20240601
PROJECT = "wenjiuye batch"
ENGINE_FOUR = "wenjiuye engine, 4 measures"
ENGINE_ALL = "wenjiuye engine, every measure"
REFERENCE = "plain_python"
FLOOR = "passthrough"


@dataclass(frozen=True)
class Impl:
    """One implementation: ``argv`` with ``{in}`` and ``{out}``; ``wide`` for the project (its input is
    the converted file, its output folded back by from_wenjiuye.py); ``needs``: modules it imports."""

    name: str
    argv: tuple[str, ...]
    needs: tuple[str, ...] = ()
    wide: bool = False
    note: str = ""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int


@dataclass
class Result:
    impl: Impl
    n: int
    runs: list[Run] = field(default_factory=list)
    check: str = "not checked"
    ok: bool = True

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(r, attr) for r in self.runs))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wenjiuye" / "peers-venv"


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path) -> Path:
    """The venv's python, created and installed from requirements.txt when it is missing or outdated."""
    stamp = venv / "requirements.sha256"
    want = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    python = venv_python(venv)
    if python.exists() and stamp.exists() and stamp.read_text().strip() == want:
        return python
    if not python.exists():
        print(f"== creating {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    print(f"== installing {REQUIREMENTS.name} into {venv}", flush=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(REQUIREMENTS),
        ],
        check=True,
    )
    stamp.write_text(want + "\n")
    return python


def has_modules(python: str, modules: Sequence[str]) -> bool:
    if not modules:
        return True
    code = "import " + ", ".join(modules)
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def implementations(peer_python: str, project_python: str) -> list[Impl]:
    def peer(name: str, script: str, needs: tuple[str, ...] = (), note: str = "") -> Impl:
        return Impl(name, (peer_python, str(HERE / script), "{in}", "{out}"), needs, note=note)

    sets = [arg for s in PEERS_READING for arg in ("--set", s)]
    batch = (project_python, "-m", "wenjiuye_cli", "batch", "{in}", "-o", "{out}", "--rejects", "{rejects}")
    return [
        peer(FLOOR, "passthrough.py", note="csv.reader → csv.writer, every row written back"),
        peer(REFERENCE, "plain_python_impl.py", note="csv module, Decimal, one row at a time"),
        peer("pandas", "pandas_impl.py", ("pandas", "numpy"), "read_csv, numpy in int64 cents, to_csv"),
        peer("polars", "polars_impl.py", ("polars",), "read_csv, expressions in Int64 cents, write_csv"),
        peer("openfisca", "openfisca_impl.py", ("openfisca_core", "pandas"), "OpenFisca 46, array input"),
        Impl(
            PROJECT,
            (*batch, "--codes", "--quiet", *sets),
            ("wenjiuye_cli",),
            wide=True,
            note="the project, every measure of the 3 kinds (batch has no measure selection)",
        ),
        Impl(
            ENGINE_FOUR,
            (project_python, str(HERE / "wenjiuye_engine.py"), "{in}", "{out}"),
            ("wenjiuye_cli",),
            wide=True,
            note="the project's rules alone (evaluate_frame), only the 4 measures; polars reads, no validation",
        ),
        Impl(
            ENGINE_ALL,
            (project_python, str(HERE / "wenjiuye_engine.py"), "{in}", "{out}", "--all-measures"),
            ("wenjiuye_cli",),
            wide=True,
            note="the same with every measure of the 3 kinds, as batch evaluates them",
        ),
    ]


def measure(argv: Sequence[str], stderr: Path) -> Run:
    """Run ``argv`` as a fresh process (through launch.py, so that this process's memory does not count):
    its wall and CPU seconds and peak RSS."""
    launcher = [sys.executable, "-I", "-S", str(HERE / "launch.py"), str(stderr), *argv]
    done = subprocess.run(launcher, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"launch.py failed: {done.stderr.strip()}")
    figures = json.loads(done.stdout)
    return Run(float(figures["wall"]), float(figures["cpu"]), float(figures["rss_mb"]), int(figures["code"]))


class Session:
    def __init__(self, work: Path, impls: list[Impl], peer_python: str, seed: int) -> None:
        self.work, self.impls, self.peer_python, self.seed = work, impls, peer_python, seed
        self.failed: list[str] = []

    def argv(self, impl: Impl, inp: Path, out: Path) -> list[str]:
        subst = {"{in}": str(inp), "{out}": str(out), "{rejects}": str(out.with_suffix(".rejects.csv"))}
        return [subst.get(a, a) for a in impl.argv]

    def run_once(self, impl: Impl, inp: Path, tag: str, fold: bool = True) -> tuple[Run, Path, str | None]:
        """Run ``impl`` on ``inp`` (the converted file for the project): its run, its six-column output
        (the project's folded back when ``fold``) and what went wrong, if anything."""
        key = impl.name.replace(" ", "_").replace(",", "")
        source = self.converted(inp) if impl.wide else inp
        out = self.work / f"out_{key}_{tag}.csv"
        run = measure(self.argv(impl, source, out), self.work / f"stderr_{key}_{tag}.txt")
        if run.code != 0:
            return run, out, f"exit {run.code} (see stderr_{key}_{tag}.txt)"
        if not impl.wide or not fold:
            return run, out, None
        folded = self.work / f"out_{key}_{tag}.folded.csv"
        try:
            from_wenjiuye.fold(str(out), str(folded))
        except (from_wenjiuye.ConversionError, ValueError, KeyError, ArithmeticError) as e:
            return run, folded, f"cannot fold its output: {type(e).__name__}: {e}"
        return run, folded, None

    def converted(self, inp: Path) -> Path:
        return inp.with_name(inp.stem + ".wenjiuye.csv")

    def prepare(self, n: int) -> Path:
        inp = self.work / f"applicants_{n}.csv"
        args = [
            self.peer_python,
            str(HERE / "make_applicants.py"),
            str(n),
            str(inp),
            "--seed",
            str(self.seed),
        ]
        subprocess.run(args, check=True)
        convert = measure(
            [sys.executable, str(HERE / "to_wenjiuye.py"), str(inp), str(self.converted(inp))],
            self.work / f"stderr_convert_{n}.txt",
        )
        if convert.code != 0:
            raise SystemExit(f"to_wenjiuye.py failed: see {self.work}/stderr_convert_{n}.txt")
        print(f"   converted for wenjiuye: {3 * n:,} project rows in {convert.wall:.2f} s (not timed below)")
        return inp

    def edge_cases(self) -> None:
        inp = self.work / "edge_cases.csv"
        edge_cases.write_input(str(inp))
        edge_cases_input = self.work / "edge_cases.wenjiuye.csv"
        subprocess.run(
            [sys.executable, str(HERE / "to_wenjiuye.py"), str(inp), str(edge_cases_input)], check=True
        )
        for impl in self.impls:
            if impl.name == FLOOR:
                continue
            _, out, problem = self.run_once(impl, inp, "edge")
            failures = [problem] if problem else edge_cases.check(str(out))
            status = "all as expected" if not failures else f"{len(failures)} FAILED"
            print(f"   {impl.name}: {len(edge_cases.CASES)} edge cases, {status}")
            for line in failures[:5]:
                print("     ", line)
            if failures:
                self.failed.append(f"edge cases: {impl.name}")

    def size(self, n: int, repeat: int) -> list[Result]:
        print(f"== {n:,} applicants", flush=True)
        inp = self.prepare(n)
        results = {impl.name: Result(impl, n) for impl in self.impls}
        outputs: dict[str, Path] = {}
        for impl in self.impls:  # warm-up: outputs kept for the check, not timed
            _, out, problem = self.run_once(impl, inp, f"{n}_check")
            outputs[impl.name] = out
            if problem:
                results[impl.name].ok = False
                results[impl.name].check = problem
        reference = outputs[REFERENCE]
        for name, out in outputs.items():
            result = results[name]
            if name in (FLOOR, REFERENCE) or not result.ok:
                if result.ok:
                    result.check = "(the reference)" if name == REFERENCE else "(the floor)"
                continue
            comparison = compare_outputs.compare(str(reference), str(out))
            result.ok = comparison.ok
            result.check = (
                f"{comparison.rows:,} rows, {comparison.mismatches} differ"
                if comparison.error is None
                else comparison.error
            )
            if comparison.undecided:
                result.check += f"; {comparison.undecided:,} undecided, reference 0"
            for line in comparison.shown[:5]:
                print("   ", line)
        for r in range(1, repeat + 1):
            print(f"   timed round {r}/{repeat}", flush=True)
            for impl in self.impls:
                run, _, problem = self.run_once(impl, inp, f"{n}_timed", fold=False)
                results[impl.name].runs.append(run)
                if problem:
                    results[impl.name].ok = False
                    results[impl.name].check += f"; timed round {r}: {problem}"
        for result in results.values():
            if not result.ok:
                self.failed.append(f"{result.impl.name} at {n:,}: {result.check}")
        return list(results.values())


def table(results: list[Result], repeat: int) -> str:
    lines = [
        f"| run | applicants | wall (s) | CPU (s) | applicants/s (wall) | peak RSS (MB) "
        f"| CPU × pass-through | wall × pass-through | agrees with plain Python | wall of the {repeat} runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    by_size: dict[int, list[Result]] = {}
    for result in results:
        by_size.setdefault(result.n, []).append(result)
    for n, group in by_size.items():
        floor = next((r for r in group if r.impl.name == FLOOR and r.runs), None)
        for r in group:
            if not r.runs:
                continue
            wall, cpu, rss = r.median("wall"), r.median("cpu"), r.median("rss_mb")
            cpu_x = f"{cpu / floor.median('cpu'):.1f}" if floor else "—"
            wall_x = f"{wall / floor.median('wall'):.1f}" if floor else "—"
            rate = f"{n / wall:,.0f}" if wall > 0 else "—"
            runs = ", ".join(f"{x.wall:.2f}" for x in r.runs)
            name = f"`{r.impl.name}`" if r.impl.wide else r.impl.name
            lines.append(
                f"| {name} | {n:,} | {wall:.2f} | {cpu:.2f} | {rate} | {rss:.0f} | {cpu_x} | {wall_x} "
                f"| {r.check} | {runs} |"
            )
    return "\n".join(lines)


def environment(peer_python: str) -> str:
    code = (
        "import sys, importlib.metadata as m\n"
        "print('python', sys.version.split()[0])\n"
        "for d in ('numpy', 'pandas', 'polars', 'openfisca-core'):\n"
        "    try: print(d, m.version(d))\n"
        "    except m.PackageNotFoundError: print(d, 'not installed')\n"
    )
    peers = subprocess.run([peer_python, "-c", code], capture_output=True, text=True).stdout.split("\n")
    load = os.getloadavg()
    return (
        f"date (UTC) {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}; {os.cpu_count()} cores; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; peers: {', '.join(p for p in peers if p)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="the four-rule workload beside its peers (issue 12)")
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000], help="applicant counts (default 100000)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each implementation (median)")
    ap.add_argument("--skip-install", action="store_true", help="create and install nothing")
    ap.add_argument("--venv", type=Path, default=None, help="the peers' venv (default: under the cache dir)")
    ap.add_argument(
        "--work", type=Path, default=ROOT / "benchmarks" / "out" / "peers", help="data and outputs"
    )
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument(
        "--only", nargs="+", metavar="NAME", help="only these implementations (and the two floors)"
    )
    args = ap.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.sizes):
        ap.error("--repeat and --sizes must be at least 1")
    venv = args.venv or cache_dir()
    if args.skip_install:
        peer_python = str(venv_python(venv)) if venv_python(venv).exists() else sys.executable
    else:
        peer_python = str(ensure_venv(venv))
    args.work.mkdir(parents=True, exist_ok=True)
    impls = []
    for impl in implementations(peer_python, sys.executable):
        if args.only and impl.name not in (FLOOR, REFERENCE, *args.only):
            continue
        python = impl.argv[0]
        if not has_modules(python, impl.needs):
            print(f"-- skipped {impl.name}: {python} cannot import {', '.join(impl.needs)}")
            continue
        impls.append(impl)
    if not has_modules(peer_python, ("numpy",)):
        raise SystemExit(f"{peer_python} cannot import numpy, which make_applicants.py needs")
    env = environment(peer_python)
    print(env)
    session = Session(args.work, impls, peer_python, args.seed)
    print("== the 27 hand-computed edge cases", flush=True)
    session.edge_cases()
    results: list[Result] = []
    for n in args.sizes:
        results.extend(session.size(n, args.repeat))
    text = table(results, args.repeat)
    notes = "\n".join(f"- {i.name}: {i.note}" for i in impls if i.note)
    sets = " ".join(f"--set {s}" for s in PEERS_READING)
    report = (
        f"{env}\n\n{text}\n\n{notes}\n\n`{PROJECT}` reads the converted file (3 project rows an applicant; "
        f"the conversion is not timed) with `--codes` and {sets}.\n"
    )
    (args.work / "results.md").write_text(report, encoding="utf-8")
    (args.work / "results.json").write_text(
        json.dumps(
            [
                {
                    "name": r.impl.name,
                    "applicants": r.n,
                    "check": r.check,
                    "ok": r.ok,
                    "runs": [vars(x) for x in r.runs],
                }
                for r in results
            ],
            indent=1,
        ),
        encoding="utf-8",
    )
    print()
    print(report)
    if session.failed:
        print("FAILED:", "; ".join(session.failed), file=sys.stderr)
        return 1
    print(f"every implementation agrees with plain Python on every row; table in {args.work / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
