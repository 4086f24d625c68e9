"""The base of every API serializer: a field takes the JSON type the spec gives it.

DRF is lenient in two ways the contract forbids (schemathesis check ST201: a body that
breaks the schema must be refused): a CharField (and its Email, Slug, URL and Regex kin)
turns a number into its text, so `{"summary": 0}` would be saved as "0"; a many-related
field takes any iterable, so `{"skills": {}}` would read as no skills. A client sending
either has a bug we should name, not hide. Every serializer behind the URLs derives from
the two classes below (tests/contract/test_strict_types.py)."""

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers


def _wrong_type(field: serializers.Field, value: Any) -> str | None:
    """The error for a value of the wrong JSON type, or None."""
    if value is None:
        return None  # allow_null decides
    if isinstance(field, serializers.ManyRelatedField) and not isinstance(value, list):
        return str(field.error_messages["not_a_list"]).format(input_type=type(value).__name__)
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        return next(filter(None, (_wrong_type(field.child, item) for item in value)), None)
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return str(field.error_messages["invalid"])
    return None


class StrictTypes:
    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            wrong = {
                name: [error]
                for name, field in self.fields.items()
                if not field.read_only
                and name in data
                and (error := _wrong_type(field, data[name])) is not None
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)


class Serializer(StrictTypes, serializers.Serializer):
    pass


class ModelSerializer(StrictTypes, serializers.ModelSerializer):
    pass
