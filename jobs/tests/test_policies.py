"""jobs.policies (ADR 0036): POL-J-001 (owners and admins), POL-J-003 (drafts), on permission
data plus ownership."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from jobs.policies import (
    can_close_job,
    can_copy_job,
    can_create_job,
    can_edit_job,
    can_post_for_any_company,
    can_view_job,
)
from jobs.tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def _take(role, codename):
    Group.objects.get(name=role).permissions.remove(Permission.objects.get(codename=codename))


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_drafts_are_seen_by_owner_and_admins_only__POL_J_003():
    draft = DraftJobFactory()
    assert can_view_job(draft.owner, draft)
    assert can_view_job(AdminFactory(), draft)
    for outsider in (AnonymousUser(), JobseekerFactory(), RecruiterFactory()):
        assert not can_view_job(outsider, draft)
    assert can_view_job(AnonymousUser(), PublishedJobFactory())


def test_owner_and_admin_edit_and_close_others_do_not__POL_J_001():
    job = PublishedJobFactory()
    admin, stranger = AdminFactory(), RecruiterFactory()
    for check in (can_edit_job, can_close_job, can_copy_job):
        assert check(job.owner, job)
        assert check(admin, job)
        assert not check(stranger, job)
        assert not check(JobseekerFactory(), job)


def test_taking_a_permission_from_the_group_takes_the_action__RBAC():
    job = PublishedJobFactory()
    _take("recruiter", "change_job")
    owner = _fresh(job.owner)
    assert not can_edit_job(owner, job)
    assert can_close_job(owner, job)
    _take("recruiter", "add_job")
    assert not can_create_job(_fresh(owner))
    assert not can_copy_job(_fresh(owner), job)


def test_posting_for_any_company_is_a_permission__POL_J_001():
    admin = AdminFactory()
    assert can_post_for_any_company(admin)
    assert not can_post_for_any_company(RecruiterFactory())
    _take("admin", "manage_any_job")
    assert not can_post_for_any_company(_fresh(admin))
    assert not can_edit_job(_fresh(admin), PublishedJobFactory())
