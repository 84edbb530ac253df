"""Figures and their attributes, extracted from a normalised view of a document.

The package is also the library's ``gwrtrack.extract(document)``: importing a subpackage sets
the parent's attribute of the same name, so the package itself is made callable and hands the
call to :func:`gwrtrack.extraction.extract`.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gwrtrack.document import Document
    from gwrtrack.extraction import Extraction


class _CallablePackage(types.ModuleType):
    def __call__(self, document: Document) -> Extraction:
        from gwrtrack.extraction import extract

        return extract(document)


sys.modules[__name__].__class__ = _CallablePackage
