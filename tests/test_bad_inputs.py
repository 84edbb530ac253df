"""Bad input, kind by kind: each file gets exactly one line (refused, with its reason), the exit code is 2,
nothing is stored, and a folder ingest goes on with the next file. No traceback, no hang, no partial store."""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from gwrtrack.cli import cli

SEED = Path(__file__).parent.parent / "src" / "gwrtrack" / "data" / "seeds" / "000_b41fdc44bbf3ffda.txt"
REPORT = "2024年工作安排：地区生产总值增长6%左右，新建学校20所。".encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _docx_with(body: bytes) -> bytes:
    types = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    return _zip({"[Content_Types].xml": types, "word/document.xml": body})


def _valid_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def _noise(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


W_P = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'

#: name → (file name, bytes, words the refusal must contain)
BYTES_CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.txt", lambda: b"", "空"),
    "spaces only": ("spaces.txt", lambda: b" \n\t\r\n  ", "空"),
    "zero-width only": ("zw.txt", lambda: "\u200b\u200c\u200d\ufeff\u2060".encode(), "看得见的文字"),
    "BOM only": ("bom.txt", lambda: b"\xef\xbb\xbf", "看得见的文字"),
    "direction marks only": ("rtl.txt", lambda: "\u202e\u202d\u2066\u2069".encode(), "看得见的文字"),
    "soft hyphens and NBSP only": ("soft.txt", lambda: "\u00ad\u00a0\u3000".encode(), "看得见的文字"),
    "UTF-8 BOM then bad bytes": ("bom8.txt", lambda: b"\xef\xbb\xbf\xff\xfe\xfd abc", "BOM"),
    "UTF-16LE BOM then a lone surrogate": ("bom16le.txt", lambda: b"\xff\xfe\x00\xd8\x41\x00", "BOM"),
    "UTF-16BE BOM then a lone surrogate": ("bom16be.txt", lambda: b"\xfe\xff\xd8\x00\x00\x41", "BOM"),
    "UTF-32LE BOM then bad code": ("bom32.txt", lambda: b"\xff\xfe\x00\x00\xff\xff\xff\xff", "BOM"),
    "UTF-8 BOM then Chinese then bad bytes": ("bom8b.txt", lambda: b"\xef\xbb\xbf" + REPORT + b"\xc3\x28", "BOM"),
    "NUL at the start": ("nul0.txt", lambda: b"\x00" * 16 + REPORT, "NUL"),
    "NUL after the first 4 KB": ("nul4k.txt", lambda: REPORT * 100 + b"\x00tail", "NUL"),
    "NUL at the very end": ("nulend.txt", lambda: REPORT * 300 + b"\x00", "NUL"),
    "an executable named .txt": ("setup.txt", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, "二进制"),
    "a PNG named .txt": ("photo.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "二进制"),
    "a zip named .txt": ("archive.txt", lambda: _zip({"a.txt": REPORT}), "二进制"),
    "random bytes": ("noise.txt", lambda: _noise(4096, 1), ""),
    "random bytes, no NUL": ("noise2.txt", lambda: bytes(b or 1 for b in _noise(4096, 2)), ""),
    "control characters": ("ctrl.txt", lambda: b"\x01\x02\x03\x04\x05\x06\x07\x08" * 200 + REPORT, "控制字符"),
    "escape sequences": ("esc.txt", lambda: b"\x1b[31m\x1b[2J" * 300, "控制字符"),
    "Latin-1 accents, no Chinese": ("latin.txt", lambda: "Ça été très été ".encode("latin-1") * 200, "中文"),
    "UTF-16 without BOM, odd length": ("odd16.txt", lambda: "报告".encode("utf-16-le") + b"\x00\x00\x00", "NUL"),
    "an .md of random bytes": ("noise.md", lambda: _noise(2048, 3), ""),
    "a .markdown of zero-width characters": ("zw.markdown", lambda: "\u200b".encode() * 100, "看得见的文字"),
    "a .text of control characters": ("ctrl.text", lambda: b"\x07" * 1000, "控制字符"),
    "an unsupported extension": ("report.exe", lambda: REPORT, "不支持"),
    "no extension": ("report", lambda: REPORT, "不支持"),
    "an old Word .doc": ("report.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "不支持"),
    "a .wps file": ("report.wps", lambda: REPORT, "不支持"),
    "a .docx that is not a zip": ("fake.docx", lambda: REPORT, "不是 zip"),
    "a .docx of random bytes": ("noise.docx", lambda: _noise(2048, 4), "不是 zip"),
    "a .docx zip without a body": ("nobody.docx", lambda: _zip({"[Content_Types].xml": b"<Types/>"}), "没有正文"),
    "a .docx zip of other files": ("other.docx", lambda: _zip({"a.txt": REPORT}), "没有正文"),
    "a .docx body that is not XML": ("broken.docx", lambda: _docx_with(b"not xml at all <<<"), "打不开"),
    "a .docx of 5 M empty paragraphs": ("bomb.docx", lambda: _docx_with(W_P + b"<w:p/>" * 5_000_000), "上限"),
    "a .docx body over 50 MB": ("huge.docx", lambda: _docx_with(W_P + b" " * (51 * 1024 * 1024)), "超过 50 MB"),
    "a .docx without text": ("blank.docx", lambda: _valid_docx([]), "没有文字"),
    "a .docx of blank paragraphs": ("blanks.docx", lambda: _valid_docx(["", " ", "\u3000"]), "没有文字"),
    "a .pdf that is not a PDF": ("fake.pdf", lambda: REPORT, "PDF 打不开"),
    "a truncated .pdf": ("cut.pdf", lambda: b"%PDF-1.7\n1 0 obj\n<<", "PDF 打不开"),
    "a .pdf of random bytes": ("noise.pdf", lambda: _noise(4096, 5), "PDF 打不开"),
    "a .pdf without a text layer": ("scan.pdf", _blank_pdf, "OCR"),
    "an empty .pdf file": ("empty.pdf", lambda: b"", "PDF"),
    "an .html without a body": (
        "empty.html",
        lambda: b"<html><head><title>x</title></head><body></body></html>",
        "正文",
    ),
    "an .html of scripts only": ("script.html", lambda: b"<html><body><script>var a=1;</script></body></html>", "正文"),
    "an .html of random bytes": ("noise.html", lambda: _noise(4096, 6), ""),
    "an .htm with NUL bytes": ("nul.htm", lambda: b"<html>\x00\x00\x00<body>" + REPORT + b"</body></html>", ""),
    "an empty .html": ("empty2.html", lambda: b"", "空"),
}


def _ingest(paths: list[Path], db: str, workers: int = 0) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", db, "--workers", str(workers)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def _stored(db: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", list(BYTES_CASES), ids=list(BYTES_CASES))
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_stored(case: str, tmp_path: Path) -> None:
    name, make, words = BYTES_CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code, out, err = _ingest([path], db)
    assert code == 2
    assert len(err) == 1 and err[0].startswith(f"refused {name}"), err
    assert words in err[0], err[0]
    assert out == ["stored 0 new, 0 already stored, 1 unreadable"]
    assert _stored(db) == 0


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


#: name → (file name, how to make it, words of the refusal)
SPECIAL_CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "a FIFO named .txt": ("pipe.txt", _fifo, "不是普通文件"),
    "a link to /dev/zero": ("zero.txt", _link_to("/dev/zero"), "不是普通文件"),
    "a link to /dev/null": ("null.txt", _link_to("/dev/null"), "不是普通文件"),
    "a link to /dev/urandom": ("random.txt", _link_to("/dev/urandom"), "不是普通文件"),
    "a broken link": ("gone.txt", _link_to("/nonexistent/gwrtrack/report.txt"), "不存在"),
    "a file over 50 MB": ("big.txt", _sparse(51 * 1024 * 1024), "上限"),
    "a .docx over 50 MB": ("big.docx", _sparse(60 * 1024 * 1024), "上限"),
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and device links are POSIX")
@pytest.mark.parametrize("case", list(SPECIAL_CASES), ids=list(SPECIAL_CASES))
def test_special_files_are_refused_without_reading_them(case: str, tmp_path: Path) -> None:
    name, make, words = SPECIAL_CASES[case]
    path = tmp_path / name
    make(path)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code, _out, err = _ingest([path], db)
    assert code == 2 and len(err) == 1 and err[0].startswith(f"refused {name}") and words in err[0], err
    assert _stored(db) == 0


def test_a_folder_ingest_answers_every_file_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, (name, make, _words) in enumerate(list(BYTES_CASES.values())[:12]):
        (folder / f"{i:02d}-{name}").write_bytes(make())
    (folder / "50-good.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(folder / "60-pipe.txt")
    (folder / "70-zero.txt").symlink_to("/dev/zero")
    (folder / "80-good-too.txt").write_bytes(REPORT)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code, out, err = _ingest([folder], db, workers=2)  # a pool of two: the same lines, in the same order
    assert code == 2
    assert len(err) == 14 and all(line.startswith("refused ") for line in err)
    assert out == ["stored 50-good.txt", "stored 80-good-too.txt", "stored 2 new, 0 already stored, 14 unreadable"]
    assert _stored(db) == 2
    code, out, _err = _ingest([folder], db)  # again: the good ones are skipped, one line each
    assert out[:2] == ["skipped 50-good.txt（已入库）", "skipped 80-good-too.txt（已入库）"]


@pytest.mark.parametrize(
    "name",
    [
        "evil\u202egpj.txt",
        "a\x1b[31mred.txt",
        "bell\x07.txt",
        "tab\tname.txt",
        "zero\u200bwidth.txt",
        "\u2066iso\u2069.txt",
    ],
)
def test_control_and_direction_characters_never_reach_the_store_or_the_terminal(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(REPORT)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code, out, _err = _ingest([path], db)
    assert code == 0
    shown = out[0].removeprefix("stored ")
    assert not any(ord(ch) < 32 or 0x200B <= ord(ch) <= 0x200F or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069
                   for ch in shown), repr(shown)  # fmt: skip
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT name FROM documents")).scalar()
    engine.dispose()
    assert stored == shown


def test_markup_in_a_report_is_printed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("2024年工作安排：地区生产总值增长[/red]6%左右，[bold]新建学校[/bold]20所。", encoding="utf-8")
    for command in (["extract", str(path), "--format", "table"], ["outline", str(path)]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0, result.output
    assert "[bold]新建学校[/bold]" in CliRunner().invoke(cli, ["extract", str(path), "--format", "table"]).output


def test_extract_on_a_folder_prints_the_good_files_and_names_the_bad(tmp_path: Path) -> None:
    (tmp_path / "a-bad.txt").write_bytes(b"\xef\xbb\xbf\xff\xfe")
    (tmp_path / "b-good.txt").write_bytes(REPORT)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "a-bad.txt" in result.stderr
    assert '"surface": "6%"' in result.stdout


def test_an_import_of_millions_of_rows_is_refused_after_a_bound(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from gwrtrack.report.office import MAX_IMPORT_ROWS, TaskImportError, read_tasks_xlsx

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for i in range(MAX_IMPORT_ROWS + 10):
        ws.append([i])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(TaskImportError, match="超过"):
        read_tasks_xlsx(buffer.getvalue())
