"""Applications (POL-AP-001 … POL-AP-004): who may apply, see, move and download.

`world.application`: world.users["jobseeker"] applied to world.published_job (owned by
world.users["recruiter"]). `world.other_application`: someone else's application to
world.other_job (owned by world.other_recruiter) — the recruiter must get 404 for it,
its résumé included."""

from tests.authz.matrix import HIDDEN, Entry


def build(world):
    from accounts.tests.factories import JobseekerFactory
    from applications import services
    from applications.tests.factories import ApplicationFactory
    from jobs.tests.factories import PublishedJobFactory

    # Until the jobs branch's builder sets these, make them here.
    world.published_job = getattr(world, "published_job", None) or PublishedJobFactory(
        owner=world.users["recruiter"]
    )
    world.other_job = getattr(world, "other_job", None) or PublishedJobFactory(
        owner=world.other_recruiter
    )
    world.open_job = PublishedJobFactory(owner=world.other_recruiter)
    world.application = services.application_submit(
        job=world.published_job,
        applicant=world.users["jobseeker"],
        resume=_pdf(),
    )
    world.other_application = ApplicationFactory(job=world.other_job, applicant=JobseekerFactory())
    world.owner_notification = world.application.notifications.get(user=world.users["recruiter"])


def _pdf():
    from candidates.tests.factories import pdf_upload

    return pdf_upload()


def _app(world):
    return world.application.pk


def _other(world):
    return world.other_application.pk


def _e(route, method, path, guest, jobseeker, recruiter, admin, **kwargs):
    expect = {"guest": guest, "jobseeker": jobseeker, "recruiter": recruiter, "admin": admin}
    return Entry(route, method, path, expect, **kwargs)


VIEW = "applications.view_application"
CHANGE = "applications.change_application"
ANY = "applications.manage_any_application"
APPLY = "applications.add_application"
# The recruiter owns the job applied to; the admin sees it only through manage_any.
SEE_OWN = {"recruiter": (VIEW,), "admin": (VIEW, ANY)}
SEE_OTHERS = {"admin": (VIEW, ANY)}
MOVE_OWN = {"recruiter": (VIEW, CHANGE), "admin": (VIEW, CHANGE, ANY)}


def _listed(world):
    return f'"id":{world.application.pk},'


