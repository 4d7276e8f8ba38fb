"""Atomic file output: write to a temporary file beside the target, then rename it into place.

An interrupted or failed run never leaves a half-written file that looks complete: until
:meth:`AtomicTextFile.commit` the target is untouched (a previous version stays as it was), and
:meth:`AtomicTextFile.discard` removes the temporary file.

Only a regular file (or a path not there yet) is replaced. A device, a named pipe or a socket
(``/dev/null``, ``mkfifo``), and any name under ``/dev`` or ``/proc`` (``/dev/stdout``, ``/dev/fd/3``,
bash's ``>(…)``) is written straight through, appending to what the shell opened: renaming a file over it
would replace the device or the pipe itself, or cut a redirection off from its file. A symbolic link stays a
link; the file it points to is the one replaced.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writes_through(path: Path) -> bool:
    """A device, a pipe or a socket, or a name for an open descriptor (``/dev/stdout``, ``/dev/fd/3``,
    ``>(…)``, ``/proc/self/fd/1``): written in place, never replaced. Renaming over the file such a name
    resolves to would cut the shell's redirection (``-o /dev/stdout >> log.csv``) off from it."""
    text = os.path.abspath(path)
    if text.startswith(("/dev/", "/proc/")):
        return True
    return is_special_file(path)


def is_special_file(path: Path) -> bool:
    """Whether ``path`` names a device, a named pipe or a socket (written straight through, see above)."""
    try:
        mode = os.stat(path).st_mode  # follows symbolic links
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class AtomicTextFile:
    """A text file written under a temporary name in the target's directory and renamed on commit.

    ``bom`` writes a UTF-8 byte-order mark first (what Excel needs to read UTF-8 CSV).
    ``OSError`` from the constructor, :meth:`commit` or writes means the file could not be written.
    """

    def __init__(self, path: Path, *, encoding: str = "utf-8", newline: str = "", bom: bool = False) -> None:
        self.path = path
        target = Path(os.path.realpath(path))
        self.tmp_path: Path | None = None
        if writes_through(path):
            # Append: what the shell opened (``> f`` truncated it, ``>> f`` did not) is left as it set it.
            raw = open(path, "ab")  # closed by commit() or discard()
        else:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:  # name the file the user asked for, not the temporary one
                raise OSError(exc.errno, exc.strerror, str(path)) from None
            self.tmp_path = Path(tmp)
            try:
                os.fchmod(fd, 0o666 & ~_umask())
                raw = os.fdopen(fd, "wb")
            except BaseException:
                os.close(fd)
                self.tmp_path.unlink(missing_ok=True)
                raise
        self._target = target
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
        if self.tmp_path is None:  # a device or a pipe: nothing to rename
            self.done = True
            self._file.close()
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.tmp_path, self._target)
        self.done = True

    def discard(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        if self.done:
            return
        self.done = True
        with contextlib.suppress(OSError):
            self._file.close()
        if self.tmp_path is not None:
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
