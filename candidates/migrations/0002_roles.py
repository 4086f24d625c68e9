"""RBAC as data (POL-AP-006): jobseekers keep a profile and stored résumés; admins see them
in Django admin."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": ["candidates.change_profile", "candidates.add_storedresume"],
    "admin": ["candidates.view_profile", "candidates.view_storedresume"],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("accounts", "0002_roles"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
