"""RBAC as data (POL-S-002): jobseekers keep saved searches; admins see them and consents
in Django admin."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": ["alerts.add_savedsearch"],
    "admin": ["alerts.view_savedsearch", "alerts.view_digest", "accounts.view_consent"],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), ("accounts", "0012_user_deleted_at")]
    operations = [migrations.RunPython(forwards, backwards)]
