"""Readers for each supported file format: bytes in, text out (verbatim where the format has text)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from gwrtrack.errors import DecodeError, InputError, NeedsOCRError
from gwrtrack.ingest.decode import decode_bytes

Reader = Callable[[bytes], tuple[str, str | None]]

#: Characters per page below which a PDF page is taken to have no text layer.
MIN_PDF_CHARS_PER_PAGE = 20
#: Bounds of a Word file before it is parsed (a report has about a thousand paragraphs and 1 MB of XML):
#: a small file that unpacks to gigabytes or millions of paragraphs is refused, not read.
MAX_DOCX_UNPACKED = 200 * 1024 * 1024
MAX_DOCX_XML = 50 * 1024 * 1024
MAX_DOCX_PARAGRAPHS = 200_000
#: A paragraph or table row opening in WordprocessingML.
DOCX_BLOCK_RE = re.compile(rb"<w:(?:p|tr)[ />]")


def read_txt(data: bytes) -> tuple[str, str | None]:
    return decode_bytes(data)


def read_docx(data: bytes) -> tuple[str, str | None]:
    """Paragraphs in reading order, one per line; a table as a Markdown table (extract/tables.py reads its
    cells as figures, with units and metrics from its headers)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("这个 .docx 文件不是有效的 Word 文档（不是 zip 包）")
    _check_docx_bounds(data)
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(f"这个 .docx 文件打不开：{exc}") from None
    lines: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_markdown_table(block))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError("这个 .docx 文件里没有文字")
    return text, None


def _check_docx_bounds(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_DOCX_UNPACKED:
                raise InputError(f"这个 .docx 解压后超过 {MAX_DOCX_UNPACKED // (1024 * 1024)} MB，不读取")
            body = next((i for i in infos if i.filename == "word/document.xml"), None)
            if body is None:
                raise InputError("这个 .docx 文件里没有正文（word/document.xml）")
            if body.file_size > MAX_DOCX_XML:
                raise InputError(f"这个 .docx 的正文超过 {MAX_DOCX_XML // (1024 * 1024)} MB，不读取")
            with zf.open(body) as handle:
                xml = handle.read(MAX_DOCX_XML + 1)  # never more than the bound, whatever the header says
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"这个 .docx 文件打不开：{exc}") from None
    if len(xml) > MAX_DOCX_XML:
        raise InputError(f"这个 .docx 的正文超过 {MAX_DOCX_XML // (1024 * 1024)} MB，不读取")
    blocks = len(DOCX_BLOCK_RE.findall(xml))
    if blocks > MAX_DOCX_PARAGRAPHS:
        raise InputError(f"这个 .docx 有 {blocks} 个段落和表格行，超过 {MAX_DOCX_PARAGRAPHS} 的上限，不读取")


def _markdown_table(table: object) -> list[str]:
    """| a | b | rows of a Word table, the first row as the header (merged cells written once)."""
    rows: list[list[str]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()).replace("|", "｜"))
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    out = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return ["", out[0], "| " + " | ".join(["---"] * width) + " |", *out[1:], ""]


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """The text layer of every page, pages joined by a form feed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise InputError(f"这个 PDF 打不开：{exc}") from None
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
        raise NeedsOCRError("这个 PDF 没有文字层（扫描件），请先做 OCR 文字识别")
    return text, None


def read_html(data: bytes) -> tuple[str, str | None]:
    """The main text of a web page (navigation and boilerplate left out)."""
    import trafilatura

    raw, encoding = _decode_html(data)
    text = trafilatura.extract(raw, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise InputError("网页中找不到正文")
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
        raise DecodeError("无法识别网页的文字编码") from None


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
