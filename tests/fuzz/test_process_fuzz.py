"""The real program in a process of its own, killed after a generous timeout: a hang detector for the
hostile values of issue 11 (``1E+999999999`` as a whole number ran for more than ten minutes), where an
alarm in the test process could not interrupt a computation inside C.

Promises: the process ends within the timeout, with a documented exit code and no traceback."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import HANG_SECONDS, fuzz_settings, tried
from tests.fuzz.hostile import DOCUMENTED, HOSTILE_ATOMS, to_toml_value

FACTS = st.sampled_from(["jobs_created", "rent_months", "monthly_rent", "registration_date", "sex", "id"])
WORST = st.sampled_from(
    ["1E+999999999", "1e999999999", "1E+999999999%", "9" * 5000, "1e400", "9999-12-31", "\ud800"]
)


def run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "wenjiuye_cli", *args], input=stdin, capture_output=True,
        timeout=HANG_SECONDS * 4, check=False,
    )  # fmt: skip
    assert done.returncode in DOCUMENTED, (done.returncode, done.stderr[-1000:])
    assert b"Traceback" not in done.stderr, done.stderr[-2000:]
    return done


@fuzz_settings(examples=6)
@given(FACTS, WORST | st.sampled_from(HOSTILE_ATOMS), st.sampled_from(["calc", "batch"]), st.booleans())
def test_the_program_ends_promptly_on_any_value(
    tmp_path_factory: Any, fact: str, value: str, command: str, quoted: bool
) -> None:
    if command == "calc":
        shown = to_toml_value(value) if quoted or not value[:1].isdigit() else value
        ident = "" if fact == "id" else 'id = "P1"\n'
        scenario = (
            f'[[applicants]]\n{ident}kind = "person"\napplication_date = 2021-03-15\n{fact} = {shown}\n'
        )
        tried("process calc (toml on stdin)")
        run(["calc", "-", "-f", "json"], scenario.encode("utf-8", "surrogatepass"))
    else:
        rows = (
            f"id,kind,{fact}\nP1,person,{value}\nP2,person,\n"
            if fact != "id"
            else f"id,kind\n{value},person\n"
        )
        out = tmp_path_factory.mktemp("process") / "out.csv"
        tried("process batch (csv on stdin)")
        run(["batch", "-", "-o", str(out), "--rejects", str(out.with_suffix(".rejects.csv")), "-q"],
            rows.encode("utf-8", "surrogatepass"))  # fmt: skip
