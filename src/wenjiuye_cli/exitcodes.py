"""Exit codes, in one place (documented in the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ROWS_REJECTED = 1  # batch: some rows were rejected (they are in the rejects file)
    USAGE = 2  # bad command-line usage (Click's own code)
    BAD_DATA = 65  # input data unreadable (encoding, CSV structure, unknown columns)
    NO_INPUT = 66  # an input file does not exist or cannot be opened
    UNAVAILABLE = 69  # an optional part is missing: --plot without matplotlib (pip install 'wenjiuye[plot]')
    SOFTWARE = 70  # a defect in the program (EX_SOFTWARE): a report is written to the temp directory
    IO_ERROR = 74  # cannot write an output file or stdout (a full disk, /dev/full, a closed stream)
    BAD_CONFIG = 78  # invalid policy file, reform, --set override or scenario file
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM, e.g. `kill` (128 + SIGTERM)
