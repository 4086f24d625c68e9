from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from jobboard.metrics import metrics_view
from jobboard.views import HealthApi

handler400 = "jobboard.views.bad_request"
handler404 = "jobboard.views.page_not_found"
handler500 = "jobboard.views.server_error"

api_v1: list[URLPattern | URLResolver] = [
    path("health", HealthApi.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("", include("accounts.api.urls")),
    path("", include("jobs.api.urls")),
    path("", include("candidates.api.urls")),
    path("", include("applications.api.urls")),
    path("", include("payments.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    # django-prometheus' exporter, after refreshing queue depth and dependency gauges.
    path("metrics", metrics_view, name="prometheus-django-metrics"),
    path("accounts/", include("accounts.urls")),
    path("me/", include("candidates.urls")),
    path("applications/", include("applications.urls")),
    path("payments/", include("payments.urls")),
    path("", include("jobs.urls")),
]
