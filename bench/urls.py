from django.http import JsonResponse
from django.urls import path

from jobboard.urls import urlpatterns as app_urlpatterns


def bare(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare", bare), *app_urlpatterns]
