"""RBAC as data (POL-J-001): what recruiters and admins may do with jobs. Ownership (a
recruiter touches only their own jobs) is enforced on top in jobs.services."""

from django.db import migrations

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "recruiter": ["jobs.add_job", "jobs.change_job", "jobs.delete_job", "jobs.view_job"],
    "admin": [
        "jobs.add_job", "jobs.change_job", "jobs.delete_job", "jobs.view_job",
        "jobs.manage_any_job",
        "jobs.add_category", "jobs.change_category", "jobs.delete_category", "jobs.view_category",
        "jobs.add_location", "jobs.change_location", "jobs.delete_location", "jobs.view_location",
        "jobs.view_joboption",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_search_and_list_indexes"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
