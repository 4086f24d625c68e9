"""RBAC as data: reaching Django admin is the permission accounts.use_admin_site, held by the
admin role's group (an admin can withdraw or grant it in admin; no code asks for a role)."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {"admin": ["accounts.use_admin_site"]}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_admin_site_permission")]
    operations = [migrations.RunPython(forwards, backwards)]
