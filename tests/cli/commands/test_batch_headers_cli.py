"""Headers as people write them: did you mean, look-alikes skipped on request, quotes, everyday columns
(序号, 姓名, 身份证号) and --keep-columns carried to the results. stdout and stderr are checked apart."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

EXAMPLES = PROJECT_ROOT / "examples" / "batch"
APPLICANTS = EXAMPLES / "applicants.csv"
ID_NUMBER = "11010119900307123X"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def shipped_with_header(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped list with one header renamed."""
    text = APPLICANTS.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    assert old in header.split(",")
    renamed = tmp_path / "list.csv"
    renamed.write_text(
        ",".join(new if h == old else h for h in header.split(",")) + "\n" + rest, encoding="utf-8"
    )
    return renamed


def rent_total(runner: CliRunner, path: Path, *extra: str) -> tuple[str, str]:
    result = runner.invoke(app, ["batch", str(path), "-f", "json", *extra])
    assert result.exit_code == ExitCode.OK, result.stderr
    doc = json.loads(result.stdout)
    rent = next(m for m in doc["summary"]["measures"] if m["measure"] == "rent_subsidy")
    return rent["total"], result.stderr


def test_an_unknown_column_like_a_known_one_gets_did_you_mean(runner: CliRunner, tmp_path: Path) -> None:
    path = shipped_with_header(tmp_path, "带动就业人数", "带动就业人员数")
    result = runner.invoke(app, ["batch", str(path)])
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stdout == ""
    assert "未知列“带动就业人员数”，是否想写“带动就业人数”？" in result.stderr
    assert "--ignore-extra-columns" not in result.stderr  # the hint that would lose the fact is not given
    english = runner.invoke(app, ["batch", str(path), "--lang", "en"])
    assert "unknown column '带动就业人员数': did you mean '带动就业人数'?" in english.stderr
    typo = tmp_path / "en.csv"
    typo.write_text("id,kind,jobs_creatd\nR-1,person,3\n", encoding="utf-8")
    assert "did you mean 'jobs_created'?" in runner.invoke(app, ["batch", str(typo), "--lang", "en"]).stderr


