"""Readers for each supported file format: bytes in, text out (verbatim where the format has text)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from gwrtrack.errors import DecodeError, InputError, NeedsOCRError
from gwrtrack.ingest.decode import decode_bytes

Reader = Callable[[bytes], tuple[str, str | None]]

#: Characters per page below which a PDF page is taken to have no text layer.
MIN_PDF_CHARS_PER_PAGE = 20


def read_txt(data: bytes) -> tuple[str, str | None]:
    return decode_bytes(data)


def read_docx(data: bytes) -> tuple[str, str | None]:
    """Paragraphs and table cells in reading order, one per line."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("the .docx file is not a valid Word document (not a zip archive)")
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(f"the .docx file cannot be opened: {exc}") from None
    lines: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines.append(cell.text)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError("the .docx file holds no text")
    return text, None


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """The text layer of every page, pages joined by a form feed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise InputError(f"the PDF cannot be opened: {exc}") from None
    pages: list[str] = []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\f".join(pages)
    if len(text.strip()) < MIN_PDF_CHARS_PER_PAGE * max(1, len(pages)):
        raise NeedsOCRError("the PDF has no text layer (scanned pages): run OCR on it first")
    return text, None


def read_html(data: bytes) -> tuple[str, str | None]:
    """The main text of a web page (navigation and boilerplate left out)."""
    import trafilatura

    raw, encoding = _decode_html(data)
    text = trafilatura.extract(raw, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise InputError("no main text found in the HTML page")
    return text, encoding


def _decode_html(data: bytes) -> tuple[str, str]:
    head = data[:2048].lower()
    for label in (b"gb2312", b"gbk", b"gb18030"):
        if b"charset=" + label in head or b'charset="' + label in head:
            try:
                return data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                break
    try:
        return decode_bytes(data)
    except DecodeError:
        raise DecodeError("cannot tell the encoding of the HTML page") from None


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_txt,  # Markdown: the text as written; front matter and marks are read by ingest.meta and structure
    ".markdown": read_txt,
    ".text": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}
