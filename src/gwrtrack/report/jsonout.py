"""An extraction as one JSON-ready dict: document, outline, footnotes, figures."""

from __future__ import annotations

from typing import Any

from gwrtrack.extraction import Extraction


def extraction_json(result: Extraction) -> dict[str, Any]:
    doc = result.document
    return {
        "doc": doc.name,
        "meta": {
            "region": doc.meta.region,
            "year": doc.meta.year,
            "kind": doc.meta.kind.value,
            "title": doc.meta.title,
            "format": doc.source_format,
            "encoding": doc.encoding,
            "chars": len(doc.text),
        },
        "flags": list(result.flags),
        "outline": [
            {
                "level": h.level,
                "start": h.span.start,
                "end": h.span.end,
                "surface": h.surface,
                "part": h.part.value if h.part else None,
            }
            for h in result.outline
        ],
        "footnotes": [
            {
                "n": n.n,
                "start": n.marker.start,
                "end": n.marker.end,
                "term": n.term_text,
                "term_start": n.term.start if n.term else None,
                "term_end": n.term.end if n.term else None,
                "definition": n.definition,
            }
            for n in result.footnotes.items
        ],
        "figures": [
            {**f.as_record(doc.name), "section": list(f.section), "flags": list(f.flags)} for f in result.figures
        ],
    }
