"""What must hold for any bytes at all: ``read`` gives a document or a one-line :class:`GwrError`, never
another exception; every span of the extraction points at exactly its surface in the text.

Used by the property tests (hypothesis, in CI) and by ``bench/fuzz.py`` (millions of inputs).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gwrtrack.errors import GwrError

#: Starts of files that lead the readers down different paths.
HEADERS = (
    b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"%PDF-1.7\n", b"PK\x03\x04",
    b"<html><body>", b"---\ntitle: x\n---\n", b"\x00", b"MZ",
)  # fmt: skip
SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf")
#: Words and signs of reports, to build texts that reach the extractor's deeper paths.
PIECES = (
    "地区生产总值", "增长", "6.5%", "左右", "亿元", "万人", "新建", "学校", "20所", "2024年", "一、", "（一）",
    "，", "。", "；", "[1]", "\n", "## ", "**", "全年", "预计", "以上", "第一", "三分之一", "十四五", "|", "---",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    kind: str  # crash | span
    detail: str


def check_bytes(data: bytes, suffix: str = ".txt") -> list[Finding]:
    """Read and extract ``data`` as a file with ``suffix``; what went against the rules."""
    import gwrtrack

    try:
        document = gwrtrack.read(data, name=f"fuzz{suffix}")
    except GwrError as exc:
        message = str(exc)
        if "\n" in message or not message:
            return [Finding("crash", f"error not one line: {message!r}")]
        return []
    except Exception as exc:  # anything else is a crash
        return [Finding("crash", f"{type(exc).__name__}: {exc}")]
    return check_text(document)


def check_text(document: object) -> list[Finding]:
    import gwrtrack

    text: str = document.text  # type: ignore[attr-defined]
    try:
        result = gwrtrack.extract(document)  # type: ignore[arg-type]
    except Exception as exc:
        return [Finding("crash", f"extract: {type(exc).__name__}: {exc}")]
    found = []
    for f in result.figures:
        if text[f.span.start : f.span.end] != f.surface:
            found.append(Finding("span", f"figure {f.span} {f.surface!r}"))
    for h in result.outline:
        if text[h.span.start : h.span.end] != h.surface:
            found.append(Finding("span", f"heading {h.span} {h.surface!r}"))
    for p in result.projects:
        if text[p.span.start : p.span.end] != p.surface:
            found.append(Finding("span", f"project {p.span} {p.surface!r}"))
    return found


def random_input(rng: random.Random) -> tuple[bytes, str]:
    """One input: a header, then report-like text in some encoding, random bytes, or both, mutated."""
    header = rng.choice(HEADERS)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 60)))
    encoding = rng.choice(("utf-8", "gb18030", "utf-16-le", "utf-16-be", "big5"))
    body = text.encode(encoding, errors="replace")
    if rng.random() < 0.4:
        body += bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
    data = bytearray(header + body)
    for _ in range(rng.randrange(0, 4)):  # flip, drop or insert a byte
        if not data:
            break
        k = rng.randrange(len(data))
        action = rng.random()
        if action < 0.4:
            data[k] = rng.randrange(256)
        elif action < 0.7:
            del data[k]
        else:
            data.insert(k, rng.randrange(256))
    return bytes(data), rng.choice(SUFFIXES)
