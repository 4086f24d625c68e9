"""POL-AP-001 … POL-AP-004 on a real database, through the services."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from applications import services
from applications.exceptions import (
    AlreadyApplied,
    ApplicationNotFound,
    JobNotOpen,
    NotAllowed,
    StageMoveForbidden,
)
from applications.models import Application, Notification, ResumeDownload, Stage, StageChange
from applications.tests.factories import ApplicationFactory, OfferApplicationFactory
from candidates.exceptions import ResumeInvalid, ResumeTooLarge
from candidates.resumes import DOCX, PDF
from candidates.tests.factories import PDF_BYTES, docx_bytes, docx_upload, pdf_upload
from jobs.tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def submit(job=None, applicant=None, resume=None, **kwargs):
    return services.application_submit(
        job=job or PublishedJobFactory(),
        applicant=applicant or JobseekerFactory(),
        resume=resume or pdf_upload(),
        **kwargs,
    )


# --- POL-AP-001: who applies, to what, how often


def test_jobseeker_applies_to_open_job__POL_AP_001(settings):
    job = PublishedJobFactory()
    applicant = JobseekerFactory()
    application = submit(job=job, applicant=applicant, cover_letter="열심히 하겠습니다")
    assert application.stage == Stage.APPLIED
    assert job.applications.get() == application
    assert list(application.history.values_list("from_stage", "to_stage")) == [("", "applied")]
    note = Notification.objects.get(user=job.owner)
    assert note.kind == "new_application"
    assert DBTaskResult.objects.filter(task_path__endswith="send_notification_email").count() == 1


@pytest.mark.parametrize("factory", [RecruiterFactory, AdminFactory])
def test_only_jobseekers_apply__POL_AP_001(factory):
    with pytest.raises(NotAllowed):
        submit(applicant=factory())
    assert not Application.objects.exists()


@pytest.mark.parametrize("factory", [DraftJobFactory, ClosedJobFactory, ExpiredJobFactory])
def test_only_open_published_jobs_take_applications__POL_AP_001(factory):
    with pytest.raises(JobNotOpen):
        submit(job=factory())
    assert not Application.objects.exists()


def test_second_application_to_the_same_job_is_refused__POL_AP_001(settings):
    job, applicant = PublishedJobFactory(), JobseekerFactory()
    submit(job=job, applicant=applicant)
    with pytest.raises(AlreadyApplied):
        submit(job=job, applicant=applicant)
    assert Application.objects.count() == 1
    stored = list(Path(settings.RESUME_STORAGE_ROOT).rglob("*.*"))
    assert len(stored) == 1, "the refused résumé was not left behind"


# --- POL-AP-002: résumés


def test_pdf_and_docx_are_accepted_and_stored_privately_under_our_name__POL_AP_002(settings):
    pdf = submit(resume=pdf_upload(name="../../etc/passwd.pdf"))
    docx = submit(resume=docx_upload())
    assert pdf.resume_content_type == PDF
    assert docx.resume_content_type == DOCX
    assert pdf.resume_name == "passwd.pdf"  # the client name is kept as data only
    stored = Path(settings.RESUME_STORAGE_ROOT) / pdf.resume.name
    assert stored.read_bytes() == PDF_BYTES
    assert "passwd" not in pdf.resume.name
    assert pdf.resume.name.endswith(".pdf")
    assert not str(stored.resolve()).startswith(str(Path(settings.STATIC_ROOT).resolve()))
    with pytest.raises(NotImplementedError):
        pdf.resume.url  # noqa: B018 - no public URL exists


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows executable"),
        ("cv.pdf", b"<html><script>alert(1)</script></html>"),
        ("cv.pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script>"),
        ("cv.docx", b"PK\x03\x04 not really a zip"),
        ("cv.docx", docx_bytes()[:0] + b"\x7fELF\x02\x01\x01"),
        ("cv.txt", b"plain text resume"),
    ],
    ids=["exe", "html", "pdf-html-polyglot", "broken-zip", "elf", "text"],
)
def test_type_is_checked_from_content_not_name__POL_AP_002(name, content):
    with pytest.raises(ResumeInvalid):
        submit(resume=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert not Application.objects.exists()


def test_zip_that_is_not_a_word_document_is_refused__POL_AP_002():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(ResumeInvalid):
        submit(resume=docx_upload(content=buffer.getvalue()))


def test_docx_with_macros_or_zip_bomb_is_refused__POL_AP_002():
    with pytest.raises(ResumeInvalid):
        submit(resume=docx_upload(content=docx_bytes({"word/vbaProject.bin": b"macro"})))
    bomb = docx_bytes({"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(ResumeInvalid):
        submit(resume=docx_upload(content=bomb))


def test_oversized_resume_is_refused__POL_AP_002(settings):
    settings.RESUME_MAX_BYTES = 1024
    with pytest.raises(ResumeTooLarge):
        submit(resume=pdf_upload(content=PDF_BYTES + b"0" * 1024))
    assert not list(Path(settings.RESUME_STORAGE_ROOT).rglob("*.*"))


def test_resume_served_to_applicant_owner_admin_and_logged__POL_AP_002():
    application = ApplicationFactory()
    stranger = RecruiterFactory()
    for user in (application.applicant, application.job.owner, AdminFactory()):
        with services.resume_open_for(application=application, user=user) as handle:
            assert handle.read() == PDF_BYTES
    with pytest.raises(ApplicationNotFound):
        services.resume_open_for(application=application, user=stranger)
    with pytest.raises(ApplicationNotFound):
        services.resume_open_for(application=application, user=JobseekerFactory())
    logged = ResumeDownload.objects.filter(application=application)
    assert logged.count() == 2  # owner and admin; never the applicant themself
    assert application.applicant_id not in set(logged.values_list("user_id", flat=True))


# --- POL-AP-003: stages through the service


def test_owner_moves_and_every_move_is_recorded__POL_AP_003():
    application = ApplicationFactory()
    owner = application.job.owner
    for stage in ("screening", "interview", "offer", "hired"):
        services.application_move_stage(
            application_id=application.pk, actor=owner, stage=stage, note=f"→ {stage}"
        )
    application.refresh_from_db()
    assert application.stage == Stage.HIRED
    history = list(application.history.values_list("from_stage", "to_stage", "actor", "note"))
    assert history[1:] == [
        ("applied", "screening", owner.pk, "→ screening"),
        ("screening", "interview", owner.pk, "→ interview"),
        ("interview", "offer", owner.pk, "→ offer"),
        ("offer", "hired", owner.pk, "→ hired"),
    ]
    assert Notification.objects.filter(user=application.applicant).count() == 4


def test_forbidden_move_changes_nothing__POL_AP_003():
    application = OfferApplicationFactory()
    before = (
        StageChange.objects.count(),
        Notification.objects.count(),
        DBTaskResult.objects.count(),
    )
    with pytest.raises(StageMoveForbidden):
        services.application_withdraw(
            application_id=application.pk, applicant=application.applicant
        )
    with pytest.raises(StageMoveForbidden):
        services.application_move_stage(
            application_id=application.pk, actor=application.job.owner, stage="applied"
        )
    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    after = (
        StageChange.objects.count(),
        Notification.objects.count(),
        DBTaskResult.objects.count(),
    )
    assert after == before


def test_other_recruiter_cannot_move_and_admin_can__POL_AP_003():
    application = ApplicationFactory()
    with pytest.raises(ApplicationNotFound):
        services.application_move_stage(
            application_id=application.pk, actor=RecruiterFactory(), stage="screening"
        )
    services.application_move_stage(
        application_id=application.pk, actor=AdminFactory(), stage="rejected"
    )
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED


def test_applicant_withdraws_before_offer__POL_AP_003():
    application = ApplicationFactory(stage=Stage.INTERVIEW)
    services.application_withdraw(
        application_id=application.pk, applicant=application.applicant, note="다른 곳에 합격"
    )
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN
    assert application.history.last().note == "다른 곳에 합격"


# --- POL-AP-004: notifications queued in the same transaction


def test_task_row_is_written_in_the_callers_transaction_and_rolls_back__POL_AP_004():
    application = ApplicationFactory()
    before = DBTaskResult.objects.count()

    inside = []

    class Boom(Exception):
        pass

    def change_then_fail():
        with transaction.atomic():
            services.application_move_stage(
                application_id=application.pk, actor=application.job.owner, stage="screening"
            )
            inside.append(DBTaskResult.objects.count())
            raise Boom

    with pytest.raises(Boom):
        change_then_fail()
    assert inside == [before + 1]  # queued inside the transaction
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert DBTaskResult.objects.count() == before  # rolled back with the change
    assert not Notification.objects.filter(user=application.applicant).exists()


def test_mark_read_one_and_all():
    user = JobseekerFactory()
    first, _second = (
        Notification.objects.create(user=user, kind="stage_changed", params={}),
        Notification.objects.create(user=user, kind="stage_changed", params={}),
    )
    other = Notification.objects.create(user=JobseekerFactory(), kind="stage_changed")
    assert services.notification_mark_read(user=user, notification_id=first.pk) == 1
    with pytest.raises(Exception, match="알림을 찾을 수 없습니다"):
        services.notification_mark_read(user=user, notification_id=other.pk)
    assert services.notification_mark_read(user=user) == 1
    other.refresh_from_db()
    assert other.read_at is None


def test_no_email_sent_before_the_worker_runs__POL_AP_004():
    submit()
    assert mail.outbox == []
    assert os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith("test")


def test_s3_compatible_private_storage_when_a_bucket_is_set__POL_AP_002(settings):
    from storages.backends.s3 import S3Storage

    from candidates.storage import PrivateFileSystemStorage, resume_storage

    assert isinstance(resume_storage(), PrivateFileSystemStorage)
    settings.RESUME_S3_BUCKET = "jobboard-resumes"
    storage = resume_storage()
    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == "jobboard-resumes"
    assert storage.default_acl == "private"
    assert storage.querystring_auth is True
