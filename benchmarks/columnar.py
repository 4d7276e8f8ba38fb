"""The columnar engine's evaluation time on generated applicants, and the scenario commands' latency (issue 12).

    python benchmarks/columnar.py                    # 100,000 applicants, median of 3 runs, each in its own process
    python benchmarks/columnar.py --rows 20000 --repeat 1
    python benchmarks/columnar.py --latency          # one applicant explained, as calc would ask (fresh process)
    python benchmarks/columnar.py --commands         # `calc examples/rent_subsidy.toml`, `--help`, `--version`
    python benchmarks/columnar.py --commands --src /tmp/base/src --src src   # two checkouts, taking turns

Every measure is a columnar rule (``wenjiuye_cli.rules``); they are evaluated on applicants of their kinds
(seed 2020; each fact present 85% of the time; dates near each applicant's own day, so every status
occurs). The data is ready before the clock starts — each timed process reads the typed frame from a
Parquet file the parent wrote — so this times evaluation alone, not reading, cleaning or writing:
``evaluate_frame(frame, policy)``, lean, as ``batch`` without ``--detail`` runs it. Peak RSS is the
process's ``ru_maxrss`` (each run is a fresh process, with its data). There is no second engine to
compare with: the per-row engine was deleted (``engine.evaluate`` is the one-applicant columnar form).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

SEED = 2020


def generate(rows: int) -> list[Any]:
    from wenjiuye_cli.engine import Applicant, measure_by_id
    from wenjiuye_cli.engine.query import migrated
    from wenjiuye_cli.facts import Facts, IncubatedFirm

    rng = random.Random(SEED)
    measures = [measure_by_id(m) for m in migrated()]
    kinds = sorted({k for m in measures for k in m.kinds})
    specs: dict[str, dict[str, Any]] = {k: {} for k in kinds}
    for measure in measures:
        for spec in measure.facts:
            for kind in measure.kinds & spec.kinds:
                specs[kind][spec.name] = spec
    out = []
    for i in range(rows):
        kind = kinds[i % len(kinds)]
        anchor = date(2019, 6, 1) + timedelta(days=rng.randrange(0, 7 * 365))
        values: dict[str, Any] = {}
        for name, spec in specs[kind].items():
            if rng.random() > 0.85:
                continue
            values[name] = _value(rng, spec, anchor, IncubatedFirm)
        out.append((Applicant(f"R{i}", kind, Facts(values)), anchor))
    return out


def _value(rng: random.Random, spec: Any, anchor: date, firm: Any) -> Any:
    if spec.type == "bool":
        return rng.random() < 0.7
    if spec.type == "int":
        return rng.choice([0, 1, 2, 3, 5, 12, 24, 30, 31, 40])
    if spec.type == "money":
        return Decimal(rng.randrange(0, 400_000)).scaleb(-2)
    if spec.type == "date":
        return anchor if spec.name == "application_date" else anchor - timedelta(days=rng.randrange(-30, 700))
    if spec.type == "choice":
        return rng.choice(sorted(spec.choices))
    if spec.type == "firms":
        return tuple(firm(rng.randrange(0, 30), rng.randrange(0, 5)) for _ in range(rng.randrange(0, 4)))
    if spec.type == "ratio":  # a loan's annual rate: 2.50%..6.99%, as contracts state them
        return Decimal(rng.randrange(250, 700)).scaleb(-4)
    return "x"


def to_frame(drawn: list[Any]) -> Any:
    import polars as pl

    from wenjiuye_cli.engine.schema import EVALUATION_DATE, ID, KIND, frame_schema

    schema = frame_schema(sorted({a.kind for a, _ in drawn}))
    columns: dict[str, list[Any]] = {name: [] for name in schema}
    for applicant, anchor in drawn:
        facts = applicant.facts.values
        for name in schema:
            if name == ID:
                columns[name].append(applicant.id)
            elif name == KIND:
                columns[name].append(applicant.kind)
            elif name == EVALUATION_DATE:
                columns[name].append(facts.get("application_date") or anchor)
            else:
                value = facts.get(name)
                if isinstance(value, tuple):
                    value = [
                        {"operating_months": f.operating_months, "jobs_created": f.jobs_created}
                        for f in value
                    ]
                columns[name].append(value)
    return pl.DataFrame(columns, schema=schema)


def run_columnar(rows: int, parquet: str | None) -> dict[str, Any]:
    """Evaluate ``rows`` applicants in this process; seconds (wall and CPU) and peak RSS. The typed frame
    is read from ``parquet`` (written by the parent), so the peak is not that of building Python objects."""
    import polars as pl

    from wenjiuye_cli.engine.query import evaluate_frame, migrated
    from wenjiuye_cli.policy import load_policy

    policy = load_policy()
    frame = pl.read_parquet(parquet) if parquet is not None else to_frame(generate(rows))
    data_mb = frame.estimated_size("mb")
    before = _current_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    out = evaluate_frame(frame, policy)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    assert out.height == rows
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": rss,
        "before_mb": before,
        "data_mb": data_mb,
        "measures": len(migrated()),
    }


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def latency() -> dict[str, float]:
    """Seconds for one person explained by every measure, in a fresh process: importing polars,
    building the declarations, the first explained evaluation, rendering, and a warm evaluation."""
    start = time.perf_counter()
    import polars as pl

    imported = time.perf_counter()
    from wenjiuye_cli.engine.query import evaluate_frame, rules_for
    from wenjiuye_cli.engine.render import rendered
    from wenjiuye_cli.policy import load_policy

    policy = load_policy()
    frame = to_frame(generate(6)[:1])
    ready = time.perf_counter()
    rules = rules_for(policy)
    declared = time.perf_counter()
    out = evaluate_frame(frame, policy, explain=True)
    evaluated = time.perf_counter()
    for rule in rules:
        rendered(out.row(0, named=True), rule, policy, "zh")
    shown = time.perf_counter()
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        evaluate_frame(frame, policy, explain=True)
        warm.append(time.perf_counter() - t)
    del pl
    return {
        "import_polars": imported - start,
        "declarations": declared - ready,
        "first_explained": evaluated - declared,
        "render": shown - evaluated,
        "warm_explained_median": statistics.median(warm),
    }


ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "calc rent_subsidy.toml -f json": ["calc", str(ROOT / "examples" / "rent_subsidy.toml"), "-f", "json"],
    "calc rent_subsidy.toml -f table": ["calc", str(ROOT / "examples" / "rent_subsidy.toml"), "-f", "table"],
    "--help": ["--help"],
    "--version": ["--version"],
}


def commands(srcs: list[str], repeat: int) -> dict[str, dict[str, dict[str, float]]]:
    """Median wall and CPU (user + system, every thread) seconds of each command in :data:`COMMANDS` run as
    ``python -m wenjiuye_cli`` (the console script's entry point) on each checkout's ``src`` in ``srcs``,
    ``repeat`` times, the checkouts taking turns (so that both see the same load).

    CPU time is given beside wall time because the machine is shared: under load the wall time is
    mostly waiting for a core, the CPU time what the run itself costs."""
    import os

    runs: dict[str, dict[str, list[tuple[float, float]]]] = {src: {n: [] for n in COMMANDS} for src in srcs}
    for _ in range(repeat):
        for src in srcs:
            env = {**os.environ, "PYTHONPATH": src}
            for name, argv in COMMANDS.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "wenjiuye_cli", *argv],
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    cwd=tempfile.gettempdir(),
                )
                wall = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                runs[src][name].append((wall, cpu))
    return {
        src: {
            name: {
                "wall": statistics.median(w for w, _ in done),
                "cpu": statistics.median(c for _, c in done),
            }
            for name, done in by_name.items()
        }
        for src, by_name in runs.items()
    }


def calc_stages() -> dict[str, float]:
    """CPU seconds of each stage of ``calc examples/rent_subsidy.toml -f json`` on the columnar engine, in
    this (fresh) process: the CLI's imports, reading, polars, the declarations, the frame, the explained
    query, the outcomes and the JSON."""
    import io

    clock = time.process_time
    marks = [("start", clock())]
    import wenjiuye_cli.cli  # noqa: F401  (what `wenjiuye calc` imports before it runs)

    marks.append(("import the CLI (typer, rich, pydantic, the commands)", clock()))
    from wenjiuye_cli.policy import load_policy
    from wenjiuye_cli.scenario import read_scenario

    path = ROOT / "examples" / "rent_subsidy.toml"
    policy = load_policy()
    people = read_scenario(path.read_bytes(), str(path))
    marks.append(("load the policy, read the scenario", clock()))
    import polars  # noqa: F401

    marks.append(("import polars", clock()))
    from wenjiuye_cli.engine import applicants as columnar
    from wenjiuye_cli.engine import evaluation_date, measures_for_kind
    from wenjiuye_cli.engine.query import evaluate_frame, rules_for
    from wenjiuye_cli.engine.render import outcome_of
    from wenjiuye_cli.output import write_json

    marks.append(("import the columnar engine", clock()))
    import numpy  # noqa: F401  (polars 2.1 imports it at the first Decimal it converts: a literal, a fact)

    marks.append(("import numpy (polars, at its first Decimal)", clock()))
    kinds = {a.kind for a in people}
    wanted = list(dict.fromkeys(m.id for k in sorted(kinds) for m in measures_for_kind(k)))
    rules = list(rules_for(policy, wanted))
    marks.append(("build the declarations (the measures of the kinds present)", clock()))
    today = date.today()
    dated = [evaluation_date(a, None, today) for a in people]
    frame = columnar.applicants_frame(people, [on for on, _ in dated]).collect()
    marks.append(("the typed frame", clock()))
    out = evaluate_frame(frame, policy, explain=True, measures=[r.measure.id for r in rules])
    marks.append(("the explained query (collect)", clock()))
    rows = list(out.iter_rows(named=True))
    for row in rows:
        for rule in rules:
            outcome_of(row, rule, policy)
    marks.append(("outcomes from the rows", clock()))
    results = columnar.evaluate_applicants(people, policy)
    write_json(results, policy, None, "zh", io.StringIO())
    marks.append(("evaluate_applicants again, warm, and the JSON", clock()))
    return {name: t - marks[i][1] for i, (name, t) in enumerate(marks[1:])}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--parquet", help=argparse.SUPPRESS)
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--write-parquet", help=argparse.SUPPRESS)
    parser.add_argument("--commands", action="store_true")
    parser.add_argument("--src", action="append", help="a checkout's src (repeat to compare checkouts)")
    parser.add_argument("--stages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages:
        print(json.dumps(calc_stages()))
        return
    if args.commands:
        srcs = args.src or [str(ROOT / "src")]
        for src, by_name in commands(srcs, args.repeat).items():
            print(src)
            for name, figures in by_name.items():
                print(f"  {name:34} wall {figures['wall']:6.3f} s   cpu {figures['cpu']:6.3f} s")
        staged = subprocess.run(
            [sys.executable, __file__, "--stages"], check=True, capture_output=True, text=True
        )
        print("calc's stages (this checkout, CPU):")
        for name, seconds in json.loads(staged.stdout).items():
            print(f"  {name:56} {seconds * 1000:7.1f} ms")
        return
    if args.latency:
        for name, seconds in latency().items():
            print(f"{name:24} {seconds * 1000:8.1f} ms")
        return
    if args.one:
        print(json.dumps(run_columnar(args.rows, args.parquet)))
        return
    if args.write_parquet:
        to_frame(generate(args.rows)).write_parquet(args.write_parquet)
        return
    with tempfile.TemporaryDirectory() as tmp:
        parquet = str(Path(tmp) / "applicants.parquet")
        # in a child: ru_maxrss survives exec, so a parent holding the data would lend its size to every run
        command = [sys.executable, __file__, "--rows", str(args.rows), "--write-parquet", parquet]
        subprocess.run(command, check=True)
        timing(args, parquet)


def timing(args: argparse.Namespace, parquet: str) -> None:
    results: list[dict[str, Any]] = []
    for _ in range(args.repeat):
        command = [sys.executable, __file__, "--one", "--rows", str(args.rows), "--parquet", parquet]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout))
    seconds = statistics.median(r["seconds"] for r in results)
    cpu = statistics.median(r["cpu_seconds"] for r in results)
    rss = statistics.median(r["peak_rss_mb"] for r in results)
    before = statistics.median(r["before_mb"] for r in results)
    every = ", ".join(f"{r['seconds']:.2f}" for r in results)
    rss_runs = ", ".join(f"{r['peak_rss_mb']:.0f}" for r in results)
    print(
        f"columnar {args.rows:>8} rows × {results[0]['measures']} measures: median wall {seconds:.3f} s, "
        f"CPU {cpu:.3f} s ({args.rows / seconds:,.0f} rows/s wall; runs {every}), peak RSS {rss:.0f} MB "
        f"(runs {rss_runs}; {before:.0f} MB with the data read, before evaluating; "
        f"frame {results[0]['data_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    main()
