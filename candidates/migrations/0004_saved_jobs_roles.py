"""RBAC as data (POL-S-002): jobseekers save jobs; admins see saved jobs and reminders in
Django admin."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": ["candidates.add_savedjob"],
    "admin": [
        "candidates.view_savedjob",
        "candidates.view_savedjobreminder",
        "candidates.view_recentlyviewedjob",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0003_saved_and_recently_viewed_jobs")]
    operations = [migrations.RunPython(forwards, backwards)]
