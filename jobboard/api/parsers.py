"""Request bodies: one JSON decoder for every endpoint, whose every refusal is a clear 400
problem (ADR 0030) — never a RecursionError (500) and never the decoder's own message."""

import json
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No body this API accepts (nor a gateway sends) is nested more than a few levels; the
# limit sits far above them and far below the depth at which decoders and encoders recurse.
JSON_MAX_DEPTH = 32


class BodyRefused(ParseError):
    """A body we could not read. Its detail is ours, so the problem handler shows it."""

    default_code = "malformed-body"


class MalformedJSON(BodyRefused):
    default_detail = _("The request body is not valid JSON.")


class JSONTooDeep(BodyRefused):
    def __init__(self):
        super().__init__(
            _("The request body is nested too deeply (at most %(depth)d levels).")
            % {"depth": JSON_MAX_DEPTH}
        )


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON (RFC 8259); Python's decoder accepts them by default.
    raise ValueError(name)


def _children(node: Any) -> Iterable[Any]:
    if isinstance(node, dict):
        return node.values()
    if isinstance(node, list):
        return node
    return ()


def _deeper_than(value: Any, limit: int) -> bool:
    """Iterative, so the check itself cannot overflow the stack."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            depth += 1
            if depth > limit:
                return True
            stack.extend((child, depth) for child in _children(node))
    return False


def json_loads(raw: bytes | str, encoding: str = "utf-8") -> Any:
    """Decode a JSON body or raise MalformedJSON / JSONTooDeep (both ParseError: a 400).

    The C decoder stops a deeply nested document at the interpreter's recursion limit with
    RecursionError; that and anything nested past JSON_MAX_DEPTH are refused alike."""
    try:
        text = raw.decode(encoding) if isinstance(raw, bytes) else raw
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise JSONTooDeep() from exc
    except (ValueError, LookupError) as exc:  # UnicodeDecodeError is a ValueError
        raise MalformedJSON() from exc
    if _deeper_than(value, JSON_MAX_DEPTH):
        raise JSONTooDeep()
    return value


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser through json_loads. Settings make it the default and every view
    that names its parsers names this one (tests/security/test_bodies.py checks both)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})  # ParseError on a bad charset
        return json_loads(stream.read() if stream is not None else b"", encoding)
