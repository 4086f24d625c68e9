"""Schemathesis fuzzes every operation of the committed contract, in-process (WSGI), as each
role: responses must conform (status code, content type, body schema) and never be a 5xx.
Where DRF disagrees with the spec, the spec or the view is fixed — never the check."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from conftest import sign_in
from tests.contract.spec import SPEC_PATH

schema = schemathesis.openapi.from_path(SPEC_PATH)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: the in-process WSGI calls must not close the connection
    that holds the test transaction at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def role_headers(db):
    headers = {"guest": {}}
    for role, factory in (
        ("jobseeker", JobseekerFactory),
        ("recruiter", RecruiterFactory),
        ("admin", AdminFactory),
    ):
        headers[role] = {"Authorization": f"Bearer {sign_in(factory()).tokens.access}"}
    return headers


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_operation_conforms_to_contract_for_every_role(case, role_headers):
    """Each case is sent as a guest and as each signed-in role — except when the generated
    headers are themselves the invalid part: then our Authorization header would repair the
    request and hide what is being tested, so the case goes out exactly as generated."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        case.call_and_validate()
        return
    for headers in role_headers.values():
        case.call_and_validate(headers=headers)
