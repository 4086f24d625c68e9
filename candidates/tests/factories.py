import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import JobseekerFactory
from candidates.models import StoredResume
from candidates.resumes import DOCX, PDF

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document>이력서 résumé</w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pdf_upload(name="이력서.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_upload(name="resume.docx", content=None):
    return SimpleUploadedFile(name, content or docx_bytes(), content_type=DOCX)


class StoredResumeFactory(factory.django.DjangoModelFactory):
    """A jobseeker's stored PDF résumé in private storage (POL-AP-006)."""

    class Meta:
        model = StoredResume

    owner = factory.SubFactory(JobseekerFactory)
    title = factory.Sequence(lambda n: f"이력서 {n}")
    file = factory.LazyFunction(lambda: pdf_upload())
    original_name = "이력서.pdf"
    size = len(PDF_BYTES)
    content_type = PDF