API = "api/v1/"
ENTRIES = [
    # --- API
    _e(
        API + "jobs/<int:job_id>/apply",
        "POST",
        lambda w: f"/api/v1/jobs/{w.open_job.pk}/apply",
        401,
        400,
        403,
        403,
        notes="jobseeker passes RBAC and reaches validation (no résumé sent); the 201 is "
        "proven in applications/tests/api/test_applyToJob.py",
        perms=dict.fromkeys(("jobseeker", "recruiter", "admin"), (APPLY,)),
        granted={"recruiter": 400, "admin": 400},
    ),
    _e(
        API + "applications",
        "GET",
        "/api/v1/applications",
        401,
        200,
        200,
        200,
        perms=SEE_OWN,
        denied=HIDDEN,
        shows=_listed,
        notes="a list narrows instead of refusing: the applicant drops out of it",
    ),
    _e(
        API + "applications/<int:application_id>",
        "GET",
        lambda w: f"/api/v1/applications/{_app(w)}",
        401,
        200,
        200,
        200,
        perms=SEE_OWN,
        denied=404,
    ),
    _e(
        API + "applications/<int:application_id>",
        "GET",
        lambda w: f"/api/v1/applications/{_other(w)}",
        401,
        404,
        404,
        200,
        notes="another recruiter's applicant",
        perms=SEE_OTHERS,
        denied=404,
    ),
    _e(
        API + "applications/<int:application_id>/transitions",
        "POST",
        lambda w: f"/api/v1/applications/{_app(w)}/transitions",
        401,
        409,
        200,
        200,
        data={"stage": "screening", "note": ""},
        notes="the applicant may only withdraw (POL-AP-003)",
        perms=MOVE_OWN,
        denied=(403, 404),
    ),
    _e(
        API + "applications/<int:application_id>/transitions",
        "POST",
        lambda w: f"/api/v1/applications/{_other(w)}/transitions",
        401,
        404,
        404,
        200,
        data={"stage": "screening", "note": ""},
        perms={"admin": MOVE_OWN["admin"]},
        denied=(403, 404),
    ),
    _e(
        API + "applications/<int:application_id>/resume",
        "GET",
        lambda w: f"/api/v1/applications/{_app(w)}/resume",
        401,
        200,
        200,
        200,
        perms=SEE_OWN,
        denied=404,
    ),
    _e(
        API + "applications/<int:application_id>/resume",
        "GET",
        lambda w: f"/api/v1/applications/{_other(w)}/resume",
        401,
        404,
        404,
        200,
        notes="another recruiter's applicant's résumé (POL-AP-002)",
        perms=SEE_OTHERS,
        denied=404,
    ),
    _e(API + "notifications", "GET", "/api/v1/notifications", 401, 200, 200, 200),
    _e(
        API + "notifications/<int:notification_id>/read",
        "POST",
        lambda w: f"/api/v1/notifications/{w.owner_notification.pk}/read",
        401,
        404,
        200,
        404,
        notes="only the notification's own user",
    ),
    _e(
        API + "notifications/read-all", "POST", "/api/v1/notifications/read-all", 401, 200, 200, 200
    ),
    # --- Pages (guests are sent to sign in)
    _e(
        "applications/jobs/<int:job_id>/apply/",
        "GET",
        lambda w: f"/applications/jobs/{w.open_job.pk}/apply/",
        302,
        200,
        403,
        403,
        perms=dict.fromkeys(("jobseeker", "recruiter", "admin"), (APPLY,)),
        granted={"recruiter": 200, "admin": 200},
    ),
    _e(
        "applications/jobs/<int:job_id>/apply/",
        "POST",
        lambda w: f"/applications/jobs/{w.open_job.pk}/apply/",
        302,
        400,
        403,
        403,
        data={"cover_letter": "résumé missing"},
        fmt="multipart",
        perms=dict.fromkeys(("jobseeker", "recruiter", "admin"), (APPLY,)),
        granted={"recruiter": 400, "admin": 400},
    ),
    _e(
        "applications/jobs/<int:job_id>/board/",
        "GET",
        lambda w: f"/applications/jobs/{w.published_job.pk}/board/",
        302,
        403,
        200,
        200,
        perms={"jobseeker": (VIEW,), **SEE_OWN},
        denied={"recruiter": 403, "admin": (403, 404)},
        granted={"jobseeker": 404},
        notes="a jobseeker given view_application owns no job: still no board",
    ),
    _e(
        "applications/jobs/<int:job_id>/board/",
        "GET",
        lambda w: f"/applications/jobs/{w.other_job.pk}/board/",
        302,
        403,
        404,
        200,
        notes="another recruiter's board",
        perms=SEE_OTHERS,
        denied=(403, 404),
    ),
    _e("applications/mine/", "GET", "/applications/mine/", 302, 200, 200, 200),
    _e("applications/notifications/", "GET", "/applications/notifications/", 302, 200, 200, 200),
    _e(
        "applications/notifications/",
        "POST",
        "/applications/notifications/",
        302,
        302,
        302,
        302,
        data={},
        fmt="multipart",
    ),
    _e(
        "applications/<int:application_id>/",
        "GET",
        lambda w: f"/applications/{_app(w)}/",
        302,
        200,
        200,
        200,
        perms=SEE_OWN,
        denied=404,
    ),
    _e(
        "applications/<int:application_id>/",
        "GET",
        lambda w: f"/applications/{_other(w)}/",
        302,
        404,
        404,
        200,
        notes="another recruiter's applicant",
        perms=SEE_OTHERS,
        denied=404,
    ),
    _e(
        "applications/<int:application_id>/move/",
        "POST",
        lambda w: f"/applications/{_app(w)}/move/",
        302,
        403,
        302,
        302,
        data={"stage": "screening"},
        fmt="multipart",
        perms={"jobseeker": (VIEW, CHANGE), **MOVE_OWN},
        denied=(403, 404),
        granted={"jobseeker": 302},
        notes="a jobseeker given both is still the applicant: POL-AP-003 refuses the move",
    ),
    _e(
        "applications/<int:application_id>/move/",
        "POST",
        lambda w: f"/applications/{_other(w)}/move/",
        302,
        403,
        404,
        302,
        data={"stage": "screening"},
        fmt="multipart",
        perms={"admin": MOVE_OWN["admin"]},
        denied=(403, 404),
    ),
    _e(
        "applications/<int:application_id>/withdraw/",
        "POST",
        lambda w: f"/applications/{_app(w)}/withdraw/",
        302,
        302,
        404,
        404,
        data={},
        fmt="multipart",
        notes="only the applicant withdraws",
    ),
    _e(
        "applications/<int:application_id>/resume/",
        "GET",
        lambda w: f"/applications/{_app(w)}/resume/",
        302,
        200,
        200,
        200,
        perms=SEE_OWN,
        denied=404,
    ),
    _e(
        "applications/<int:application_id>/resume/",
        "GET",
        lambda w: f"/applications/{_other(w)}/resume/",
        302,
        404,
        404,
        200,
        notes="another recruiter's applicant's résumé (POL-AP-002)",
        perms=SEE_OTHERS,
        denied=404,
    ),
]
