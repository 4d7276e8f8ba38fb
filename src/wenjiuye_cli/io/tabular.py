"""Tabular text as Excel writes it, and CSV that Excel opens safely. Plain Python: no typer, no rich.

Reading
    :func:`open_text` turns a binary stream into blocks of text, each ending on a line boundary, so a
    file of any size is read in constant memory. The encoding is taken, in this order, from a byte-order
    mark (UTF-8, UTF-16, UTF-32), from ``--encoding``, or detected: UTF-8 when the first non-ASCII bytes
    decode as UTF-8 (but for a stray byte), GB18030 otherwise. Never GBK — it cannot decode rare name characters such as 䶮
    that GB18030 can. (UTF-8 bytes "decode" as GB18030 into mojibake, which is why UTF-8 is tried first.)
    The choice is made on the first non-ASCII bytes and kept: a later byte that does not fit is never a
    silent switch of encoding. It is kept as a lone surrogate (U+DC80–U+DCFF, as ``surrogateescape``
    does) and counted in :attr:`TextBlocks.undecodable_bytes`, so the row holding it can be rejected
    (:data:`UNDECODABLE` finds it) while the rows around it are read. :func:`csv_records` parses the
    blocks as RFC 4180 (CRLF, LF or CR line ends, quoted cells with commas and line breaks), or as
    tab-separated text, which is how Excel writes UTF-16 ("Unicode text"; :func:`detect_delimiter`);
    :func:`text_lines` yields NDJSON lines.

Writing
    :func:`guard_formula` is the OWASP formula-injection guard for text cells, :func:`csv_line` formats
    one RFC 4180 record, :data:`UTF8_BOM` is what Excel needs to read UTF-8.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import BinaryIO

BLOCK_SIZE = 1 << 20  # bytes read at a time
UTF8_BOM = "\ufeff"

# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GBK and GB2312 are subsets of GB18030: decode them with the superset so rare characters survive.
_GB_SUBSETS = {"gbk", "gb2312", "cp936", "ms936", "euc_cn", "euccn", "gb18030_2000"}


# Bytes the encoding cannot decode are kept as lone surrogates (0xDC00 + byte), never dropped or guessed.
UNDECODABLE = re.compile("[\udc00-\udcff]")
_MARK = "wenjiuye-undecodable"
_undecodable_total = 0  # bytes marked so far, by any decoder (each TextBlocks counts its own share)


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    global _undecodable_total
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    _undecodable_total += len(bad)
    return "".join(chr(0xDC00 + byte) for byte in bad), exc.end


codecs.register_error(_MARK, _mark_undecodable)


def shown_undecodable(text: str) -> str:
    """``text`` with each undecodable byte shown as U+FFFD, so it can be written out."""
    return UNDECODABLE.sub("\ufffd", text)


def canonical_encoding(name: str) -> str:
    """A Python codec name for ``--encoding``; GBK-family names become GB18030. LookupError if unknown."""
    info = codecs.lookup(name)
    normalised = info.name.replace("-", "_").lower()
    if normalised in _GB_SUBSETS or name.replace("-", "_").lower() in _GB_SUBSETS:
        return "gb18030"
    # Only a codec that turns bytes into text and keeps undecodable bytes can read a list: not hex or
    # rot13 (not text encodings), nor idna (it cannot keep a bad byte).
    global _undecodable_total
    before = _undecodable_total
    try:
        if not getattr(info, "_is_text_encoding", True):
            raise LookupError(name)
        probe = codecs.getincrementaldecoder(_byte_order(info.name, b""))(_MARK).decode(
            b"ab\xff\xfe\x80", True
        )
        if not isinstance(probe, str):
            raise LookupError(name)
    except LookupError:
        raise
    except Exception:
        raise LookupError(name) from None
    finally:
        _undecodable_total = before
    return info.name


_NON_ASCII = re.compile(rb"[\x80-\xff]")
_DECODED_NON_ASCII = re.compile("[^\x00-\x7f\udc00-\udcff]")


class _AutoDecoder:
    """Strict UTF-8, or GB18030 when the first non-ASCII bytes are not UTF-8; decided once."""

    EVIDENCE = 64  # bytes of non-ASCII text wanted before deciding (unless the input ends sooner)
    # UTF-8 unless fewer than this many characters decode as UTF-8 per byte that does not: GB18030 Chinese
    # read as UTF-8 decodes about one character for every ten bad bytes, UTF-8 with a stray byte hundreds.
    UTF8_CHARACTERS_PER_BAD_BYTE = 4
    PROBE = 4096  # bytes of non-ASCII text the decision looks at

    def __init__(self) -> None:
        self.encoding: str | None = None
        self._inner: codecs.IncrementalDecoder | None = None
        self._pending = b""

    def decode(self, data: bytes, final: bool = False) -> str:
        if self._inner is not None:
            return self._inner.decode(data, final)
        data = self._pending + data
        self._pending = b""
        if data.isascii():
            return data.decode("ascii")
        match = _NON_ASCII.search(data)
        assert match is not None
        first = match.start()
        if not final and len(data) - first < self.EVIDENCE:
            self._pending = data[first:]
            return data[:first].decode("ascii")
        # Decide on the first non-ASCII bytes only. UTF-8 when they decode as UTF-8 but for a stray byte
        # or two (a UTF-8 file with one bad byte is UTF-8 with one bad row, not GB18030 mojibake);
        # GB18030 text read as UTF-8 fails on most of its bytes and decodes to few characters.
        global _undecodable_total
        probe = data[first : first + self.PROBE]
        before = _undecodable_total
        text = codecs.getincrementaldecoder("utf-8")(_MARK).decode(
            probe, final and len(probe) == len(data) - first
        )
        errors, _undecodable_total = _undecodable_total - before, before  # the probe is decoded again below
        decoded = len(_DECODED_NON_ASCII.findall(text))
        self.encoding = "utf-8" if decoded >= self.UTF8_CHARACTERS_PER_BAD_BYTE * errors else "gb18030"
        self._inner = codecs.getincrementaldecoder(self.encoding)(_MARK)
        return self._inner.decode(data, final)


class TextBlocks:
    """Blocks of decoded text, each ending at a line end (``\\n``, ``\\r\\n`` or a lone ``\\r``).

    ``encoding`` names the encoding used: the BOM's, the one asked for, or the detected one
    (``"utf-8"`` while nothing but ASCII has been seen).
    """

    def __init__(self, stream: BinaryIO, encoding: str | None = None, block_size: int = BLOCK_SIZE) -> None:
        self._stream = stream
        self._block_size = block_size
        self._asked = canonical_encoding(encoding) if encoding else None
        self._auto: _AutoDecoder | None = None
        self._decoder: codecs.IncrementalDecoder | _AutoDecoder | None = None
        self._fixed: str | None = None
        self._offset = 0  # bytes handed to the decoder so far
        self.undecodable_bytes = 0  # bytes the encoding could not decode (kept as lone surrogates)
        self._iter = self._blocks()

    @property
    def encoding(self) -> str:
        if self._fixed is not None:
            return self._fixed
        if self._auto is not None and self._auto.encoding is not None:
            return self._auto.encoding
        return self._asked or "utf-8"

    @property
    def bytes_read(self) -> int:
        """Bytes of the input decoded so far (for progress against the file size)."""
        return self._offset

    def __iter__(self) -> Iterator[str]:
        return self._iter

    def __next__(self) -> str:
        return next(self._iter)

    def _start(self, head: bytes) -> None:
        for bom, name in _BOMS:
            if head.startswith(bom):
                self._fixed = name
                self._decoder = codecs.getincrementaldecoder(name)(_MARK)
                return
        if self._asked is not None:
            self._fixed = _byte_order(self._asked, head)
            self._decoder = codecs.getincrementaldecoder(self._fixed)(_MARK)
            return
        self._auto = _AutoDecoder()
        self._decoder = self._auto

    def _decode(self, data: bytes, final: bool) -> str:
        assert self._decoder is not None
        before = _undecodable_total
        text = self._decoder.decode(data, final)
        self.undecodable_bytes += _undecodable_total - before
        self._offset += len(data)
        return text

    def _blocks(self) -> Iterator[str]:
        carry = ""
        started = False
        while True:
            data = self._stream.read(self._block_size)
            if not started:
                # A BOM can be up to 4 bytes: make sure the head holds them before choosing.
                while 0 < len(data) < 4:
                    more = self._stream.read(self._block_size)
                    if not more:
                        break
                    data += more
                self._start(data)
                started = True
            final = not data
            text = carry + self._decode(data, final)
            if final:
                if text:
                    yield text
                return
            # Cut after the last line end; a trailing \r waits in case a \n follows in the next block.
            stop = len(text) - 1 if text.endswith("\r") else len(text)
            cut = max(text.rfind("\n", 0, stop), text.rfind("\r", 0, stop)) + 1
            if cut == 0:
                carry = text
                continue
            carry = text[cut:]
            yield text[:cut]


def _byte_order(encoding: str, head: bytes) -> str:
    """``--encoding utf-16`` (or utf-32) for a file without a byte-order mark: Python's codec needs the
    mark, so the byte order is read from where the zero bytes of ASCII text fall (little-endian, as
    Windows writes it, unless the text says otherwise)."""
    width = {"utf-16": 2, "utf-32": 4}.get(encoding)
    if width is None:
        return encoding
    sample = head[: 4096 - 4096 % width]
    little = sum(1 for i in range(width - 1, len(sample), width) if sample[i] == 0)
    big = sum(1 for i in range(0, len(sample), width) if sample[i] == 0)
    return f"{encoding}-be" if big > little else f"{encoding}-le"


def open_text(stream: BinaryIO, encoding: str | None = None, block_size: int = BLOCK_SIZE) -> TextBlocks:
    """Decode ``stream`` lazily; see :class:`TextBlocks`. ``LookupError`` if ``encoding`` is unknown."""
    return TextBlocks(stream, encoding, block_size)


def _lines(blocks: Iterable[str]) -> Iterator[str]:
    # io.StringIO(newline="") splits on \n, \r\n and \r and keeps the line ends, as csv needs.
    return itertools.chain.from_iterable(io.StringIO(block, newline="") for block in blocks)


# The longest cell read (the csv module's default is 128 KiB): a 1 MB cell is one bad row, not a file
# that cannot be read; a quote left open still ends the run once it has swallowed this much.
CELL_LIMIT = 16 << 20


def csv_records(blocks: Iterable[str], delimiter: str = ",") -> Iterator[list[str]]:
    """RFC 4180 records (lists of cells) from text blocks. ``csv.Error`` for malformed input."""
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    return csv.reader(_lines(blocks), delimiter=delimiter, strict=False)


def detect_delimiter(first_text: str) -> str:
    """Tab when the first non-blank line has tabs and no comma (Excel's "Unicode text", UTF-16 with tabs,
    is the only UTF-16 it writes), else comma."""
    for line in io.StringIO(first_text.lstrip(UTF8_BOM), newline=""):
        if line.strip():
            return "\t" if "\t" in line and "," not in line else ","
    return ","


def text_lines(blocks: Iterable[str]) -> Iterator[str]:
    """Lines (with their line ends) from text blocks, for NDJSON."""
    return _lines(blocks)


# ----------------------------------------------------------------------------------------- cell text

_EXCEL_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")


def excel_mangled_number(text: str) -> bool:
    """True for ``1.10101E+17``: Excel turned a long ID into a number and the digits are lost."""
    return bool(_EXCEL_SCIENTIFIC.match(unicodedata.normalize("NFKC", text).strip()))


# Quotes as people type them in a header (是否"海河英才"落户, 是否“海河英才”落户, 是否「海河英才」落户): all one.
_QUOTES = str.maketrans(dict.fromkeys("“”„‟〝〞「」『』‘’‚‛'", '"'))


def normalise_header(text: str) -> str:
    """A header cell as typed: BOM, full-width letters and surrounding spaces removed, every kind of
    quote mark (straight, curly, corner brackets) made a straight double quote."""
    return unicodedata.normalize("NFKC", text.replace(UTF8_BOM, "")).strip().translate(_QUOTES)


# ------------------------------------------------------------------------------------------ writing

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def guard_formula(cell: str) -> str:
    """Prefix ``'`` to a text cell Excel would read as a formula (OWASP CSV injection).

    Cells beginning with ``= + - @``, tab or carriage return are guarded; a plain signed number
    (``-5``, ``+3.5``) is left alone, and so is an already guarded cell, so the guard is idempotent.
    """
    if cell and cell[0] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def guard_row(cells: Iterable[str]) -> list[str]:
    return [guard_formula(c) for c in cells]


class _LineBuffer:
    """A minimal file for csv.writer to format one record into."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


_LINE = _LineBuffer()
_LINE_WRITER = csv.writer(_LINE, lineterminator="\r\n")


def csv_line(cells: Iterable[str]) -> str:
    """One RFC 4180 record (quoted where needed) ending in CRLF."""
    _LINE_WRITER.writerow(cells)
    return _LINE.text
