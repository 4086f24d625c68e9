"""The jobseeker's profile and stored résumés (POL-AP-006): each jobseeker's own, nobody
else's. `world.stored_resume` is world.users["jobseeker"]'s; `world.other_stored_resume`
another jobseeker's (404 for the jobseeker: no existence leak)."""

from tests.authz.matrix import Entry

EDIT = "candidates.change_profile"
RESUMES = "candidates.add_storedresume"
SAVE = "candidates.add_savedjob"


def build(world):
    from candidates.tests.factories import StoredResumeFactory
    from jobs.tests.factories import PublishedJobFactory

    world.stored_resume = StoredResumeFactory(owner=world.users["jobseeker"], is_default=True)
    world.other_stored_resume = StoredResumeFactory(is_default=True)
    world.saveable_job = PublishedJobFactory()


def _e(route, method, path, guest, jobseeker, recruiter, admin, **kwargs):
    expect = {"guest": guest, "jobseeker": jobseeker, "recruiter": recruiter, "admin": admin}
    return Entry(route, method, path, expect, **kwargs)


def _own(perm, granted):
    """The jobseeker's answer rests on `perm`; a recruiter or admin given it gets `granted`
    (the object is still not theirs, or they now have a profile of their own)."""
    return {
        "perms": {"jobseeker": (perm,)},
        "granted": {"recruiter": granted, "admin": granted},
    }


def _resume(w):
    return w.stored_resume.pk


API = "api/v1/"
ENTRIES = [
    # --- API
    _e(API + "me/profile", "GET", "/api/v1/me/profile", 401, 200, 403, 403, **_own(EDIT, 200)),
    _e(
        API + "me/profile",
        "PATCH",
        "/api/v1/me/profile",
        401,
        200,
        403,
        403,
        data={"headline": "백엔드 개발자"},
        **_own(EDIT, 200),
    ),
    # POL-S-003: one's own recommended jobs, for whoever keeps a profile.
    _e(
        API + "me/recommendations",
        "GET",
        "/api/v1/me/recommendations",
        401,
        200,
        403,
        403,
        **_own(EDIT, 200),
    ),
    _e(API + "me/resumes", "GET", "/api/v1/me/resumes", 401, 200, 403, 403, **_own(RESUMES, 200)),
    _e(
        API + "me/resumes",
        "POST",
        "/api/v1/me/resumes",
        401,
        400,
        403,
        403,
        data={"title": "no file"},
        fmt="multipart",
        notes="the jobseeker reaches validation (no file sent)",
        **_own(RESUMES, 400),
    ),
    _e(
        API + "me/resumes/<int:resume_id>",
        "DELETE",
        lambda w: f"/api/v1/me/resumes/{_resume(w)}",
        401,
        204,
        403,
        403,
        **_own(RESUMES, 404),
    ),
    _e(
        API + "me/resumes/<int:resume_id>",
        "DELETE",
        lambda w: f"/api/v1/me/resumes/{w.other_stored_resume.pk}",
        401,
        404,
        403,
        403,
        notes="another jobseeker's résumé",
    ),
    _e(
        API + "me/resumes/<int:resume_id>/default",
        "POST",
        lambda w: f"/api/v1/me/resumes/{_resume(w)}/default",
        401,
        200,
        403,
        403,
        **_own(RESUMES, 404),
    ),
    _e(
        API + "me/resumes/<int:resume_id>/file",
        "GET",
        lambda w: f"/api/v1/me/resumes/{_resume(w)}/file",
        401,
        200,
        403,
        403,
        **_own(RESUMES, 404),
    ),
    _e(
        API + "me/resumes/<int:resume_id>/file",
        "GET",
        lambda w: f"/api/v1/me/resumes/{w.other_stored_resume.pk}/file",
        401,
        404,
        403,
        403,
        notes="another jobseeker's résumé (POL-AP-002)",
    ),
    _e(
        API + "me/saved-jobs", "GET", "/api/v1/me/saved-jobs", 401, 200, 403, 403, **_own(SAVE, 200)
    ),
    _e(
        API + "me/saved-jobs/<int:job_id>",
        "PUT",
        lambda w: f"/api/v1/me/saved-jobs/{w.saveable_job.pk}",
        401,
        204,
        403,
        403,
        **_own(SAVE, 204),
    ),
    _e(
        API + "me/saved-jobs/<int:job_id>",
        "DELETE",
        lambda w: f"/api/v1/me/saved-jobs/{w.saveable_job.pk}",
        401,
        204,
        403,
        403,
        **_own(SAVE, 204),
    ),
    # --- Pages (guests are sent to sign in)
    _e("me/profile/", "GET", "/me/profile/", 302, 200, 403, 403, **_own(EDIT, 200)),
    _e(
        "me/profile/",
        "POST",
        "/me/profile/",
        302,
        302,
        403,
        403,
        data={"headline": "백엔드 개발자"},
        fmt="multipart",
        **_own(EDIT, 302),
    ),
    _e(
        "me/resumes/",
        "POST",
        "/me/resumes/",
        302,
        400,
        403,
        403,
        data={"title": "no file"},
        fmt="multipart",
        **_own(RESUMES, 400),
    ),
    _e(
        "me/resumes/<int:resume_id>/delete/",
        "POST",
        lambda w: f"/me/resumes/{_resume(w)}/delete/",
        302,
        302,
        403,
        403,
        data={},
        fmt="multipart",
        **_own(RESUMES, 404),
    ),
    _e(
        "me/resumes/<int:resume_id>/default/",
        "POST",
        lambda w: f"/me/resumes/{_resume(w)}/default/",
        302,
        302,
        403,
        403,
        data={},
        fmt="multipart",
        **_own(RESUMES, 404),
    ),
    _e(
        "me/resumes/<int:resume_id>/file/",
        "GET",
        lambda w: f"/me/resumes/{_resume(w)}/file/",
        302,
        200,
        403,
        403,
        **_own(RESUMES, 404),
    ),
    _e(
        "me/resumes/<int:resume_id>/file/",
        "GET",
        lambda w: f"/me/resumes/{w.other_stored_resume.pk}/file/",
        302,
        404,
        403,
        403,
        notes="another jobseeker's résumé",
    ),
    _e("me/saved-jobs/", "GET", "/me/saved-jobs/", 302, 200, 403, 403, **_own(SAVE, 200)),
    _e(
        "me/saved-jobs/<int:job_id>/",
        "POST",
        lambda w: f"/me/saved-jobs/{w.saveable_job.pk}/",
        302,
        302,
        403,
        403,
        data={},
        fmt="multipart",
        **_own(SAVE, 302),
    ),
]
