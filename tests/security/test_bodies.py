"""Issue 11 item 6: a body the API cannot use is a clear problem+json answer, never a 500 and
never the text of a library's or the database's exception (ADR 0030).

Every operation of the contract that takes a JSON body is sent one deeply nested, one
unparseable and one oversize body; each answer is checked against the contract too."""

import json

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework import parsers as drf_parsers
from rest_framework.views import APIView

from accounts.tests.factories import AdminFactory
from alerts.tests.factories import SavedSearchFactory
from applications.tests.factories import ApplicationFactory
from jobboard.api import parsers
from jobs.tests.factories import PublishedJobFactory
from payments.tests.factories import PendingTossOrderFactory
from tests.contract.spec import SPEC_PATH

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
NESTED = "[" * 50_000 + "]" * 50_000  # 100 kB; Python's decoder gives up after ~1,000 levels
# Unparseable in different ways: cut short, not JSON at all, NaN (not JSON), not UTF-8.
MALFORMED = [b'{"email": ', b"email=a@b.kr", b'{"n": NaN}', b'{"name": "\xff\xfe"}']

# operationId -> who calls (a guest, an admin, or the recruiter who owns the objects) and the
# path with real ids, so that the body is parsed rather than the request refused earlier.
JSON_OPERATIONS = {
    "login": ("guest", lambda ids: "/api/v1/auth/login"),
    "refreshToken": ("guest", lambda ids: "/api/v1/auth/refresh"),
    "registerUser": ("guest", lambda ids: "/api/v1/auth/register"),
    "requestPasswordReset": ("guest", lambda ids: "/api/v1/auth/password-reset"),
    "confirmPasswordReset": ("guest", lambda ids: "/api/v1/auth/password-reset/confirm"),
    "deleteMyAccount": ("jobseeker", lambda ids: "/api/v1/auth/me/delete"),
    "createSavedSearch": ("jobseeker", lambda ids: "/api/v1/saved-searches"),
    "updateSavedSearch": (
        "jobseeker",
        lambda ids: f"/api/v1/saved-searches/{ids['saved_search']}",
    ),
    "receivePaymentWebhook": ("guest", lambda ids: "/api/v1/webhooks/payments/toss"),
    "createJob": ("recruiter", lambda ids: "/api/v1/jobs"),
    "replaceJob": ("recruiter", lambda ids: f"/api/v1/jobs/{ids['job']}"),
    "updateJob": ("recruiter", lambda ids: f"/api/v1/jobs/{ids['job']}"),
    "updateCompany": ("recruiter", lambda ids: f"/api/v1/companies/{ids['company']}"),
    "reopenJob": ("recruiter", lambda ids: f"/api/v1/jobs/{ids['job']}/reopen"),
    "copyJob": ("recruiter", lambda ids: f"/api/v1/jobs/{ids['job']}/copy"),
    "transitionApplication": (
        "recruiter",
        lambda ids: f"/api/v1/applications/{ids['application']}/transitions",
    ),
    "addPrivateNote": (
        "recruiter",
        lambda ids: f"/api/v1/applications/{ids['application']}/notes",
    ),
    "rateApplicant": (
        "recruiter",
        lambda ids: f"/api/v1/applications/{ids['application']}/rating",
    ),
    "sendApplicantMessage": (
        "recruiter",
        lambda ids: f"/api/v1/applications/{ids['application']}/messages",
    ),
    "bulkTransitionApplications": (
        "recruiter",
        lambda ids: "/api/v1/applications/bulk-transitions",
    ),
    "applyToJob": ("jobseeker", lambda ids: f"/api/v1/jobs/{ids['open_job']}/apply"),
    "updateMyProfile": ("jobseeker", lambda ids: "/api/v1/me/profile"),
    "cancelOrder": ("admin", lambda ids: f"/api/v1/orders/{ids['order']}/cancel"),
    "preparePayment": ("recruiter", lambda ids: "/api/v1/payments/prepare"),
    "confirmPayment": ("recruiter", lambda ids: "/api/v1/payments/confirm"),
}


def _operations_with_a_json_body() -> dict[str, tuple[str, str]]:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    found = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                found[operation["operationId"]] = (method, path)
    return found


SPEC_OPERATIONS = _operations_with_a_json_body()


def test_every_json_operation_of_the_contract_is_exercised_here():
    assert set(SPEC_OPERATIONS) == set(JSON_OPERATIONS)


