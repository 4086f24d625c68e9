import factory

from accounts.tests.factories import JobseekerFactory
from applications.models import Application, Notification, NotificationKind, Stage, StageChange
from candidates.resumes import PDF
from candidates.tests.factories import PDF_BYTES, pdf_upload
from jobs.tests.factories import PublishedJobFactory


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
