"""Jobs pages and API × roles (POL-J-001 … POL-J-003). The recruiter owns published_job,
draft_job and closed_job; other_job belongs to another recruiter."""

from jobs.tests.factories import ClosedJobFactory, DraftJobFactory, PublishedJobFactory
from tests.authz.matrix import Entry, every, needs, own


def build(world):
    recruiter = world.users["recruiter"]
    world.published_job = PublishedJobFactory(owner=recruiter, company=recruiter.company)
    world.draft_job = DraftJobFactory(owner=recruiter, company=recruiter.company)
    world.closed_job = ClosedJobFactory(owner=recruiter, company=recruiter.company)
    world.other_job = PublishedJobFactory(
        owner=world.other_recruiter, company=world.other_recruiter.company
    )


def _job_body(world):
    return {
        "title": "QA 엔지니어",
        "description": "테스트 자동화",
        "category": "software",
        "location": "seoul",
        "employment_type": "full_time",
        "salary_min": 40_000_000,
        "salary_max": 50_000_000,
        "company": world.other_recruiter.company_id,
    }


def _form_body(world):
    from jobs.models import Category, Location

    return {
        "title": "QA 엔지니어",
        "description": "테스트 자동화",
        "category": Category.objects.get(code="software").pk,
        "location": Location.objects.get(code="seoul").pk,
        "employment_type": "full_time",
        "experience": "any",
        "education": "any",
        "salary_mode": "company_policy",
        "deadline_type": "rolling",
        "company": world.other_recruiter.company_id,
    }


POST_JOBS = needs("jobs.add_job")
EDIT = own("jobs.change_job", manage_any="jobs.manage_any_job")
CLOSE = own("jobs.delete_job", manage_any="jobs.manage_any_job")
# A jobseeker's group given the jobs permissions still owns no job and no company: the
# pages open, the service refuses what needs either (POL-J-001).
OWNER_ONLY_PAGE = {"guest": 302, "jobseeker": 403, "recruiter": 200, "admin": 200}
OWNER_ONLY_POST = {"guest": 302, "jobseeker": 403, "recruiter": 302, "admin": 302}
OWNER_ONLY_API = {"guest": 401, "jobseeker": 403, "recruiter": 200, "admin": 200}
DRAFT_VISIBLE = {"guest": 404, "jobseeker": 404, "recruiter": 200, "admin": 200}
NOT_THEIRS = {"recruiter": 403}
# POL-J-007: a company's recruiters edit it; admins, who are not its members, by manage_any.
EDIT_COMPANY = own(
    "accounts.change_company",
    manage_any="accounts.manage_any_company",
    roles=("recruiter", "admin"),
)
FOLLOW = {"jobseeker": ("accounts.add_companyfollow",)}
CONFIRMED = {"confirm": "yes"}  # the confirmation step's button (POL-J-008)
REOPEN = own("jobs.change_job", manage_any="jobs.manage_any_job")
COPY = own("jobs.add_job", manage_any="jobs.manage_any_job")


def _reopen_body(world):
    from datetime import timedelta

    from django.utils import timezone

    return {"deadline": (timezone.localdate() + timedelta(days=14)).isoformat(), **CONFIRMED}


def _others(world):
    return world.other_job.pk


