import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.utils import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jobboard.api.problems import problem_json_response
from jobboard.api.serializers import Serializer

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    # An ORM query, not connection.is_usable(): queries go through Django's connection health
    # check (CONN_HEALTH_CHECKS), so a persistent connection broken by a database restart is
    # replaced and health recovers by itself.
    try:
        ContentType.objects.exists()
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    try:
        cache.set("health:probe", "1", 5)
        return cache.get("health:probe") == "1"
    except Exception:  # any cache backend error means "down"; health must not raise
        logger.warning("cache health probe failed", exc_info=True)
        return False


class HealthSerializer(Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded", "down"])
    database = serializers.ChoiceField(choices=["ok", "down"])
    cache = serializers.ChoiceField(choices=["ok", "down"])


class HealthApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="getHealth",
        tags=["health"],
        auth=[],
        responses={200: HealthSerializer, 503: HealthSerializer},
    )
    def get(self, request):
        """The state of the database and the cache; 503 when the database is unreachable."""
        database, cache_state = _database_ok(), _cache_ok()
        body = {
            "status": "ok" if database and cache_state else ("degraded" if database else "down"),
            "database": "ok" if database else "down",
            "cache": "ok" if cache_state else "down",
        }
        return Response(body, status=200 if database else 503)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_json_response(404, "No such resource.")
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """handler400: Django's refusals (a Host not allowed, a malformed multipart body, too
    many fields) as problem+json under /api/, the 400 page elsewhere; never their text."""
    if request.path.startswith("/api/"):
        return problem_json_response(400, _("The request could not be read."))
    # No request context: the Host itself may be what was refused.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def request_too_large(request):
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    if request.path.startswith("/api/"):
        return problem_json_response(
            413, _("The request body is larger than %(size)d MB.") % {"size": limit_mb}
        )
    page = loader.get_template("413.html").render({"size": limit_mb})
    return HttpResponse(page, status=413)


def server_error(request):
    if request.path.startswith("/api/"):
        return problem_json_response(500, "An unexpected error occurred; it has been logged.")
    # No request context: the failure may be in what context processors touch.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    if request.path.startswith("/api/"):
        return problem_json_response(403, "CSRF check failed; reload the page and try again.")
    return render(request, "403_csrf.html", status=403)
