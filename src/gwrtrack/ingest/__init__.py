"""Reading files into :class:`~gwrtrack.document.Document` (txt, docx, pdf, html; any encoding)."""

from gwrtrack.ingest.reader import iter_paths, read, read_folder, supported_suffixes

__all__ = ["iter_paths", "read", "read_folder", "supported_suffixes"]
