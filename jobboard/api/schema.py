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


def only_api_v1(endpoints, **kwargs):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            wanted = set(_COMMON) | {code for code in responses if code >= "400"}
            if operation.get("security") and {} not in operation["security"]:
                wanted.add("401")
            for code in sorted(wanted):
                declared = responses.get(code, {}).get("content", {})
                if declared and "application/problem+json" not in declared:
                    continue  # the operation documents its own error body (e.g. health)
                responses[code] = {
                    "description": _DESCRIPTIONS.get(code, "Error."),
                    "content": {"application/problem+json": {"schema": ref}},
                }
    return result
