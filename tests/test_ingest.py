"""Reading files: encodings, formats, metadata, and one clear error for bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import gwrtrack
from gwrtrack.errors import DecodeError, InputError, NeedsOCRError, UnsupportedFormatError
from gwrtrack.ingest import reader
from gwrtrack.ingest.meta import infer_meta

SAMPLE = "各位代表：现在，我代表市人民政府，向大会报告工作。2023年工作回顾全市实现地区生产总值1995.5亿元、增长5.3%。泸州港口、泸州高新区、泸州老窖。"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16", b""),
        ("utf-16-le", b"\xff\xfe"),
    ],
)
def test_text_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(prefix + (SAMPLE * 3).encode(encoding))
    doc = gwrtrack.read(path)
    assert doc.text == SAMPLE * 3


def test_read_bytes_with_name() -> None:
    doc = gwrtrack.read(SAMPLE.encode("gb18030"), name="x.txt")
    assert doc.text == SAMPLE and doc.name == "x.txt"


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    from docx import Document as NewDocx

    d = NewDocx()
    d.add_paragraph("2024年工作安排建议")
    d.add_paragraph("表1 主要工业产品产量及其增长速度")
    table = d.add_table(rows=3, cols=4)
    for r, cells in enumerate([["产品名称", "单位", "产量", "比上年增长（%）"], ["纱", "万吨", "2892.1", "-6.1"],
                               ["原煤", "亿吨", "38.5", "4.0"]]):  # fmt: skip
        for c, value in enumerate(cells):
            table.rows[r].cells[c].text = value
    d.add_paragraph("粮食产量稳定在238万吨以上。")
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "r.docx"
    path.write_bytes(buf.getvalue())
    doc = gwrtrack.read(path)
    lines = doc.text.split("\n")
    assert lines[:2] == ["2024年工作安排建议", "表1 主要工业产品产量及其增长速度"]
    assert "| 纱 | 万吨 | 2892.1 | -6.1 |" in lines and lines[-1] == "粮食产量稳定在238万吨以上。"
    assert doc.meta.year == 2024
    # a Word table is a table: its cells are figures with units and metrics from the headers
    cells = {f.surface: f for f in gwrtrack.extract(doc).figures if "table_cell" in f.flags}
    assert (cells["2892.1"].unit, cells["2892.1"].metric) == ("万吨", "纱产量")
    assert (cells["-6.1"].measure.value, cells["4.0"].unit) == ("growth", "%")


def test_html_main_text(tmp_path: Path) -> None:
    body = "".join(f"<p>{SAMPLE}第{i}段，城镇新增就业3.7万人。</p>" for i in range(8))
    html = f"<html><head><meta charset='utf-8'><title>t</title></head><body><nav>首页 | 导航</nav><article>{body}</article></body></html>"
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    doc = gwrtrack.read(path)
    assert "地区生产总值1995.5亿元" in doc.text
    assert "导航" not in doc.text


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(NeedsOCRError, match="OCR"):
        gwrtrack.read(path)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    path.write_bytes(_minimal_pdf("GDP 1995.5 yi yuan, growth 5.3% in 2023. " * 3))
    doc = gwrtrack.read(path)
    assert "1995.5" in doc.text


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", InputError, "文件是空的"),
        ("blank.txt", b"  \n\t ", InputError, "文件是空的"),
        ("bin.txt", bytes(range(256)) * 20, InputError, "二进制文件"),
        ("r.exe", b"MZ\x90\x00", UnsupportedFormatError, "不支持的文件类型"),
        ("r.docx", b"not a zip", InputError, "不是有效的 Word 文档"),
        ("r.pdf", b"%PDF-1.4 broken", InputError, "PDF"),
    ],
)
def test_bad_input_one_clear_error(
    tmp_path: Path, name: str, data: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as info:
        gwrtrack.read(path)
    assert "\n" not in str(info.value) and name in str(info.value)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xC0]) * 200)
    with pytest.raises((DecodeError, InputError)):
        gwrtrack.read(path)


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(SAMPLE.encode() * 100)
    with pytest.raises(InputError, match="上限是 1 KB"):
        gwrtrack.read(path)


def test_folder_reads_every_supported_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(SAMPLE, encoding="gb18030")
    (tmp_path / "notes.rtf").write_text("ignored", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: 泸州市政府工作报告\n---\n\n" + SAMPLE, encoding="utf-8")
    docs = reader.read_folder(tmp_path)
    assert [d.name for d in docs] == ["a.txt", "c.md", "b.txt"]
    assert docs[1].meta.title == "泸州市政府工作报告" and docs[1].text.startswith("---\ntitle:")  # verbatim


def test_metadata_overrides() -> None:
    doc = gwrtrack.read(SAMPLE.encode(), name="x.txt", region="江阳区", year=2030, kind="digest", title="T")
    assert (doc.meta.region, doc.meta.year, doc.meta.kind.value, doc.meta.title) == ("江阳区", 2030, "digest", "T")


@pytest.mark.parametrize(
    ("text", "region", "year"),
    [
        ("2026年北京市政府工作报告\n各位代表：现在，我代表北京市人民政府", "北京市", 2026),
        ("2026年广西壮族自治区政府工作报告\n我代表自治区人民政府", "广西壮族自治区", 2026),
        (
            "各位代表：我代表市人民政府。2023年工作回顾。泸州市实现增长，泸州港开港，泸州老窖上榜，泸州高新区扩区。",
            "泸州市",
            2024,
        ),
        ("各位代表：我代表县人民政府向大会报告工作。", None, None),
    ],
)
def test_infer_region_and_year(text: str, region: str | None, year: int | None) -> None:
    meta = infer_meta(text)
    assert (meta.region, meta.year) == (region, year)


def test_seed_metadata(seed_000: Path, seed_002: Path) -> None:
    a, b = gwrtrack.read(seed_000).meta, gwrtrack.read(seed_002).meta
    assert (a.region, a.year, a.kind.value) == ("泸州市", 2024, "report")
    assert (b.region, b.year, b.kind.value) == ("泸州市", 2026, "digest")


def _minimal_pdf(line: str) -> bytes:
    """A one-page PDF with a text layer in Helvetica (ASCII only)."""
    content = f"BT /F1 10 Tf 20 800 Td ({line}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out
