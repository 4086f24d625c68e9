"""Lists are paginated with `page` and `limit` and say the total (PRODUCT.md)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.generics import ListAPIView
from rest_framework.serializers import ModelSerializer
from rest_framework.test import APIRequestFactory

pytestmark = pytest.mark.django_db


class _GroupSerializer(ModelSerializer):
    class Meta:
        model = Group
        fields = ["name"]


class _Groups(ListAPIView):
    queryset = Group.objects.order_by("name")
    serializer_class = _GroupSerializer
    authentication_classes: list = []
    permission_classes: list = []


def _get(**params):
    response = _Groups.as_view()(APIRequestFactory().get("/", params))
    response.render()
    return response


def test_pages_report_total_page_and_limit():
    Group.objects.bulk_create(Group(name=f"g{n:02}") for n in range(25))
    total = Group.objects.count()
    body = _get(page=2, limit=10).data
    assert (body["total"], body["page"], body["limit"]) == (total, 2, 10)
    assert [g["name"] for g in body["results"]][0] == sorted(
        Group.objects.values_list("name", flat=True)
    )[10]


def test_a_page_past_the_end_is_empty_not_an_error():
    body = _get(page=999).data
    assert body["results"] == []
    assert body["page"] == 999
    assert body["total"] == Group.objects.count()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "-3"}, "limit"),
    ],
)
def test_malformed_page_or_limit_is_a_field_error(params, field):
    response = _get(**params)
    assert response.status_code == 400
    assert field in response.data["errors"]