def test_a_misspelt_everyday_column_gets_did_you_mean_and_no_missing_fact_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "everyday.csv"
    path.write_text(f"编号,类型,姓 名,身份证,带动就业人数\nR-1,个人,张三,{ID_NUMBER},3\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(path), "--as-of", "2021-03-01"])
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stdout == ""
    assert "未知列“姓 名”，是否想写“姓名”？" in result.stderr
    assert "未知列“身份证”，是否想写“身份证号”？" in result.stderr
    assert ID_NUMBER not in result.stderr
    skipped = runner.invoke(app, ["batch", str(path), "--as-of", "2021-03-01", "--ignore-extra-columns"])
    assert skipped.exit_code == ExitCode.OK, skipped.stderr
    assert "每一行都将缺少这一事实" not in skipped.stderr  # no rule reads them: nothing is missing
    assert ID_NUMBER not in skipped.stdout  # skipped, not carried


def test_a_column_like_nothing_known_keeps_the_old_hints(runner: CliRunner, tmp_path: Path) -> None:
    path = shipped_with_header(tmp_path, "带动就业人数", "联系电话")
    result = runner.invoke(app, ["batch", str(path)])
    assert result.exit_code == ExitCode.BAD_DATA
    assert "未知列：“联系电话”" in result.stderr
    assert "--ignore-extra-columns" in result.stderr
    assert "--keep-columns" in result.stderr
    assert "是否想写" not in result.stderr


def test_skipping_a_look_alike_warns_that_its_fact_is_missing_from_every_row(
    runner: CliRunner, tmp_path: Path
) -> None:
    right, _ = rent_total(runner, APPLICANTS)
    assert right != "0.00"
    path = shipped_with_header(tmp_path, "带动就业人数", "带动就业人员数")
    wrong, stderr = rent_total(runner, path, "--ignore-extra-columns")
    assert wrong == "0.00"  # what the warning is about: the money is not there
    warning = "已忽略的列“带动就业人员数”像是“带动就业人数”：每一行都将缺少这一事实；如是同一列，请把列名改为“带动就业人数”"
    assert warning in stderr.splitlines()
    doc = json.loads(runner.invoke(app, ["batch", str(path), "-f", "json", "--ignore-extra-columns"]).stdout)
    assert doc["summary"]["input"]["ignored_lookalikes"] == [
        {"column": "带动就业人员数", "looks_like": "带动就业人数"}
    ]
    # compare reads lists the same way, and says the same
    compared = runner.invoke(
        app, ["compare", str(path), "--ignore-extra-columns", "--reform",
              str(EXAMPLES.parent / "reforms" / "raise_house_rent_cap.toml"), "-f", "json"],
    )  # fmt: skip
    assert compared.exit_code == ExitCode.OK, compared.stderr
    assert warning in compared.stderr.splitlines()
    json.loads(compared.stdout)


def test_straight_curly_and_corner_quotes_are_one_header(runner: CliRunner, tmp_path: Path) -> None:
    curly = "是否“海河英才”落户"
    assert curly in APPLICANTS.read_text(encoding="utf-8").split("\n", 1)[0]
    baseline = runner.invoke(app, ["batch", str(APPLICANTS)]).stdout
    for written in (
        '是否"海河英才"落户',
        "是否'海河英才'落户",
        "是否「海河英才」落户",
        "是否＂海河英才＂落户",
    ):
        path = shipped_with_header(tmp_path, curly, written)
        result = runner.invoke(app, ["batch", str(path)])
        assert result.exit_code == ExitCode.OK, (written, result.stderr)
        assert result.stdout == baseline, written


def test_everyday_columns_are_accepted_and_carried_never_read(runner: CliRunner, tmp_path: Path) -> None:
    text = APPLICANTS.read_text(encoding="utf-8")
    header, *lines = text.strip("\n").split("\n")
    with_everyday = tmp_path / "names.csv"
    body = [f"{n},姓名{n},{ID_NUMBER if n == 1 else ''},{line}" for n, line in enumerate(lines, 1)]
    with_everyday.write_text("\n".join([f"序号,姓名,身份证号,{header}", *body]) + "\n", encoding="utf-8")
    plain = rows(runner.invoke(app, ["batch", str(APPLICANTS), "--codes"]).stdout)
    result = runner.invoke(app, ["batch", str(with_everyday), "--codes"])
    assert result.exit_code == ExitCode.OK, result.stderr
    assert ID_NUMBER not in result.stderr
    got = rows(result.stdout)
    assert list(got[0])[:5] == ["id", "序号", "姓名", "身份证号", "kind"]
    assert got[0]["身份证号"] == ID_NUMBER  # text, every digit
    assert [r["序号"] for r in got] == [str(n) for n in range(1, len(lines) + 1)]
    for before, after in zip(plain, got, strict=True):  # no rule reads them
        assert {k: v for k, v in after.items() if k not in ("序号", "姓名", "身份证号")} == before
    ndjson = runner.invoke(app, ["batch", str(with_everyday), "-f", "ndjson"])
    first = json.loads(ndjson.stdout.splitlines()[0])
    assert first["columns"] == {"序号": "1", "姓名": "姓名1", "身份证号": ID_NUMBER}


def test_an_id_number_excel_turned_into_a_number_rejects_its_row(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "mangled.csv"
    path.write_text("编号,类型,姓名,身份证号,带动就业人数\nR-1,个人,张三,1.10101E+17,3\nR-2,个人,李四,"
                    f"{ID_NUMBER},3\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(
        app,
        [
            "batch",
            str(path),
            "--rejects",
            "-",
            "-o",
            str(tmp_path / "o.csv"),
            "--as-of",
            "2021-03-01",
            "--codes",
        ],
    )
    assert result.exit_code == ExitCode.ROWS_REJECTED
    rejected = rows(result.stdout)
    assert [r["编号"] for r in rejected] == ["R-1"]
    assert rejected[0]["原因"].startswith("身份证号：被 Excel 改成了科学计数法")
    assert ID_NUMBER not in result.stderr
    assert [r["id"] for r in rows((tmp_path / "o.csv").read_text(encoding="utf-8"))] == ["R-2"]


def test_keep_columns_carries_any_column_for_joining_back(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kept.csv"
    path.write_text("编号,类型,科室,备注,带动就业人数\nR-1,个人,一科,=SUM(A1),3\n", encoding="utf-8")
    args = ["batch", str(path), "--as-of", "2021-03-01", "--codes"]
    refused = runner.invoke(app, args)
    assert refused.exit_code == ExitCode.BAD_DATA
    assert refused.stdout == ""
    result = runner.invoke(app, [*args, "--keep-columns", "科室,备注"])
    assert result.exit_code == ExitCode.OK, result.stderr
    got = rows(result.stdout)
    assert list(got[0])[:4] == ["id", "科室", "备注", "kind"]
    assert got[0]["科室"] == "一科"
    assert got[0]["备注"] == "'=SUM(A1)"  # the formula guard covers carried cells too
    itemised = rows(
        runner.invoke(app, [*args, "--keep-columns", "科室", "--keep-columns", "备注", "--itemised"]).stdout
    )
    assert {r["科室"] for r in itemised} == {"一科"}
    missing = runner.invoke(app, [*args, "--keep-columns", "部门"])
    assert missing.exit_code == ExitCode.BAD_DATA
    assert missing.stdout == ""
    assert "--keep-columns 中的列“部门”不在表头中" in missing.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ndjson_carries_the_everyday_keys_and_the_kept_ones(runner: CliRunner, jobs: str) -> None:
    first = {
        "id": "R-1",
        "kind": "person",
        "姓名": "张三",
        "身份证号": ID_NUMBER,
        "科室": "一科",
        "jobs_created": 3,
    }
    second = {"id": "R-2", "kind": "person", "jobs_created": 2}
    lines = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in (first, second))
    args = ["batch", "-", "--as-of", "2021-03-01", "-j", jobs, "--codes"]
    refused = runner.invoke(app, args, input=lines)  # 科室 is not a fact, and not kept
    assert refused.exit_code == ExitCode.BAD_DATA
    assert refused.stdout == ""
    result = runner.invoke(app, [*args, "--keep-columns", "科室"], input=lines)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert ID_NUMBER not in result.stderr
    got = rows(result.stdout)
    assert list(got[0])[:5] == ["id", "姓名", "身份证号", "科室", "kind"]
    assert [(r["id"], r["姓名"], r["身份证号"], r["科室"]) for r in got] == [
        ("R-1", "张三", ID_NUMBER, "一科"),
        ("R-2", "", "", ""),  # absent on this line: empty, not an error
    ]
    ndjson = runner.invoke(app, [*args, "--keep-columns", "科室", "-f", "ndjson"], input=lines)
    assert json.loads(ndjson.stdout.splitlines()[0])["columns"] == {
        "姓名": "张三",
        "身份证号": ID_NUMBER,
        "科室": "一科",
    }
    missing = runner.invoke(app, [*args, "--keep-columns", "部门"], input=lines)
    assert missing.exit_code == ExitCode.BAD_DATA
    assert "--keep-columns 中的字段“部门”不在第一行中" in missing.stderr
