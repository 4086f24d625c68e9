from django.core.paginator import Page
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class PagePagination(PageNumberPagination):
    """`page` and `limit` in, `{"total", "page", "limit", "results"}` out (PRODUCT.md).

    Malformed values are a 400 with per-field errors (not silently clamped), and a page past
    the end is an empty page that still reports the total — a client paging forward never
    meets a 404 for a list that merely got shorter."""

    page_query_param = "page"
    page_size_query_param = "limit"
    page_size = 20
    max_page_size = 100

    def page_params(self, request) -> tuple[int, int]:
        """The validated (page, limit) of a request: what a cached page is keyed by, never
        the raw strings (`page=01` and `page=1` are one page)."""
        number = _positive_int(request.query_params, self.page_query_param, default=1)
        limit = _positive_int(
            request.query_params,
            self.page_size_query_param,
            default=self.page_size,
            maximum=self.max_page_size,
        )
        return number, limit

    def paginate_queryset(self, queryset, request, view=None):
        number, limit = self.page_params(request)
        paginator = self.django_paginator_class(queryset, limit)
        if number <= paginator.num_pages:
            self.page = paginator.page(number)
        else:
            self.page = Page([], number, paginator)
        self.request = request
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "total": self.page.paginator.count,
                "page": self.page.number,
                "limit": self.page.paginator.per_page,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["total", "page", "limit", "results"],
            "properties": {
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "limit": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Page number, from 1. A page past the end is empty.",
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": f"Items per page (1 to {self.max_page_size}).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            },
        ]


def _positive_int(params, name: str, *, default: int, maximum: int | None = None) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        bound = f" and at most {maximum}" if maximum else ""
        raise ValidationError({name: [f"Must be a whole number of at least 1{bound}."]})
    return value
