"""applications.policies (ADR 0036): who sees and moves applications rests on permission data
plus ownership, and the list filter (`application_scope`) says exactly what the predicate
says for every kind of user."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from applications.models import Application
from applications.policies import (
    application_scope,
    can_move_application,
    can_view_applicants,
    can_view_application,
    can_withdraw_application,
)
from applications.tests.factories import ApplicationFactory
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def _take(role, codename):
    Group.objects.get(name=role).permissions.remove(Permission.objects.get(codename=codename))


@pytest.fixture
def cast():
    owner, stranger = RecruiterFactory(), RecruiterFactory()
    applicant = JobseekerFactory()
    mine = ApplicationFactory(job=PublishedJobFactory(owner=owner), applicant=applicant)
    theirs = ApplicationFactory(job=PublishedJobFactory(owner=stranger))
    users = {
        "guest": AnonymousUser(),
        "applicant": applicant,
        "other jobseeker": JobseekerFactory(),
        "owner": owner,
        "other recruiter": RecruiterFactory(),
        "admin": AdminFactory(),
    }
    return users, [mine, theirs]


def _assert_scope_matches_predicate(users, applications):
    for name, user in users.items():
        fresh = type(user).objects.get(pk=user.pk) if user.is_authenticated else user
        listed = set(Application.objects.filter(application_scope(fresh)))
        allowed = {a for a in applications if can_view_application(fresh, a)}
        assert listed == allowed, name


def test_scope_and_predicate_agree_for_every_user__POL_AP_002(cast):
    users, applications = cast
    _assert_scope_matches_predicate(users, applications)
    mine, theirs = applications
    assert can_view_application(users["owner"], mine)
    assert not can_view_application(users["owner"], theirs)
    assert can_view_application(users["admin"], theirs)
    assert not can_view_application(users["guest"], mine)


def test_scope_and_predicate_agree_when_groups_change__RBAC(cast):
    users, applications = cast
    _take("admin", "manage_any_application")
    _assert_scope_matches_predicate(users, applications)
    assert not can_view_application(users["admin"], applications[1])
    _take("recruiter", "view_application")
    _assert_scope_matches_predicate(users, applications)
    assert not can_view_application(users["owner"], applications[0])
    # The applicant always sees their own application: no permission stands in the way.
    assert can_view_application(users["applicant"], applications[0])


def test_admin_is_decided_by_permission_not_role__POL_AP_003(cast):
    """Before ADR 0036 an admin whose group held no permissions still saw every application."""
    users, (mine, _) = cast
    Group.objects.get(name="admin").permissions.clear()
    admin = type(users["admin"]).objects.get(pk=users["admin"].pk)
    assert not can_view_applicants(admin, mine.job)
    assert not can_move_application(admin, mine)
    assert not Application.objects.filter(application_scope(admin)).exists()


def test_only_the_jobs_side_moves_and_only_the_applicant_withdraws__POL_AP_003(cast):
    users, (mine, _) = cast
    assert can_move_application(users["owner"], mine)
    assert can_move_application(users["admin"], mine)
    assert not can_move_application(users["applicant"], mine)
    assert not can_move_application(users["other recruiter"], mine)
    assert can_withdraw_application(users["applicant"], mine)
    assert not can_withdraw_application(users["owner"], mine)
    _take("recruiter", "change_application")
    owner = type(users["owner"]).objects.get(pk=users["owner"].pk)
    assert not can_move_application(owner, mine)
    assert can_view_application(owner, mine)
