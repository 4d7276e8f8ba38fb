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
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO


class LabelledFileIO(io.FileIO):
    """A raw file whose errors name it (``OSError.filename``), so that a message about a full disk says which
    output it could not write: the buffered layers above a raw file raise its errors without a name.

    ``refuse``: an errno every write fails with (a standard stream closed before the run started)."""

    def __init__(
        self,
        file: int | str | Path,
        mode: str,
        *,
        label: str,
        closefd: bool = True,
        refuse: int | None = None,
    ) -> None:
        super().__init__(file, mode, closefd=closefd)
        self.label = label
        self.refuse = refuse

    def write(self, data: Any) -> int:
        if self.refuse is not None:
            raise OSError(self.refuse, os.strerror(self.refuse), self.label)
        try:
            return super().write(data)
        except OSError as exc:  # EPIPE stays a BrokenPipeError: OSError() picks the subclass by errno
            raise OSError(exc.errno, exc.strerror, self.label) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null, after it failed (a reader went away, a full disk, a closed stream): later
    writes and the interpreter's last flush go nowhere, quietly, instead of failing again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no stdout at all: nothing to silence
        return
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, LabelledFileIO):
        raw.refuse = None  # a stdout closed at start: /dev/null is now behind it


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
            raw = io.BufferedWriter(
                LabelledFileIO(path, "ab", label=str(path))
            )  # closed by commit()/discard()
        else:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:  # name the file the user asked for, not the temporary one
                raise OSError(exc.errno, exc.strerror, str(path)) from None
            self.tmp_path = Path(tmp)
            try:
                os.fchmod(fd, 0o666 & ~_umask())
                raw = io.BufferedWriter(LabelledFileIO(fd, "wb", label=str(path)))
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

    def prepare(self) -> None:
        """Flush and sync, so that a full disk shows now: :func:`commit_all` prepares every file of a run
        before it renames any, so that an error leaves none of them. ``OSError`` names the target."""
        if self.done:
            return
        try:
            self._file.flush()
            if self.tmp_path is not None:
                os.fsync(self._file.fileno())
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(self.path)) from None

    def commit(self) -> None:
        """Flush, sync and rename into place. An ``OSError`` names the target, not the temporary file."""
        if self.done:
            return
        self.prepare()
        try:
            self._file.close()
            if self.tmp_path is not None:  # not a device or a pipe, which have nothing to rename
                os.replace(self.tmp_path, self._target)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(self.path)) from None
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


def commit_all(files: list[AtomicTextFile]) -> None:
    """Commit a run's files together: all are flushed and synced first, so that a write error (a full disk)
    leaves none of them in place; only then are they renamed."""
    for handle in files:
        handle.prepare()
    for handle in files:
        handle.commit()


@contextlib.contextmanager
def atomic_write(
    path: Path, *, encoding: str = "utf-8", newline: str = "", bom: bool = False
) -> Iterator[TextIO]:
    """``with atomic_write(path) as f: ...`` — the file appears only if the block completes."""
    with AtomicTextFile(path, encoding=encoding, newline=newline, bom=bom) as target:
        yield target.stream
