"""Cells that a spreadsheet would run as a formula, neutralised in every export.

A value typed by a user or imported from a partner's file — a name like
``=HYPERLINK("http://…","Cliquez")`` or a note starting with ``+`` or ``@`` — is
a formula to Excel and LibreOffice when the exported CSV or XLSX is opened
(CSV/formula injection, OWASP). Exports prefix such text with an apostrophe,
the spreadsheets' own "this is text" mark; numbers (``-12.5``) are left alone.
The bundle reader removes the mark again, so export → import changes nothing.
"""

import re

#: First characters that make a cell a formula (tab and carriage return too, per OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
MARK = "'"


def _marked(value: str) -> bool:
    """Starts with a trigger, after any number of marks (so a typed ``'=`` survives too)."""
    return value.lstrip(MARK).startswith(FORMULA_TRIGGERS)


def neutralise(value):
    """``value`` as it must be written to a spreadsheet cell (non-text values unchanged)."""
    if isinstance(value, str) and _marked(value) and not _NUMBER.match(value):
        return MARK + value
    return value


def unneutralise(value: str) -> str:
    """The text ``neutralise`` was given: one mark is removed before a trigger character."""
    if value.startswith(MARK) and _marked(value):
        return value[1:]
    return value
