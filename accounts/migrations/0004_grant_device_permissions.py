"""RBAC as data: every role may list and revoke its own devices (POL-A-002)."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": ["accounts.manage_own_devices"],
    "recruiter": ["accounts.manage_own_devices"],
    "admin": ["accounts.manage_own_devices"],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_device_permissions")]
    operations = [migrations.RunPython(forwards, backwards)]
