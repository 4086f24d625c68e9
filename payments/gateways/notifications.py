"""Reading webhook bodies: the small helpers every provider's parse_notification shares."""

from urllib.parse import parse_qsl

from jobboard.api.parsers import json_loads


class MalformedNotification(ValueError):
    """The body is not a notification we can read (POL-P-004: 400, nothing changes)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def json_object(body: bytes, content_type: str = "application/json") -> dict:
    """The body as a JSON object (or, for form-encoded bodies, as a flat dict)."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError as exc:
            raise MalformedNotification("The body is not UTF-8.") from exc
    # Not JSON, or nested too deeply: json_loads raises the API's own 400 (ADR 0030).
    payload = json_loads(body or b"null")
    if not isinstance(payload, dict):
        raise MalformedNotification("The body must be a JSON object.")
    return payload


def text_field(data, name: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value or len(value) > 255:
        raise MalformedNotification(f"'{name}' is missing or not a string.", field=name)
    return value
