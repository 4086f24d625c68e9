from tests.authz.matrix import Entry, every

ENTRIES = [
    Entry("api/v1/health", "GET", "/api/v1/health", every(200)),
    Entry("api/v1/schema/", "GET", "/api/v1/schema/", every(200)),
    Entry("api/v1/docs/", "GET", "/api/v1/docs/", every(200)),
    Entry("api/v1/redoc/", "GET", "/api/v1/redoc/", every(200)),
    Entry(
        "i18n/setlang/",
        "POST",
        "/i18n/setlang/",
        every(302),
        data={"language": "en"},
        fmt="multipart",
    ),
    Entry(
        "metrics",
        "GET",
        "/metrics",
        every(401),
        notes="Prometheus only, with the METRICS_TOKEN bearer token (ADR 0034); no role has it",
    ),
    Entry(
        "admin/",
        "GET",
        "/admin/",
        {"guest": 302, "jobseeker": 302, "recruiter": 302, "admin": 200},
        notes="Django admin by permission (accounts.use_admin_site), not by role",
        perms={
            "recruiter": ("accounts.use_admin_site",),
            "admin": ("accounts.use_admin_site",),
        },
        denied=302,
        granted={"recruiter": 200},
    ),
]
