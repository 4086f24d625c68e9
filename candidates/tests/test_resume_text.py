"""Résumé text for matching (POL-S-003): real PDF and DOCX files, made here."""

import io

import docx

from candidates import resume_text as module
from candidates.resume_text import resume_text
from candidates.resumes import DOCX, PDF


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer says `lines` (Helvetica, WinAnsi: Latin text)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_with_text(*paragraphs: str, table: tuple[str, ...] = ()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        cells = document.add_table(rows=1, cols=len(table)).rows[0].cells
        for cell, text in zip(cells, table, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_text_is_read__POL_S_003():
    text = resume_text(io.BytesIO(pdf_with_text("Skills: Python, Django", "AWS")), PDF)
    assert "Python, Django" in text
    assert "AWS" in text


def test_docx_text_is_read_with_its_tables__POL_S_003():
    data = docx_with_text(
        "파이썬 백엔드 개발 3년", "머신러닝 프로젝트", table=("기술", "Kubernetes")
    )
    text = resume_text(io.BytesIO(data), DOCX)
    assert "파이썬 백엔드 개발 3년" in text
    assert "Kubernetes" in text


def test_text_is_bounded(monkeypatch):
    monkeypatch.setattr(module, "MAX_CHARS", 10)
    data = docx_with_text("Python Django PostgreSQL Redis")
    assert resume_text(io.BytesIO(data), DOCX) == "Python Dja"


def test_pages_past_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(module, "MAX_PAGES", 0)
    assert resume_text(io.BytesIO(pdf_with_text("Python")), PDF) == ""


def test_an_unreadable_file_yields_no_text(caplog):
    assert resume_text(io.BytesIO(b"%PDF-1.4\nthis is not a pdf"), PDF) == ""
    assert resume_text(io.BytesIO(b"PK\x03\x04broken"), DOCX) == ""
    assert resume_text(io.BytesIO(b"plain"), "text/plain") == ""
    assert "resume text unreadable" in caplog.text
