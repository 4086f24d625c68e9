"""RBAC as data: one group per role, holding that role's permissions. Later apps' migrations
add their own permissions to these groups; admins edit them in Django admin."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": [],
    "recruiter": ["accounts.view_company", "accounts.change_company"],
    "admin": [
        "accounts.view_user", "accounts.change_user",
        "accounts.view_company", "accounts.change_company", "accounts.add_company",
        "accounts.view_devicesession", "accounts.change_devicesession",
        "auth.view_group", "auth.change_group", "auth.add_group", "auth.view_permission",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
