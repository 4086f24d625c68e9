import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import JobseekerFactory
from applications.models import Application, Notification, NotificationKind, Stage, StageChange
from applications.resumes import DOCX, PDF
from jobs.tests.factories import PublishedJobFactory

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


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application in `applied`, with a PDF résumé in private storage."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    job = factory.SubFactory(PublishedJobFactory)
    applicant = factory.SubFactory(JobseekerFactory)
    stage = Stage.APPLIED
    resume = factory.LazyFunction(lambda: pdf_upload())
    resume_name = "이력서.pdf"
    resume_size = len(PDF_BYTES)
    resume_content_type = PDF
    cover_letter = "안녕하세요. 지원합니다."

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            StageChange.objects.create(application=obj, to_stage=Stage.APPLIED, actor=obj.applicant)


class ScreeningApplicationFactory(ApplicationFactory):
    stage = Stage.SCREENING


class OfferApplicationFactory(ApplicationFactory):
    stage = Stage.OFFER


class HiredApplicationFactory(ApplicationFactory):
    stage = Stage.HIRED


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(JobseekerFactory)
    kind = NotificationKind.STAGE_CHANGED
    params = factory.LazyAttribute(lambda n: {"job": "백엔드", "to_stage": "screening"})
    link = "/applications/mine/"