ENTRIES = [
    Entry("", "GET", "/", every(200)),
    Entry("jobs/", "GET", "/jobs/?q=개발&location=seoul&sort=salary", every(200)),
    Entry("jobs/feed/", "GET", "/jobs/feed/", every(200)),
    Entry("sitemap.xml", "GET", "/sitemap.xml", every(200)),
    Entry("jobs/<int:pk>/", "GET", lambda w: f"/jobs/{w.published_job.pk}/", every(200)),
    Entry(
        "jobs/<int:pk>/",
        "GET",
        lambda w: f"/jobs/{w.closed_job.pk}/",
        every(200),
        notes="closed jobs still answer, saying closed (POL-J-002)",
    ),
    Entry(
        "jobs/<int:pk>/",
        "GET",
        lambda w: f"/jobs/{w.draft_job.pk}/",
        DRAFT_VISIBLE,
        perms={"admin": ("jobs.manage_any_job",)},
        denied=404,
        notes="POL-J-003: a draft is its owner's (ownership alone) and admins'",
    ),
    Entry(
        "jobs/mine/",
        "GET",
        "/jobs/mine/",
        OWNER_ONLY_PAGE,
        perms=POST_JOBS,
        granted={"jobseeker": 200},
    ),
    Entry(
        "jobs/new/",
        "GET",
        "/jobs/new/",
        OWNER_ONLY_PAGE,
        perms=POST_JOBS,
        granted={"jobseeker": 200},
    ),
    Entry(
        "jobs/new/",
        "POST",
        "/jobs/new/",
        OWNER_ONLY_POST,
        data=_form_body,
        fmt="multipart",
        perms=POST_JOBS,
        granted={"jobseeker": 200},
        notes="a jobseeker given add_job has no company: the form says so",
    ),
    Entry(
        "jobs/<int:pk>/edit/",
        "GET",
        lambda w: f"/jobs/{w.published_job.pk}/edit/",
        OWNER_ONLY_PAGE,
        perms=EDIT,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/edit/",
        "GET",
        lambda w: f"/jobs/{w.other_job.pk}/edit/",
        {**OWNER_ONLY_PAGE, **NOT_THEIRS},
        notes="POL-J-001: a recruiter edits only their own jobs",
        perms={"admin": EDIT["admin"]},
    ),
    Entry(
        "jobs/<int:pk>/edit/",
        "POST",
        lambda w: f"/jobs/{w.published_job.pk}/edit/",
        OWNER_ONLY_POST,
        data=_form_body,
        fmt="multipart",
        perms=EDIT,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/publish/",
        "POST",
        lambda w: f"/jobs/{w.draft_job.pk}/publish/",
        OWNER_ONLY_POST,
        data=CONFIRMED,
        fmt="multipart",
        perms={"recruiter": EDIT["recruiter"], "admin": EDIT["admin"]},
        denied={"recruiter": 403, "admin": (403, 404)},
        notes="an admin without manage_any_job no longer sees another's draft (404)",
    ),
    Entry(
        "jobs/<int:pk>/close/",
        "POST",
        lambda w: f"/jobs/{w.published_job.pk}/close/",
        OWNER_ONLY_POST,
        data=CONFIRMED,
        fmt="multipart",
        perms=CLOSE,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/close/",
        "POST",
        lambda w: f"/jobs/{w.other_job.pk}/close/",
        {**OWNER_ONLY_POST, **NOT_THEIRS},
        data=CONFIRMED,
        fmt="multipart",
        perms={"admin": CLOSE["admin"]},
    ),
    # --- POL-J-008: each confirmation step is a page of its own
    Entry(
        "jobs/<int:pk>/publish/",
        "GET",
        lambda w: f"/jobs/{w.draft_job.pk}/publish/",
        OWNER_ONLY_PAGE,
        perms={"recruiter": EDIT["recruiter"], "admin": EDIT["admin"]},
        denied={"recruiter": 403, "admin": (403, 404)},
    ),
    Entry(
        "jobs/<int:pk>/close/",
        "GET",
        lambda w: f"/jobs/{w.published_job.pk}/close/",
        OWNER_ONLY_PAGE,
        perms=CLOSE,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/reopen/",
        "GET",
        lambda w: f"/jobs/{w.closed_job.pk}/reopen/",
        OWNER_ONLY_PAGE,
        perms=REOPEN,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/reopen/",
        "POST",
        lambda w: f"/jobs/{w.closed_job.pk}/reopen/",
        OWNER_ONLY_POST,
        data=_reopen_body,
        fmt="multipart",
        perms=REOPEN,
        granted={"jobseeker": 403},
    ),
    Entry(
        "jobs/<int:pk>/reopen/",
        "POST",
        lambda w: f"/jobs/{w.other_job.pk}/reopen/",
        {**OWNER_ONLY_POST, **NOT_THEIRS, "admin": 409},
        data=_reopen_body,
        fmt="multipart",
        notes="another's job, and an open one: nothing to reopen (409 for the admin)",
    ),
    Entry(
        "jobs/<int:pk>/copy/",
        "POST",
        lambda w: f"/jobs/{w.closed_job.pk}/copy/",
        OWNER_ONLY_POST,
        data={},
        fmt="multipart",
        perms=COPY,
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/jobs/<int:pk>/reopen",
        "POST",
        lambda w: f"/api/v1/jobs/{w.closed_job.pk}/reopen",
        OWNER_ONLY_API,
        data=_reopen_body,
        perms=REOPEN,
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/jobs/<int:pk>/copy",
        "POST",
        lambda w: f"/api/v1/jobs/{w.closed_job.pk}/copy",
        {"guest": 401, "jobseeker": 403, "recruiter": 201, "admin": 201},
        perms=COPY,
        granted={"jobseeker": 403},
    ),
    Entry("api/v1/jobs", "GET", "/api/v1/jobs?q=dev&remote=false", every(200)),
    Entry(
        "api/v1/jobs",
        "POST",
        "/api/v1/jobs",
        {"guest": 401, "jobseeker": 403, "recruiter": 201, "admin": 201},
        data=_job_body,
        perms=POST_JOBS,
        granted={"jobseeker": 400},
        notes="a jobseeker given add_job has no company to post for (400)",
    ),
    Entry(
        "api/v1/jobs/<int:pk>", "GET", lambda w: f"/api/v1/jobs/{w.published_job.pk}", every(200)
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "GET",
        lambda w: f"/api/v1/jobs/{w.draft_job.pk}",
        DRAFT_VISIBLE,
        perms={"admin": ("jobs.manage_any_job",)},
        denied=404,
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "PATCH",
        lambda w: f"/api/v1/jobs/{w.published_job.pk}",
        OWNER_ONLY_API,
        data={"title": "시니어 백엔드 개발자"},
        perms=EDIT,
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "PATCH",
        lambda w: f"/api/v1/jobs/{w.other_job.pk}",
        {**OWNER_ONLY_API, **NOT_THEIRS},
        data={"title": "남의 공고"},
        perms={"admin": EDIT["admin"]},
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "PUT",
        lambda w: f"/api/v1/jobs/{w.published_job.pk}",
        OWNER_ONLY_API,
        data=_job_body,
        perms=EDIT,
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "DELETE",
        lambda w: f"/api/v1/jobs/{w.published_job.pk}",
        {"guest": 401, "jobseeker": 403, "recruiter": 204, "admin": 204},
        perms=CLOSE,
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/jobs/<int:pk>",
        "DELETE",
        lambda w: f"/api/v1/jobs/{w.other_job.pk}",
        {"guest": 401, "jobseeker": 403, "recruiter": 403, "admin": 204},
        perms={"admin": CLOSE["admin"]},
    ),
    Entry("api/v1/categories", "GET", "/api/v1/categories", every(200)),
    Entry("api/v1/skills", "GET", "/api/v1/skills", every(200)),
    Entry(
        "companies/<int:pk>/logo-<int:size>.png",
        "GET",
        lambda w: f"/companies/{w.published_job.company_id}/logo-96.png",
        every(404),
        notes="public; 404 while the company has no logo",
    ),
    Entry("api/v1/locations", "GET", "/api/v1/locations", every(200)),
    # Companies (POL-J-007): public page; the editor for its own recruiters and admins;
    # following for jobseekers.
    Entry("companies/<int:pk>/", "GET", lambda w: f"/companies/{_own(w)}/", every(200)),
    Entry(
        "companies/<int:pk>/edit/",
        "GET",
        lambda w: f"/companies/{_own(w)}/edit/",
        OWNER_ONLY_PAGE,
        perms=EDIT_COMPANY,
    ),
    Entry(
        "companies/<int:pk>/edit/",
        "GET",
        lambda w: f"/companies/{w.other_recruiter.company_id}/edit/",
        {"guest": 302, "jobseeker": 403, "recruiter": 403, "admin": 200},
    ),
    Entry(
        "companies/<int:pk>/edit/",
        "POST",
        lambda w: f"/companies/{_own(w)}/edit/",
        OWNER_ONLY_POST,
        data={"name": "바뀐 회사", "benefits": ""},
        fmt="multipart",
    ),
    Entry(
        "companies/<int:pk>/follow/",
        "POST",
        lambda w: f"/companies/{_own(w)}/follow/",
        {"guest": 302, "jobseeker": 302, "recruiter": 403, "admin": 403},
        fmt="multipart",
    ),
    Entry(
        "companies/following/",
        "GET",
        "/companies/following/",
        {"guest": 302, "jobseeker": 200, "recruiter": 403, "admin": 403},
        perms=FOLLOW,
    ),
    Entry("api/v1/companies/<int:pk>", "GET", lambda w: f"/api/v1/companies/{_own(w)}", every(200)),
    Entry(
        "api/v1/companies/<int:pk>",
        "PATCH",
        lambda w: f"/api/v1/companies/{_own(w)}",
        OWNER_ONLY_API,
        data={"industry": "핀테크"},
        perms=EDIT_COMPANY,
    ),
    Entry(
        "api/v1/companies/<int:pk>",
        "PATCH",
        lambda w: f"/api/v1/companies/{w.other_recruiter.company_id}",
        {"guest": 401, "jobseeker": 403, "recruiter": 403, "admin": 200},
        data={"industry": "핀테크"},
    ),
    Entry(
        "api/v1/companies/<int:pk>/logo",
        "POST",
        lambda w: f"/api/v1/companies/{_own(w)}/logo",
        {"guest": 401, "jobseeker": 403, "recruiter": 415, "admin": 415},
        data={},
        notes="allowed roles reach the parser: a JSON body is refused, uploads are multipart",
    ),
    Entry(
        "api/v1/companies/<int:pk>/follow",
        "PUT",
        lambda w: f"/api/v1/companies/{_own(w)}/follow",
        {"guest": 401, "jobseeker": 204, "recruiter": 403, "admin": 403},
        perms=FOLLOW,
    ),
    Entry(
        "api/v1/companies/<int:pk>/follow",
        "DELETE",
        lambda w: f"/api/v1/companies/{_own(w)}/follow",
        {"guest": 401, "jobseeker": 204, "recruiter": 403, "admin": 403},
    ),
    Entry(
        "api/v1/companies/following",
        "GET",
        "/api/v1/companies/following",
        {"guest": 401, "jobseeker": 200, "recruiter": 403, "admin": 403},
    ),
]


def _own(world) -> int:
    """The signed-in recruiter's company."""
    return world.users["recruiter"].company_id
