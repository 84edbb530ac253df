"""``read()``: any supported file, bytes or folder in, :class:`Document` out."""

from __future__ import annotations

import stat
from pathlib import Path

from gwrtrack.document import Document, Kind, Meta
from gwrtrack.errors import InputError, UnsupportedFormatError
from gwrtrack.filenames import clean_file_name
from gwrtrack.ingest.formats import READERS
from gwrtrack.ingest.meta import infer_meta

#: Largest file we read; government reports are well under 1 MB of text.
MAX_BYTES = 50 * 1024 * 1024


def size_words(n: int) -> str:
    """12 MB, 980 KB: a size as a person reads it."""
    return f"{n / (1024 * 1024):.3g} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def read(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    fmt: str | None = None,
    region: str | None = None,
    year: int | None = None,
    kind: Kind | str | None = None,
    title: str | None = None,
) -> Document:
    """Read one report. ``source`` is a path or the file's bytes (then give ``name`` or ``fmt``).

    ``region``, ``year``, ``kind`` and ``title`` override what is inferred from the text.
    """
    if isinstance(source, bytes):
        data = source
        name = name or f"document.{(fmt or 'txt').lstrip('.')}"
    else:
        data = file_bytes(source)
        name = name or Path(source).name
    name = clean_file_name(name)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}：文件超过 {size_words(MAX_BYTES)} 上限")
    suffix = ("." + fmt.lstrip(".")) if fmt else Path(name).suffix.lower()
    reader = READERS.get(suffix.lower())
    if reader is None:
        known = ", ".join(supported_suffixes())
        raise UnsupportedFormatError(f"{name}：不支持的文件类型 {suffix or '（无扩展名）'}；gwrtrack 读取 {known}")
    try:
        text, encoding = reader(data)
    except InputError as exc:
        raise type(exc)(f"{name}：{exc}") from None
    inferred = infer_meta(text)
    meta = Meta(
        region=region or inferred.region,
        year=year or inferred.year,
        kind=Kind(kind) if kind else inferred.kind,
        title=title or inferred.title,
    )
    return Document(name=name, text=text, meta=meta, source_format=suffix.lstrip("."), encoding=encoding)


def file_bytes(source: str | Path) -> bytes:
    """The bytes of a regular file, at most one more than the limit: never a folder, device, pipe or socket."""
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{clean_file_name(str(path))} 是文件夹：请用 read_folder()")
    shown = clean_file_name(path.name)
    try:
        status = path.stat()  # follows a link: a link to /dev/zero is a device
    except FileNotFoundError:
        raise InputError(f"{shown}：文件不存在") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{shown}：不是普通文件（设备、管道或套接字），不读取")
    if status.st_size > MAX_BYTES:
        raise InputError(f"{shown}：文件有 {size_words(status.st_size)}，上限是 {size_words(MAX_BYTES)}")
    with path.open("rb") as handle:  # at most one byte more than the limit, even if the file grows
        return handle.read(MAX_BYTES + 1)


def iter_paths(paths: list[Path]) -> list[Path]:
    """Files named, plus every supported file inside named folders (sorted, recursive)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in READERS and not p.is_dir())
        else:
            out.append(path)
    return out


def read_folder(folder: str | Path) -> list[Document]:
    """Every supported file in ``folder`` (recursive), in name order."""
    return [read(p) for p in iter_paths([Path(folder)])]
