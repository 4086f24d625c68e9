"""RFC 9457 problem details for every API error (PRODUCT.md: errors are problem+json)."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from jobboard.api.parsers import BodyRefused
from jobboard.errors import DomainError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://jobboard.example/problems/"

_TITLES = {
    400: "Invalid request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def problem(
    status_code: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: dict | None = None,
) -> dict:
    body = {
        "type": TYPE_BASE + (slug or _slug_for(status_code)),
        "title": title or _TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def _slug_for(status_code: int) -> str:
    return _TITLES.get(status_code, "error").lower().replace(" ", "-")


def _flatten(detail) -> dict[str, list[str]]:
    """DRF's nested error detail → {"field": ["message", …]}; nested fields use dots."""
    if isinstance(detail, list):
        return {"non_field_errors": [str(d) for d in detail]}
    flat: dict[str, list[str]] = {}
    for field, messages in detail.items():
        if isinstance(messages, dict):
            for sub, sub_messages in _flatten(messages).items():
                flat[f"{field}.{sub}"] = sub_messages
        elif isinstance(messages, list):
            flat[field] = [
                m if isinstance(m, str) else "; ".join(sum(_flatten(m).values(), []))
                for m in messages
            ]
        else:
            flat[field] = [str(messages)]
    return flat


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error leaves the API as application/problem+json."""
    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        errors = {exc.field: exc.messages} if exc.field else None
        if getattr(exc, "retry_after", None):
            headers["Retry-After"] = str(int(exc.retry_after))
        body = problem(exc.status, exc.detail, slug=exc.code, title=exc.title, errors=errors)
        return _response(body, exc.status, headers)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        if isinstance(exc, exceptions.ParseError):
            # Our JSON parser's refusals are ours to show; other parsers (multipart, form,
            # charset) put the library's exception text in theirs, which clients never see.
            detail = exc.detail
            if not isinstance(exc, BodyRefused):
                detail = _("The request body could not be read.")
            body = problem(400, str(detail), slug="malformed-body")
        elif isinstance(exc, exceptions.ValidationError):
            body = problem(
                400,
                "The request has invalid fields.",
                slug="validation-error",
                errors=_flatten(exc.detail),
            )
        else:
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            body = problem(exc.status_code, str(detail), slug=_slug_for(exc.status_code))
        return _response(body, exc.status_code, headers)
    if isinstance(exc, DataError):
        # The database refused a value the client sent (a NUL character, an out-of-range
        # number): bad input, not an outage.
        body = problem(
            400,
            "The request contains a value that cannot be stored or searched.",
            slug="validation-error",
        )
        return _response(body, 400, headers)
    if isinstance(exc, OperationalError | InterfaceError | DatabaseError):
        logger.exception("database unavailable")
        body = problem(503, "The database is unavailable; retry shortly.")
        return _response(body, 503, {"Retry-After": "5"})
    return None  # unhandled: Django's handler500 answers with a problem document


def _response(body: dict, status_code: int, headers: dict[str, str]) -> Response:
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def problem_json_response(status_code: int, detail: str, **kwargs) -> JsonResponse:
    """For plain Django views under /api/ (404/500 handlers, webhooks)."""
    return JsonResponse(
        problem(status_code, detail, **kwargs),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
