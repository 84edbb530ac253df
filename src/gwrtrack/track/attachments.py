"""Which evidence files a report may carry, decided from their bytes, never from their names.

Accepted: PDF, PNG, JPEG, Word (.docx) and Excel (.xlsx), up to MAX_BYTES. Everything else is refused
with one line: HTML and SVG (a script would run in a reader's browser), executables whatever their
name, a file whose name claims another type than its bytes. A name keeps only its last path part,
without control or direction characters, and its extension is the detected type's.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from gwrtrack.errors import InputError
from gwrtrack.filenames import clean_file_name

MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 100


class AttachmentError(InputError):
    """An evidence file that is refused (type, size or name)."""


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind("pdf", "application/pdf", "PDF")
PNG = Kind("png", "image/png", "PNG 图片")
JPEG = Kind("jpg", "image/jpeg", "JPEG 图片")
DOCX = Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档")
XLSX = Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格")
KINDS = (PDF, PNG, JPEG, DOCX, XLSX)
#: Leading bytes of the accepted types (an Office file is a zip, told apart by its parts).
SIGNATURES: tuple[tuple[bytes, Kind | None], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"PK\x03\x04", None),
)
#: Other names people give the accepted types.
EXTENSION_ALIASES = {"jpeg": "jpg"}
ACCEPTED_ZH = "、".join(k.label for k in KINDS)


def detect(data: bytes) -> Kind | None:
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind if kind is not None else _office_kind(data)
    return None


def _office_kind(data: bytes) -> Kind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def safe_name(name: str, kind: Kind) -> str:
    """The last part of a path, cleaned, with the detected type's extension."""
    base = clean_file_name(name, "").strip(" .=+-@")
    stem, dot, _ext = base.rpartition(".")
    if not dot:
        stem = base
    stem = stem[: MAX_NAME - len(kind.extension) - 1] or "附件"
    return f"{stem}.{kind.extension}"


def check(name: str, data: bytes) -> tuple[str, Kind]:
    """The stored name and type of an accepted file; AttachmentError with one line otherwise."""
    if not data:
        raise AttachmentError("附件是空文件")
    if len(data) > MAX_BYTES:
        raise AttachmentError(f"附件超过 {MAX_BYTES // (1024 * 1024)} MB，未保存")
    kind = detect(data)
    if kind is None:
        raise AttachmentError(f"只接受 {ACCEPTED_ZH}；这个文件不是其中一种，未保存")
    claimed = (name or "").rpartition(".")[2].lower() if "." in (name or "") else ""
    claimed = EXTENSION_ALIASES.get(claimed, claimed)
    if claimed and claimed != kind.extension:
        raise AttachmentError(f"文件名是 .{claimed}，内容却是 {kind.label}，未保存")
    return safe_name(name, kind), kind
