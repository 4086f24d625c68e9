"""Résumé checks (POL-AP-002): the type comes from the bytes, never from the name or the
client's Content-Type. PDF: the `%PDF-` header with no HTML/script at the start (a
polyglot a browser could sniff as a page). DOCX: a zip holding [Content_Types].xml and
word/document.xml, no macros, and a bounded uncompressed size (zip bombs)."""

import re
import uuid
import zipfile

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.exceptions import ResumeInvalid, ResumeTooLarge
from jobboard.limits import LETTER_MAX_CHARS

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: "pdf", DOCX: "docx"}

HEAD_BYTES = 1024
_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)", re.I)
DOCX_MAX_MEMBERS = 2000
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 200


def resume_file_name(folder: str, content_type: str) -> str:
    """The stored name is ours (POL-AP-002); the client's name is only kept as data."""
    return (
        f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{EXTENSIONS.get(content_type, 'docx')}"
    )


def max_bytes() -> int:
    return int(settings.RESUME_MAX_BYTES)


def too_large_message() -> str:
    return _("The résumé is larger than %(mb)d MB.") % {"mb": max_bytes() // (1024 * 1024)}


def check_size(size: int) -> None:
    if size > max_bytes():
        raise ResumeTooLarge(too_large_message())
    if size == 0:
        raise ResumeInvalid(_("The résumé file is empty."))


def detect_resume_type(upload) -> str:
    """Returns the content type of an acceptable résumé or raises ResumeInvalid."""
    check_size(upload.size)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        if _MARKUP.search(head):
            raise ResumeInvalid(_("This PDF carries HTML or script and was refused."))
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(upload)
        upload.seek(0)
        return DOCX
    raise ResumeInvalid(_("Only PDF or DOCX files are accepted."))


def _check_docx(upload) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            total = sum(member.file_size for member in members)
            worst_ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ResumeInvalid(_("This is not a valid DOCX file.")) from exc
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise ResumeInvalid(_("This is not a Word (DOCX) document."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ResumeInvalid(_("Documents with macros are not accepted."))
    if (
        len(members) > DOCX_MAX_MEMBERS
        or total > DOCX_MAX_UNCOMPRESSED
        or worst_ratio > DOCX_MAX_RATIO
    ):
        raise ResumeInvalid(_("This DOCX file expands too much to be a résumé."))


class ResumeSizeLimitHandler(FileUploadHandler):
    """First in the chain for apply requests: stops reading a file past RESUME_MAX_BYTES,
    so an oversized upload is never written anywhere; the view then answers 413."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            self.request.resume_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def install_size_limit(request) -> None:
    """Call before the request body is parsed (request.POST/FILES, DRF request.data)."""
    request.resume_too_large = False
    request.upload_handlers.insert(0, ResumeSizeLimitHandler(request))


# Room for the cover letter (up to 4 UTF-8 bytes a character) and multipart framing.
FORM_OVERHEAD_BYTES = LETTER_MAX_CHARS * 4 + 64 * 1024


def body_too_large(request) -> bool:
    """A declared body bigger than any acceptable apply form: refuse without reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + FORM_OVERHEAD_BYTES


def raise_if_too_large(request) -> None:
    if getattr(request, "resume_too_large", False):
        check_size(max_bytes() + 1)


def attachment_response(*, handle, content_type: str, filename: str) -> HttpResponse:
    """A résumé as a download, never rendered inline and never cached (POL-AP-002)."""
    with handle:
        body = handle.read()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
