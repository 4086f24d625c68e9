"""Saved searches REST API (POL-S-002): parse → alerts.services → serialize."""

from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from alerts import services
from alerts.api.serializers import (
    SavedSearchCreateSerializer,
    SavedSearchFiltersSerializer,
    SavedSearchSerializer,
    SavedSearchUpdateSerializer,
)
from alerts.policies import can_save_search
from alerts.selectors import saved_search_get, saved_search_list

TAGS = ["saved searches"]
UNAUTHENTICATED = OpenApiResponse(description="Not signed in.")
FORBIDDEN = OpenApiResponse(description="The role may not save searches (RBAC).")
NOT_FOUND = OpenApiResponse(description="No such saved search of yours.")


class SavedSearchListApi(ListAPIView):
    permission_classes = [allowed_by(can_save_search)]
    serializer_class = SavedSearchSerializer

    def get_queryset(self):
        return saved_search_list(user=self.request.user)

    @extend_schema(
        operation_id="listSavedSearches",
        tags=TAGS,
        responses={
            200: SavedSearchSerializer(many=True),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
        },
    )
    def get(self, request, *args, **kwargs):
        """The caller's saved searches, newest first."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="createSavedSearch",
        tags=TAGS,
        request=SavedSearchCreateSerializer,
        responses={
            201: SavedSearchSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            409: OpenApiResponse(description="Already 20 saved searches (POL-S-002)."),
        },
    )
    def post(self, request):
        """Save a search of `GET /jobs` with an email digest frequency (POL-S-002)."""
        data = SavedSearchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        filters = SavedSearchFiltersSerializer(data=request.data.get("filters") or {})
        filters.is_valid(raise_exception=True)
        search = services.saved_search_create(
            user=request.user,
            filters=filters.to_filters(),
            frequency=data.validated_data["frequency"],
            name=data.validated_data["name"],
            language=get_language() or "ko",
        )
        return Response(SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)


class SavedSearchItemApi(APIView):
    permission_classes = [allowed_by(can_save_search)]

    @extend_schema(
        operation_id="getSavedSearch",
        tags=TAGS,
        responses={
            200: SavedSearchSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        """One of the caller's saved searches."""
        return Response(SavedSearchSerializer(saved_search_get(user=request.user, pk=pk)).data)

    @extend_schema(
        operation_id="updateSavedSearch",
        tags=TAGS,
        request=SavedSearchUpdateSerializer,
        responses={
            200: SavedSearchSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def patch(self, request, pk: int):
        """Rename it or change its digest (`never` stops the emails and keeps the search)."""
        data = SavedSearchUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = services.saved_search_update(user=request.user, pk=pk, **data.validated_data)
        return Response(SavedSearchSerializer(search).data)

    @extend_schema(
        operation_id="deleteSavedSearch",
        tags=TAGS,
        responses={204: None, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        """Delete the saved search; its digests stop."""
        services.saved_search_delete(user=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
