import os

from django.core.wsgi import get_wsgi_application

from jobboard.tracing import configure_tracing

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.production")
# Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/deploy.md, "Tracing").
configure_tracing()
application = get_wsgi_application()
