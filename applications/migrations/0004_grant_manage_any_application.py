"""RBAC as data: seeing and moving the applicants of every company's jobs is the permission
applications.manage_any_application, held by the admin role's group (before, code asked
whether the user's role was "admin")."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {"admin": ["applications.manage_any_application"]}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_manage_any_application_permission")]
    operations = [migrations.RunPython(forwards, backwards)]
