"""The project's URLs plus /bench/bare: a Django view returning constant JSON, the
framework's ceiling measured in the same run (never routed in the real app)."""

from django.http import JsonResponse
from django.urls import path

from jobboard.urls import urlpatterns as project_urlpatterns


def bare(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("bench/bare", bare), *project_urlpatterns]