@pytest.fixture
def caller(api_client):
    application = ApplicationFactory()
    users = {
        "guest": None,
        "admin": AdminFactory(),
        "recruiter": application.job.owner,
        "jobseeker": application.applicant,
    }
    ids = {
        "job": application.job.pk,
        "company": application.job.owner.company_id,
        "application": application.pk,
        "order": PendingTossOrderFactory(buyer=application.job.owner).order_id,
        "saved_search": SavedSearchFactory(user=application.applicant).pk,
        "open_job": PublishedJobFactory().pk,
    }

    def send(operation_id: str, body: bytes, *, content_type="application/json"):
        role, path = JSON_OPERATIONS[operation_id]
        method, _ = SPEC_OPERATIONS[operation_id]
        api_client.force_authenticate(users[role])
        return getattr(api_client, method)(path(ids), body, content_type=content_type)

    return send


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    return response.json()


@pytest.mark.parametrize("operation_id", sorted(JSON_OPERATIONS))
def test_deeply_nested_json_is_a_400_problem(caller, operation_id):
    problem = _assert_problem(caller(operation_id, NESTED.encode()), 400)
    assert problem["type"].endswith("/malformed-body")
    assert "32" in problem["detail"]


@pytest.mark.parametrize("operation_id", sorted(JSON_OPERATIONS))
@pytest.mark.parametrize("body", MALFORMED)
def test_unparseable_json_is_a_400_problem_without_the_decoders_text(caller, operation_id, body):
    problem = _assert_problem(caller(operation_id, body), 400)
    assert problem["type"].endswith("/malformed-body")
    # The decoder's own words ("Expecting value: line 1 column 12 (char 11)") stay inside.
    for leaked in ("Expecting", "line 1", "char ", "codec", "NaN"):
        assert leaked not in problem["detail"]


def test_nesting_within_the_limit_is_parsed_and_past_it_refused():
    within = json.dumps(_nest(parsers.JSON_MAX_DEPTH))
    assert parsers.json_loads(within.encode()) == _nest(parsers.JSON_MAX_DEPTH)
    with pytest.raises(parsers.JSONTooDeep):
        parsers.json_loads(json.dumps(_nest(parsers.JSON_MAX_DEPTH + 1)))
    # Objects count like arrays; scalars are not a level.
    assert parsers.json_loads('{"a": {"b": [1, "x", null]}}') == {"a": {"b": [1, "x", None]}}


def _nest(depth: int):
    value: object = "leaf"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
def test_oversize_body_is_a_413_problem_before_it_is_read(caller, settings, operation_id):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = b'{"padding": "' + b"x" * (1024 * 1024) + b'"}'
    problem = _assert_problem(caller(operation_id, body), 413)
    assert problem["detail"] == "요청 본문이 1MB를 초과합니다."


def test_oversize_form_on_a_page_is_a_413_error_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client.post(
        "/accounts/login/", {"email": "a@b.kr", "password": "x" * (1024 * 1024 + 10)}
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "413" in response.content.decode()


def test_too_many_form_fields_is_a_400_problem_on_the_api_and_the_400_page(
    api_client, client, settings
):
    """Django's own refusal (TooManyFieldsSent, a SuspiciousOperation) goes to handler400."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"f{n}": "x" for n in range(20)}
    api = api_client.post("/api/v1/auth/login", fields, format="multipart")
    problem = _assert_problem(api, 400)
    assert "fields" not in problem["detail"].lower()  # not Django's "too many fields" text
    page = client.post("/accounts/login/", fields)
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_multipart_parse_error_shows_no_library_text(api_client):
    response = api_client.post(
        "/api/v1/auth/login", b"--x\r\nbroken", content_type="multipart/form-data"
    )
    problem = _assert_problem(response, 400)
    assert problem["type"].endswith("/malformed-body")
    assert "boundary" not in problem["detail"].lower()


def test_host_refused_on_the_api_is_a_problem_and_on_pages_the_400_page(client):
    api = client.get("/api/v1/jobs", HTTP_HOST="evil.example")
    assert api.status_code == 400
    assert api["Content-Type"] == PROBLEM
    assert "evil.example" not in api.content.decode()
    page = client.get("/jobs/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")
    assert "evil.example" not in page.content.decode()


def _api_views():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                if view is not None and issubclass(view, APIView):
                    yield view

    return set(walk(get_resolver().url_patterns))


def test_every_api_view_decodes_json_through_the_guarded_parser():
    """A view that names its parsers must name ours for JSON: DRF's own answers 500 to a
    deeply nested body. This catches endpoints added later, whatever app adds them."""
    views = _api_views()
    assert len(views) > 20
    for view in views:
        for parser in view.parser_classes:
            if issubclass(parser, drf_parsers.JSONParser):
                assert issubclass(parser, parsers.JSONParser), view
