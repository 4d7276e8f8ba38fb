"""Generate a synthetic applicant CSV for ``wenjiuye batch`` benchmarks (seeded, reproducible).

    python benchmarks/generate.py 1000000 -o /tmp/applicants-1m.csv [--seed 2020] [--bad-every 997]

Every applicant kind that has a measure in the registry *when this runs* appears, in rotation with
random weights; each row fills the facts of its kind (about 85% of them — the rest are empty cells,
i.e. missing facts) and leaves the other kinds' columns empty. Cells are typed the way people type
them in Excel: 是/否 and Y/N, full-width digits, thousands separators and a trailing 元, percentages,
dates as 2021-03-15, 2021/3/15 and 2021年3月15日, Chinese labels for choices. About one row in
``--bad-every`` is deliberately bad (an impossible date, "maybe" for a yes/no, a negative count, an ID
mangled by Excel into 1.10101E+17, a cell filled for a fact the row's kind does not have), so the
rejects path is exercised too. Headers are the Chinese labels (English names where a label is shared).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from wenjiuye_cli.batch import header_targets
from wenjiuye_cli.engine import all_facts, facts_for_kind, measures_for_kind
from wenjiuye_cli.facts import KINDS, FactSpec

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
KIND_ZH = {kind: zh for kind, (zh, _en) in KINDS.items()}


def header_for(name: str, spec: FactSpec) -> str:
    targets, _ambiguous = header_targets()
    return spec.label_zh if targets.get(spec.label_zh) == name else name


def fmt_date(rng: random.Random, day: date) -> str:
    style = rng.random()
    if style < 0.6:
        return day.isoformat()
    if style < 0.85:
        return f"{day.year}/{day.month}/{day.day}"
    return f"{day.year}年{day.month}月{day.day}日"


def random_date(rng: random.Random, name: str) -> date:
    if "birth" in name:
        start, span = date(1960, 1, 1), 365 * 44
    elif name == "application_date":
        start, span = date(2020, 7, 1), 365 * 5 - 10
    else:
        start, span = date(2016, 1, 1), 365 * 9
    return start + timedelta(days=rng.randrange(span))


def fmt_int(rng: random.Random, value: int) -> str:
    text = str(value)
    return text.translate(FULL_WIDTH) if rng.random() < 0.05 else text


def cell(rng: random.Random, name: str, spec: FactSpec) -> str:
    kind = spec.type
    if kind == "bool":
        yes = rng.random() < 0.6
        style = rng.random()
        if style < 0.8:
            return "是" if yes else "否"
        if style < 0.9:
            return "Y" if yes else "N"
        return "true" if yes else "false"
    if kind == "int":
        if "months" in name:
            return fmt_int(rng, rng.randrange(0, 40))
        if "count" in name or "staff" in name or "persons" in name:
            return fmt_int(rng, rng.randrange(0, 300))
        if "age" in name:
            return str(rng.choice((50, 55)))
        return fmt_int(rng, rng.randrange(0, 12))
    if kind == "money":
        value = (
            rng.randrange(100, 600_000) if "loan" in name or "premium" in name else rng.randrange(100, 6000)
        )
        style = rng.random()
        if style < 0.6:
            return str(value)
        if style < 0.85:
            return f"{value:,}元"
        return f"{value:,}".translate(FULL_WIDTH)
    if kind == "ratio":
        rate = rng.randrange(200, 600) / 100
        return f"{rate}%" if rng.random() < 0.7 else str(round(rate / 100, 4))
    if kind == "date":
        return fmt_date(rng, random_date(rng, name))
    if kind == "choice":
        picked = rng.choice(list(spec.choices))
        return spec.choices[picked][0] if rng.random() < 0.5 else picked
    if kind == "firms":
        return "; ".join(f"{rng.randrange(0, 30)}/{rng.randrange(0, 6)}" for _ in range(rng.randrange(0, 4)))
    return f"T{rng.randrange(10**6)}"


def bad_row(rng: random.Random, row: dict[str, str], names: list[str], kind: str) -> None:
    """Spoil one thing in the row, the way real lists go wrong."""
    own = facts_for_kind(kind)
    choice = rng.randrange(5)
    if choice == 0:
        row["id"] = "1.10101E+17"
        return
    if choice == 1:
        row["application_date"] = "2021-02-30"
        return
    bools = [n for n in own if own[n].type == "bool"]
    ints = [n for n in own if own[n].type == "int"]
    if choice == 2 and bools:
        row[rng.choice(bools)] = "maybe"
        return
    if choice == 3 and ints:
        row[rng.choice(ints)] = "-3"
        return
    foreign = [n for n in names if n not in own]
    if foreign:
        row[rng.choice(foreign)] = "是"
    else:
        row["application_date"] = "someday"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("rows", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--bad-every", type=int, default=997, help="about one bad row in N (0: none)")
    parser.add_argument("--fill", type=float, default=0.85, help="share of a row's facts that are filled")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    kinds = [k for k in KINDS if measures_for_kind(k)]
    weights = [rng.randrange(1, 10) for _ in kinds]
    specs = all_facts()
    names = list(specs)
    headers = ["编号", "类型", *(header_for(n, specs[n]) for n in names)]
    own_names = {k: [n for n in names if n in facts_for_kind(k)] for k in kinds}
    with args.output.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(headers)
        for i in range(args.rows):
            kind = rng.choices(kinds, weights)[0]
            own = facts_for_kind(kind)
            row = {"id": f"{kind[:2].upper()}{i:08d}"}
            for name in own_names[kind]:
                if rng.random() < args.fill:
                    row[name] = cell(rng, name, own[name])
            if args.bad_every and rng.randrange(args.bad_every) == 0:
                bad_row(rng, row, names, kind)
            writer.writerow([row["id"], KIND_ZH[kind] if i % 2 else kind, *(row.get(n, "") for n in names)])
    print(f"{args.rows} rows, kinds {', '.join(kinds)} → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
