"""What messages may say about applicants (masked ID numbers) and what a defect report holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenjiuye_cli import __version__
from wenjiuye_cli.errors import mask_id, option_names, write_defect_report, write_error_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("120101199001011234", "120101********1234"),
        ("申请人 12010119900101123X 出现 2 次", "申请人 120101********123X 出现 2 次"),
        ("a.toml applicants[2] (120101900101123)", "a.toml applicants[2] (120101*****1123)"),  # 15 digits
        ("编号120101199001011234出现", "编号120101********1234出现"),
    ],
)
def test_id_numbers_are_masked_keeping_region_and_last_four(text: str, shown: str) -> None:
    assert mask_id(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "sha256 ab120101199001011234cd",  # part of a longer token (a hash)
        "1201011990010112345",  # 19 digits: not an ID number
        "合计 12000000.00 元",
        "R-001",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert mask_id(text) == text


def test_option_names_leave_values_and_files_out() -> None:
    argv = ["batch", "张三.csv", "-o", "out.csv", "--set=rent_subsidy.x=1", "--lang", "en", "-"]
    assert option_names(argv) == ["batch", "-o", "--set", "--lang"]


def test_a_defect_report_holds_the_stack_but_not_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    secret, name = "1201011990" + "01011234", "张" + "三"  # not in any source line of the stack
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise ValueError(f"{name} earns 5000") from inner
    except ValueError as exc:
        path = write_defect_report(exc, ["calc"])
    assert path is not None
    assert Path(path).parent == tmp_path
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith(f"wenjiuye {__version__}: program defect report\n")
    assert "builtins.KeyError" in text
    assert "builtins.ValueError" in text
    assert "raise KeyError(secret)" in text  # the source lines: code, not data
    assert secret not in text
    assert name not in text


def test_a_write_error_names_stdout_or_the_file() -> None:
    assert write_error_text(OSError(28, "No space left on device", "<stdout>"), "zh") == (
        "无法写入 标准输出：No space left on device"
    )
    assert write_error_text(OSError(28, "No space left on device", None), "en") == (
        "cannot write to stdout: No space left on device"
    )
    assert write_error_text(OSError(13, "Permission denied", "ro/out.csv"), "en") == (
        "cannot write to ro/out.csv: Permission denied"
    )
