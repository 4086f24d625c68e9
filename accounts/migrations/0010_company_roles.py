"""RBAC as data for companies (POL-J-007): jobseekers follow companies; admins edit any
company's profile (recruiters edit their own with accounts.change_company, from 0002)."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "jobseeker": [
        "accounts.add_companyfollow",
        "accounts.delete_companyfollow",
        "accounts.view_companyfollow",
    ],
    "admin": ["accounts.manage_any_company", "accounts.view_companyfollow"],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_company_profile_and_follows")]
    operations = [migrations.RunPython(forwards, backwards)]
