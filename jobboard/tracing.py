"""OpenTelemetry tracing for Django requests and outgoing httpx calls (payment gateways).

Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: nothing is imported or patched otherwise.
OpenTelemetry is the optional `otel` extra: the image and the dev set install it, the
runtime set of scripts/bootstrap does not (ADR 0024).
jobboard/wsgi.py calls `configure_tracing()` before Django loads, so the Django
instrumentor can add its middleware. The standard OTEL_* variables (OTEL_SERVICE_NAME,
OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER…) are read by the SDK itself.
"""

import os

from django.core.exceptions import ImproperlyConfigured

DEFAULT_SERVICE_NAME = "jobboard"


def configure_tracing(environ=None) -> bool:
    """Install the tracer provider and instrumentors; True when tracing is now on."""
    environ = os.environ if environ is None else environ
    endpoint = environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip()
    if not endpoint:
        return False

    try:
        from opentelemetry import trace
    except ImportError as exc:  # the `otel` extra is not installed (scripts/bootstrap)
        raise ImproperlyConfigured(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed: "
            "install the `otel` extra (the production image has it)."
        ) from exc
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create(
        {"service.name": environ.get("OTEL_SERVICE_NAME", DEFAULT_SERVICE_NAME)}
    )
    provider = TracerProvider(resource=resource)
    # The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT and appends /v1/traces itself.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    # Never record query strings or headers: they may carry tokens or personal data.
    DjangoInstrumentor().instrument(excluded_urls="api/v1/health,metrics")
    HTTPXClientInstrumentor().instrument()
    return True
