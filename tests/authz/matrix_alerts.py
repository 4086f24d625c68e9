"""Saved searches and their digests' unsubscribe link (POL-S-002)."""

from tests.authz.matrix import Entry, every

SAVE = {"jobseeker": ("alerts.add_savedsearch",)}
JOBSEEKER_PAGE = {"guest": 302, "jobseeker": 200, "recruiter": 403, "admin": 403}
JOBSEEKER_POST = {"guest": 302, "jobseeker": 302, "recruiter": 403, "admin": 403}
JOBSEEKER_API = {"guest": 401, "jobseeker": 200, "recruiter": 403, "admin": 403}
# Given the permission, another role still finds no search of its own there.
NOT_THEIRS = {"recruiter": 404, "admin": 404}


def build(world):
    from alerts.tests.factories import SavedSearchFactory

    world.saved_search = SavedSearchFactory(user=world.users["jobseeker"])


def _search(world) -> int:
    return world.saved_search.pk


def _token(world) -> str:
    from alerts.services import unsubscribe_token

    return unsubscribe_token(world.saved_search)


ENTRIES = [
    Entry(
        "alerts/searches/",
        "GET",
        "/alerts/searches/",
        JOBSEEKER_PAGE,
        perms=SAVE,
        granted={"recruiter": 200, "admin": 200},
    ),
    Entry(
        "alerts/searches/new/",
        "POST",
        "/alerts/searches/new/",
        JOBSEEKER_POST,
        data={"query": "q=python", "frequency": "weekly"},
        fmt="multipart",
        perms=SAVE,
        granted={"recruiter": 302, "admin": 302},
    ),
    Entry(
        "alerts/searches/<int:pk>/",
        "POST",
        lambda w: f"/alerts/searches/{_search(w)}/",
        JOBSEEKER_POST,
        data={"frequency": "never"},
        fmt="multipart",
        perms=SAVE,
        granted=NOT_THEIRS,
    ),
    Entry(
        "alerts/searches/<int:pk>/delete/",
        "POST",
        lambda w: f"/alerts/searches/{_search(w)}/delete/",
        JOBSEEKER_POST,
        fmt="multipart",
        perms=SAVE,
        granted=NOT_THEIRS,
    ),
    Entry(
        "alerts/unsubscribe/<str:token>/",
        "GET",
        lambda w: f"/alerts/unsubscribe/{_token(w)}/",
        every(200),
        notes="the signed link in each digest needs no sign-in (POL-S-002)",
    ),
    Entry(
        "api/v1/saved-searches",
        "GET",
        "/api/v1/saved-searches",
        JOBSEEKER_API,
        perms=SAVE,
        granted={"recruiter": 200, "admin": 200},
    ),
    Entry(
        "api/v1/saved-searches",
        "POST",
        "/api/v1/saved-searches",
        {"guest": 401, "jobseeker": 201, "recruiter": 403, "admin": 403},
        data={"frequency": "daily", "filters": {"q": "python"}},
        perms=SAVE,
        granted={"recruiter": 201, "admin": 201},
    ),
    Entry(
        "api/v1/saved-searches/<int:pk>",
        "GET",
        lambda w: f"/api/v1/saved-searches/{_search(w)}",
        JOBSEEKER_API,
        perms=SAVE,
        granted=NOT_THEIRS,
    ),
    Entry(
        "api/v1/saved-searches/<int:pk>",
        "PATCH",
        lambda w: f"/api/v1/saved-searches/{_search(w)}",
        JOBSEEKER_API,
        data={"frequency": "weekly"},
        perms=SAVE,
        granted=NOT_THEIRS,
    ),
    Entry(
        "api/v1/saved-searches/<int:pk>",
        "DELETE",
        lambda w: f"/api/v1/saved-searches/{_search(w)}",
        {"guest": 401, "jobseeker": 204, "recruiter": 403, "admin": 403},
        perms=SAVE,
        granted=NOT_THEIRS,
    ),
]
