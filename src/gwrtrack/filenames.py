"""File names as gwrtrack stores and prints them: the last part of a path, without control characters,
direction marks (which can disguise an extension: evil\u202egpj.pdf) or zero-width characters.

A name is data from outside: it is never trusted as a path, and never printed raw to a terminal.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters a stored name may not keep: C0/C1 controls, zero-width and direction marks, and the
#: characters Windows forbids in names.
UNSAFE_NAME_CHARS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff<>:\"|?*]")
#: How long a stored name may be (the column holds 255).
MAX_NAME = 200


def clean_file_name(name: str, default: str = "document") -> str:
    """The last path part of ``name``, normalised (NFC), without unsafe characters, at most MAX_NAME long."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = UNSAFE_NAME_CHARS_RE.sub("", unicodedata.normalize("NFC", base)).strip()
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = stem[: MAX_NAME - len(ext) - 1] + dot + ext if dot and len(ext) <= 10 else base[:MAX_NAME]
    return base or default
