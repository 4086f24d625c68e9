"""drf-spectacular hooks: keep the contract to /api/v1/ and document problem+json errors."""

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}

# Statuses any operation may answer; each operation lists its own on top.
_COMMON = {
    "400": "Invalid request (per-field `errors`).",
    "500": "Internal server error.",
    "503": "A dependency (the database) is unavailable; retry.",
}
_DESCRIPTIONS = {
    "401": "Not authenticated.",
    "403": "Forbidden.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "409": "Conflict with the current state.",
    "413": "Payload too large.",
    "415": "Unsupported media type.",
    "429": "Too many requests; see Retry-After.",
    **_COMMON,
}


# DRF's CharField (and Django's form CharField) refuse NUL characters; say so in the contract
# so that clients and fuzzers know a string with one is invalid input, not a server error.
NO_NUL_PATTERN = r"^[^\x00]*$"


def only_api_v1(endpoints, **kwargs):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


def _refuse_nul(schema: dict) -> None:
    if schema.get("type") == "string" and not ({"enum", "pattern", "format"} & set(schema)):
        schema["pattern"] = NO_NUL_PATTERN
    for child in schema.get("properties", {}).values():
        _refuse_nul(child)
    if isinstance(schema.get("items"), dict):
        _refuse_nul(schema["items"])


def declare_nul_refused(result, generator, request, public):
    """Request bodies and query strings: free-text strings carry a no-NUL pattern."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _refuse_nul(component)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _refuse_nul(parameter.get("schema", {}))
    return result


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            wanted = set(_COMMON) | {code for code in responses if code >= "400"}
            if operation.get("security") and {} not in operation["security"]:
                wanted.add("401")
            if "requestBody" in operation:
                wanted.add("415")  # a body in a media type the operation does not parse
                wanted.add("413")  # a body over the size limit, refused before it is read
            for code in sorted(wanted):
                declared = responses.get(code, {}).get("content", {})
                if declared and "application/problem+json" not in declared:
                    continue  # the operation documents its own error body (e.g. health)
                responses[code] = {
                    "description": _DESCRIPTIONS.get(code, "Error."),
                    "content": {"application/problem+json": {"schema": ref}},
                }
    return result
