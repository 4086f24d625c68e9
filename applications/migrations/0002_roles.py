"""RBAC as data (POL-AP-001, POL-AP-003): jobseekers apply; recruiters view and move the
applications of their own jobs (ownership is checked in selectors/services); admins all."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": ["applications.add_application"],
    "recruiter": ["applications.view_application", "applications.change_application"],
    "admin": [
        "applications.view_application",
        "applications.change_application",
        "applications.view_stagechange",
        "applications.view_resumedownload",
        "applications.view_notification",
        "applications.change_notification",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("accounts", "0002_roles"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
