"""Every API response the tests receive is checked against openapi/api-spec.yaml: status,
content type and body schema (the API-First rule). Used by the `api_client` fixtures."""

from functools import lru_cache
from pathlib import Path

from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "api-spec.yaml"


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    # Error bodies are application/problem+json (RFC 9457): JSON, which openapi-core does not
    # know by that name.
    config = Config(
        extra_media_type_deserializers={"application/problem+json": json_loads},
    )
    return OpenAPI.from_file_path(str(SPEC_PATH), config=config)


def assert_response_matches_spec(response) -> None:
    """Raise if the response (with its request) is not what the contract promises."""
    request = response.wsgi_request
    if not request.path.startswith("/api/v1/") or request.path.startswith(
        ("/api/v1/schema", "/api/v1/docs", "/api/v1/redoc")
    ):
        return
    try:
        openapi().validate_response(DjangoOpenAPIRequest(request), DjangoOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        # A path or method the contract does not have: it must be refused as a problem.
        assert response.status_code in (404, 405), (request.method, request.path, response)
        assert response["Content-Type"] == "application/problem+json"
