"""The text of a stored résumé, for matching only (POL-S-003: résumé text is used on this
site only, never shown or sent anywhere). PDF through pypdf, DOCX through python-docx, both
pure reading libraries from the registry. The file has passed POL-AP-002's checks (type
from the bytes, size, no macros, no zip bomb); reading is bounded again here by pages,
characters and time, and a file that cannot be read yields no text, never an error: a
résumé that says nothing to the matcher must not stop anyone from storing it."""

from __future__ import annotations

import logging
import time
from typing import IO

from candidates.resumes import DOCX, PDF

log = logging.getLogger(__name__)

MAX_PAGES = 10
MAX_CHARS = 20_000
MAX_SECONDS = 3.0


def resume_text(file: IO[bytes], content_type: str) -> str:
    """Up to MAX_CHARS characters of the résumé's text; "" when it cannot be read."""
    try:
        file.seek(0)
        if content_type == PDF:
            return _pdf_text(file)
        if content_type == DOCX:
            return _docx_text(file)
    # A malformed file can raise anything from deep inside a parser; for matching it
    # simply has no text. Logged without its content.
    except Exception:  # noqa: BLE001
        log.warning("resume text unreadable", extra={"content_type": content_type})
    return ""


def _pdf_text(file: IO[bytes]) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - loaded only where résumés are read

    reader = PdfReader(file)
    started = time.monotonic()
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS or time.monotonic() - started > MAX_SECONDS:
            break
    return "\n".join(parts)[:MAX_CHARS]


def _docx_text(file: IO[bytes]) -> str:
    from docx import Document  # noqa: PLC0415 - loaded only where résumés are read

    document = Document(file)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)[:MAX_CHARS]
