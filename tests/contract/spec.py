"""Every API response the tests receive is checked against openapi/api-spec.yaml: status,
content type and body schema (the API-First rule). Used by the `api_client` fixtures."""

import json
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import RequestDataTooBig
from django.http.request import RawPostDataException
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "api-spec.yaml"


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    # openapi-core knows application/json only; problem documents are JSON too (RFC 9457).
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_file_path(str(SPEC_PATH), config=config)


class _StreamedRequest(DjangoOpenAPIRequest):
    """A multipart request whose body Django streamed to upload handlers (résumé uploads
    stop reading past the size limit) cannot be read again, and one over the size limit is
    never read (413); only the response is checked."""

    @property
    def body(self) -> bytes:
        return b""


def _openapi_request(request):
    try:
        request.body  # noqa: B018 - raises once the stream was consumed
    except (RawPostDataException, RequestDataTooBig):
        return _StreamedRequest(request)
    return DjangoOpenAPIRequest(request)


def assert_response_matches_spec(response) -> None:
    """Raise if the response (with its request) is not what the contract promises."""
    request = response.wsgi_request
    if not request.path.startswith("/api/v1/") or request.path.startswith(
        ("/api/v1/schema", "/api/v1/docs", "/api/v1/redoc")
    ):
        return
    try:
        openapi().validate_response(_openapi_request(request), DjangoOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        # A path or method the contract does not have: it must be refused as a problem.
        assert response.status_code in (404, 405), (request.method, request.path, response)
        assert response["Content-Type"] == "application/problem+json"
