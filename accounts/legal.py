"""The texts a user agrees to at sign-up (POL-PRIV-001), each kept in every version ever
shown: a template `accounts/legal/<kind>/<version>.html`. Publishing a new version is adding
its template and pointing CURRENT at it; consents name the version they were given to, and
the old text stays readable at its own address."""

from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template

from accounts.models import ConsentKind

CURRENT: dict[str, str] = {
    ConsentKind.TERMS: "2026-11-29",
    ConsentKind.PRIVACY: "2026-11-29",
    ConsentKind.MARKETING: "2026-11-29",
    ConsentKind.AGE_14: "2026-11-29",
}
REQUIRED = (ConsentKind.TERMS, ConsentKind.PRIVACY, ConsentKind.AGE_14)


def template_name(kind: str, version: str) -> str:
    return f"accounts/legal/{kind}/{version}.html"


def text_exists(kind: str, version: str) -> bool:
    if kind not in ConsentKind.values:
        return False
    try:
        get_template(template_name(kind, version))
    except TemplateDoesNotExist:
        return False
    return True
