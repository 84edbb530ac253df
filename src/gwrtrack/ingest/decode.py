"""Turn raw bytes of a text file into ``str`` without guessing silently wrong."""

from __future__ import annotations

import codecs
import re

from gwrtrack.errors import DecodeError, InputError

#: Byte-order marks we trust over any statistical guess, longest first.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Share of control characters above which a decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.01
#: Characters that show nothing: white space, zero-width and direction marks, soft hyphens, BOMs.
INVISIBLE_RE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raises :class:`DecodeError` when unsure."""
    if not data.strip():
        raise InputError("文件是空的")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding, errors="strict"), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"文件开头标明是 {encoding.upper()}（BOM），第 {exc.start + len(bom)} 个字节起却无法按它解码"
                ) from None
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError("文件像是二进制文件（含 NUL 字节），不是文本")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detected(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    even_nuls = data[0:4096:2].count(0)
    odd_nuls = data[1:4096:2].count(0)
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, DecodeError, InputError):
        return None


def _detected(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("无法识别文件的文字编码（不是 UTF-8、GB18030 或 UTF-16）")
    encoding = str(best.encoding)
    if encoding.replace("_", "").lower() in {"gb2312", "gbk", "hz", "gb18030"}:
        encoding = "gb18030"  # the superset: never lose a character GBK cannot name
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"文件内容无法按 {encoding} 解码：{exc}") from None
    if not _looks_like_cjk_or_ascii(text):
        raise DecodeError(f"按 {encoding} 解码后没有可读的中文，请先把文件转成 UTF-8")
    return _checked(text, encoding)


def _looks_like_cjk_or_ascii(text: str) -> bool:
    sample = text[:5000]
    readable = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\uffef")
    return readable >= 0.9 * len(sample)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not INVISIBLE_RE.sub("", text[:100000]) and not INVISIBLE_RE.sub("", text):
        raise InputError("文件里没有看得见的文字（只有空白或零宽字符）")
    if "\x00" in text:
        raise InputError(f"文件第 {text.index(chr(0)) + 1} 个字符是 NUL（二进制内容），不是文本")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise InputError("文件像是二进制文件（控制字符很多），不是文本")
    return text, encoding
