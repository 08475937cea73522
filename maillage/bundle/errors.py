"""Errors of a bundle import, always reported as ``FILE:LINE: COLUMN: message``.

An import never stops at the first problem: every error is collected, so that
whoever prepared the files can correct them all before trying again. LINE
counts the header as line 1 and is the line where the record *starts*; errors
that concern a whole file (or the archive) are reported on line 1, with ``-``
as the column.
"""

from dataclasses import dataclass

NO_COLUMN = "-"


@dataclass(frozen=True)
class BundleError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column or NO_COLUMN}: {self.message}"


class CellError(ValueError):
    """Raised by a cell parser; ``message`` says, in French, what is wrong with the cell."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReadError(Exception):
    """A file cannot be read further (encoding, broken quoting): reported at ``line``."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message
