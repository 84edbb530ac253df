"""gwrtrack: read Chinese government work reports, extract their outline and every figure.

>>> import gwrtrack
>>> doc = gwrtrack.read("report.txt")          # doctest: +SKIP
>>> result = gwrtrack.extract(doc)              # doctest: +SKIP
>>> result.figures[0].surface                   # doctest: +SKIP
'1995.5亿元'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["Document", "Extraction", "GwrError", "Span", "__version__", "extract", "read"]

if TYPE_CHECKING:
    from gwrtrack.document import Document
    from gwrtrack.errors import GwrError
    from gwrtrack.extraction import Extraction, extract
    from gwrtrack.ingest.reader import read
    from gwrtrack.span import Span

_LAZY = {
    "Document": "gwrtrack.document",
    "GwrError": "gwrtrack.errors",
    "Extraction": "gwrtrack.extraction",
    "extract": "gwrtrack.extract",  # the package is callable: gwrtrack.extract(document)
    "read": "gwrtrack.ingest.reader",
    "Span": "gwrtrack.span",
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use: ``import gwrtrack`` does no work."""
    if name in _LAZY:
        import importlib

        module = importlib.import_module(_LAZY[name])
        return module if name == "extract" else getattr(module, name)
    raise AttributeError(f"module 'gwrtrack' has no attribute {name!r}")
