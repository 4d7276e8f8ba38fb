"""Atomic output: the target appears whole or not at all; devices and pipes are written straight through."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from wenjiuye_cli.io.atomic import (
    AtomicTextFile,
    LabelledFileIO,
    atomic_write,
    commit_all,
    is_special_file,
    writes_through,
)


def test_the_target_is_untouched_until_commit(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    handle = AtomicTextFile(target, bom=True)
    handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "old\n"  # a reader sees the previous version
    handle.commit()
    assert target.read_text(encoding="utf-8") == "\ufeffnew\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_a_failure_leaves_the_previous_version_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def interrupted() -> None:
        with atomic_write(target) as stream:
            stream.write("half")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_named_pipe_is_written_through_and_stays_a_pipe(tmp_path: Path) -> None:
    # Renaming a file over the pipe would leave its reader waiting for nothing.
    pipe = tmp_path / "results"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    with atomic_write(pipe) as stream:
        stream.write("id,total\r\n")
    reader.join(timeout=10)
    assert received == [b"id,total\r\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert is_special_file(pipe)


def test_a_symbolic_link_stays_a_link_to_the_replaced_file(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_write(link) as stream:
        stream.write("new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_only_devices_pipes_and_sockets_are_special(tmp_path: Path) -> None:
    regular = tmp_path / "a.csv"
    regular.write_text("", encoding="utf-8")
    assert not is_special_file(regular)
    assert not is_special_file(tmp_path / "not-there-yet.csv")
    assert not is_special_file(tmp_path)
    assert is_special_file(Path(os.devnull))


def test_a_target_that_cannot_be_written_is_named_in_the_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    with pytest.raises(FileNotFoundError) as caught:
        AtomicTextFile(target)
    assert caught.value.filename == str(target)  # not the temporary file's name


def test_a_name_for_an_open_descriptor_is_appended_to_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/stdout >> log.csv`: /dev/stdout resolves to log.csv itself. Renaming a new file over it
    # would lose the log and leave the shell writing to a deleted file.
    log = tmp_path / "log.csv"
    log.write_text("earlier\n", encoding="utf-8")
    with log.open("ab") as shell_side:
        name = Path(f"/dev/fd/{shell_side.fileno()}")
        assert writes_through(name)
        with atomic_write(name) as stream:
            stream.write("new\n")
    assert log.read_text(encoding="utf-8") == "earlier\nnew\n"
    assert not writes_through(log)


def test_a_pipe_named_by_its_descriptor_is_written_through() -> None:
    read_end, write_end = os.pipe()
    try:
        with atomic_write(Path(f"/dev/fd/{write_end}")) as stream:
            stream.write("id\r\n")
        assert os.read(read_end, 100) == b"id\r\n"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_full_device_is_named_in_the_write_error() -> None:
    handle = AtomicTextFile(Path("/dev/full"))
    handle.write("x" * 100)
    with pytest.raises(OSError, match="No space left on device") as caught:
        handle.commit()
    assert caught.value.filename == "/dev/full"  # so the message says which output failed
    handle.discard()


def test_files_committed_together_leave_none_when_one_cannot_be_written(tmp_path: Path) -> None:
    first = AtomicTextFile(tmp_path / "out.csv")
    first.write("id\n")
    full = AtomicTextFile(Path("/dev/full"))
    full.write("{}\n")
    with pytest.raises(OSError, match="No space left on device"):
        commit_all([first, full])
    first.discard()
    full.discard()
    assert list(tmp_path.iterdir()) == []  # out.csv was not renamed into place before /dev/full failed


def test_a_labelled_file_keeps_a_broken_pipe_a_broken_pipe() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    raw = LabelledFileIO(write_end, "wb", label="<stdout>")
    with pytest.raises(BrokenPipeError) as caught:  # the quiet `| head` exit depends on it
        raw.write(b"x")
    assert caught.value.filename == "<stdout>"
    raw.close()


def test_a_refusing_labelled_file_fails_every_write_until_told_otherwise(tmp_path: Path) -> None:
    raw = LabelledFileIO(tmp_path / "f", "wb", label="<stdout>", refuse=errno.EBADF)
    with pytest.raises(OSError, match="Bad file descriptor"):
        raw.write(b"x")
    raw.refuse = None
    assert raw.write(b"x") == 1
    raw.close()
