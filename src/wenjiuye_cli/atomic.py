"""Atomic file output: write to a temporary file beside the target, then rename it into place.

An interrupted or failed run never leaves a half-written file that looks complete: until
:meth:`AtomicTextFile.commit` the target is untouched (a previous version stays as it was), and
:meth:`AtomicTextFile.discard` removes the temporary file.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicTextFile:
    """A text file written under a temporary name in the target's directory and renamed on commit.

    ``bom`` writes a UTF-8 byte-order mark first (what Excel needs to read UTF-8 CSV).
    ``OSError`` from the constructor, :meth:`commit` or writes means the file could not be written.
    """

    def __init__(self, path: Path, *, encoding: str = "utf-8", newline: str = "", bom: bool = False) -> None:
        self.path = path
        directory = path.parent if str(path.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        self.tmp_path = Path(tmp)
        try:
            os.fchmod(fd, 0o666 & ~_umask())
            raw = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            self.tmp_path.unlink(missing_ok=True)
            raise
        self._file: TextIO = io.TextIOWrapper(raw, encoding=encoding, newline=newline)
        self.done = False
        if bom:
            self._file.write("\ufeff")

    @property
    def stream(self) -> TextIO:
        return self._file

    def write(self, text: str) -> int:
        return self._file.write(text)

    def commit(self) -> None:
        """Flush, sync and rename into place."""
        if self.done:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.tmp_path, self.path)
        self.done = True

    def discard(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        if self.done:
            return
        self.done = True
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            self.tmp_path.unlink()

    def __enter__(self) -> AtomicTextFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


@contextlib.contextmanager
def atomic_write(
    path: Path, *, encoding: str = "utf-8", newline: str = "", bom: bool = False
) -> Iterator[TextIO]:
    """``with atomic_write(path) as f: ...`` — the file appears only if the block completes."""
    with AtomicTextFile(path, encoding=encoding, newline=newline, bom=bom) as target:
        yield target.stream
