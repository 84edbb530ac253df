"""Cells that are safe to open in Excel, LibreOffice or Word, whatever the text in them.

- A text cell beginning with = + - @ (or a tab or carriage return before one) would run as a formula
  when the file is opened (CSV injection): it gets a leading apostrophe, as OWASP recommends, and is
  written as text. Numbers stay numbers: -6.1 is a value, not a formula.
- Control characters (a \\f page break from a PDF, a \\x00) are not allowed in XML: they are dropped,
  so one odd character never makes an export fail.
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 forbids (all C0 controls but tab, newline and carriage return).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def safe_text(value: str) -> str:
    """``value`` without control characters, and quoted if a spreadsheet would read it as a formula."""
    value = CONTROL_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_cell(value: object) -> object:
    """A cell value for CSV, XLSX or DOCX: text made safe, other values as they are."""
    return safe_text(value) if isinstance(value, str) else value


def xml_text(value: str) -> str:
    """Text for a Word document: without the control characters XML forbids."""
    return CONTROL_RE.sub("", value)


def unquote(value: str) -> str:
    """A cell read back from a sheet this module wrote: the apostrophe before a formula start removed."""
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_STARTS and value[1:2] else value
