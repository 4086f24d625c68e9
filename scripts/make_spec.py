"""Regenerate openapi/api-spec.yaml from the code (make spec)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")

import django  # noqa: E402

django.setup()

from jobboard.contracts import openapi_document  # noqa: E402

(ROOT / "openapi" / "api-spec.yaml").write_text(openapi_document())
print("wrote openapi/api-spec.yaml")
