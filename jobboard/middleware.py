import contextlib
import logging
import re
import time
import uuid

from django.db import connections

from jobboard.client_address import client_ip
from jobboard.logging import request_id_var

access_logger = logging.getLogger("jobboard.access")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Carries the caller's X-Request-ID (if well-formed) or a new one through logs and back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestBodyLimitMiddleware:
    """A body declared larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 before
    anything reads it: problem+json under /api/, the error page elsewhere (ADR 0030).

    Django itself checks only bodies it reads through request.body or its form parser;
    DRF's parsers read the stream directly, so without this the API would read any size."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            from jobboard.views import request_too_large

            return request_too_large(request)
        return self.get_response(request)


class ProbeHostMiddleware:
    """Health probes and Prometheus scrapes reach a pod by its IP or service name, which
    ALLOWED_HOSTS cannot list. For GET on those two read-only paths only, an unknown Host is
    replaced by the first allowed one; every other request keeps Django's Host check."""

    PATHS = frozenset({"/api/v1/health", "/metrics"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path in self.PATHS:
            from django.conf import settings
            from django.http.request import split_domain_port, validate_host

            host = request.META.get("HTTP_HOST", "")
            domain, _port = split_domain_port(host)
            allowed = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")]
            if allowed and not validate_host(domain, settings.ALLOWED_HOSTS):
                request.META["HTTP_HOST"] = allowed[0].strip("*") or "localhost"
        return self.get_response(request)


class _SqlTime:
    """An execute wrapper that adds up the statements a request ran and the time they took."""

    def __init__(self):
        self.statements, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements += 1
            self.seconds += time.perf_counter() - started


class AccessLogMiddleware:
    """One JSON line per request: route, status, duration and how much of it was SQL
    (statements, ms: a slow request's time split between the database and Python), user
    id. Never bodies or tokens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        sql = _SqlTime()
        with contextlib.ExitStack() as wrappers:
            for connection in connections.all():  # the replica's too (ADR 0068)
                wrappers.enter_context(connection.execute_wrapper(sql))
            response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        access_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "route": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "db_statements": sql.statements,
                "db_ms": round(sql.seconds * 1000, 2),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "client_ip": client_ip(request),
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """Pages and plain views answer 503 (problem+json under /api/) when PostgreSQL is down,
    quickly and without a traceback, so load balancers and clients retry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError, InterfaceError, OperationalError
        from django.http import HttpResponse, HttpResponseBadRequest
        from django.template import loader

        from jobboard.api.problems import problem_json_response

        if isinstance(exception, DataError):  # a value the database refuses: bad input
            if request.path.startswith("/api/"):
                return problem_json_response(400, "The request contains an invalid value.")
            return HttpResponseBadRequest(loader.get_template("400.html").render())
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger(__name__).error("database unavailable: %s", exception)
        if request.path.startswith("/api/"):
            response = problem_json_response(503, "The database is unavailable; retry shortly.")
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "5"
        return response


class MalformedQueryMiddleware:
    """API requests whose query string has a parameter without a name (`?=x`) are refused
    with a problem document instead of being silently half-understood."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and "" in request.GET:
            from jobboard.api.problems import problem_json_response

            return problem_json_response(
                400,
                "The query string has a parameter without a name.",
                slug="validation-error",
                errors={"query": ["Every query parameter needs a name."]},
            )
        return self.get_response(request)
