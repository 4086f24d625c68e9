"""The jobs REST API: parse → jobs.services / jobs.selectors → serialize."""

from django.conf import settings
from django.core.cache import cache
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from jobboard.api.pagination import PagePagination
from jobs.api.serializers import (
    JobCopySerializer,
    JobDetailSerializer,
    JobListItemSerializer,
    JobListQuerySerializer,
    JobReopenSerializer,
    JobWriteSerializer,
    NamedCodeSerializer,
    job_detail_data,
    job_list_item_data,
)
from jobs.models import Category, Location, Skill
from jobs.policies import (
    can_close_job,
    can_copy_job,
    can_create_job,
    can_edit_job,
    can_reopen_job,
)
from jobs.search.highlight import attach_highlights
from jobs.selectors import (
    job_get_manageable,
    job_get_visible,
    job_list_public,
    list_cache_key,
)
from jobs.services import job_close, job_copy, job_create, job_reopen, job_update

TAGS = ["jobs"]
NOT_FOUND = OpenApiResponse(description="No such job, or a draft the caller may not see.")
FORBIDDEN = OpenApiResponse(description="Not the job's owner or an admin (POL-J-001).")
CLOSED = OpenApiResponse(description="The job is closed (POL-J-002).")
NOT_CLOSED = OpenApiResponse(description="The job is not closed (POL-J-008): nothing to reopen.")
UNAUTHENTICATED = OpenApiResponse(description="Not signed in.")


def _detail(request, pk: int) -> Response:
    job = job_get_visible(pk=pk, user=request.user)
    return Response(job_detail_data(job))


class JobPagePagination(PagePagination):
    """The shared page shape plus `total_capped`: a job list counts at most JOBS_COUNT_CAP
    regular matches and its pages end there (ADR 0069)."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["total_capped"] = getattr(self.page.paginator.object_list, "capped", False)
        return response

    def get_paginated_response_schema(self, schema):
        shape = super().get_paginated_response_schema(schema)
        shape["required"] = [*shape["required"], "total_capped"]
        shape["properties"]["total_capped"] = {
            "type": "boolean",
            "description": "True when more jobs match than were counted: `total` is then a "
            "lower bound and the last page ends at it.",
        }
        return shape


class JobCollectionApi(GenericAPIView):
    pagination_class = JobPagePagination
    serializer_class = JobListItemSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [allowed_by(can_create_job)()]
        return []

    @extend_schema(
        operation_id="listJobs",
        tags=TAGS,
        auth=[],
        parameters=[JobListQuerySerializer],
        responses={
            200: JobListItemSerializer(many=True),
        },
    )
    def get(self, request):
        """Open jobs (published, before their deadline): premium first, then `sort`
        (POL-J-002, POL-J-003, POL-J-005). With `q`, the search understands Korean words
        inside compounds and with particles, English in any case, and the admins'
        synonyms; relevance puts title and company matches first, and each result carries
        `highlights` (POL-S-001)."""
        query = JobListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.to_filters()
        # The same answer for everyone: cached per validated filters, page and limit — never
        # the raw query string — and invalidated by any job or option write (ADR 0011).
        key = list_cache_key(filters, *JobPagePagination().page_params(request))
        data = cache.get(key)
        if data is None:
            page = self.paginate_queryset(job_list_public(filters))
            attach_highlights(page, filters.query)
            data = self.get_paginated_response([job_list_item_data(job) for job in page]).data
            cache.set(key, data, settings.JOBS_LIST_CACHE_SECONDS)
        return Response(data)

    @extend_schema(
        operation_id="createJob",
        tags=TAGS,
        request=JobWriteSerializer,
        responses={201: JobDetailSerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN},
    )
    def post(self, request):
        """Create a job for the caller's company (recruiters, admins; POL-J-001)."""
        body = JobWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        job = job_create(user=request.user, **body.validated_data)
        response = _detail(request, job.pk)
        response.status_code = status.HTTP_201_CREATED
        response["Location"] = f"/api/v1/jobs/{job.pk}"
        return response


class JobItemApi(APIView):
    def get_permissions(self):
        if self.request.method in ("PUT", "PATCH"):
            return [allowed_by(can_edit_job)()]
        if self.request.method == "DELETE":
            return [allowed_by(can_close_job)()]
        return []

    @extend_schema(
        operation_id="getJob",
        tags=TAGS,
        auth=[],
        responses={200: JobDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        """One job with its active options; closed and expired jobs answer with
        `is_closed` (POL-J-002, POL-J-003); drafts only for their owner and admins."""
        return _detail(request, pk)

    def _update(self, request, pk: int, *, partial: bool) -> Response:
        job = job_get_manageable(pk=pk, user=request.user)
        body = JobWriteSerializer(job, data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        body.validated_data.pop("company", None)
        job_update(job=job, user=request.user, **body.validated_data)
        return _detail(request, pk)

    @extend_schema(
        operation_id="replaceJob",
        tags=TAGS,
        request=JobWriteSerializer,
        responses={
            200: JobDetailSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CLOSED,
        },
    )
    def put(self, request, pk: int):
        """Replace a job's fields (owner or admin, POL-J-001)."""
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="updateJob",
        tags=TAGS,
        request=JobWriteSerializer(partial=True),
        responses={
            200: JobDetailSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CLOSED,
        },
    )
    def patch(self, request, pk: int):
        """Change some of a job's fields (owner or admin, POL-J-001)."""
        return self._update(request, pk, partial=True)

    @extend_schema(
        operation_id="closeJob",
        tags=TAGS,
        responses={204: None, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        """Close the job: a soft delete that keeps its applications (POL-J-002)."""
        job = job_get_manageable(pk=pk, user=request.user, policy=can_close_job)
        job_close(job=job, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class JobReopenApi(APIView):
    permission_classes = [allowed_by(can_reopen_job)]

    @extend_schema(
        operation_id="reopenJob",
        tags=TAGS,
        request=JobReopenSerializer,
        responses={
            200: JobDetailSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: NOT_CLOSED,
        },
    )
    def post(self, request, pk: int):
        """Publish a closed job again — or one past its deadline — with a new deadline, today
        or later (POL-J-008). Its applications stay with it."""
        job = job_get_manageable(pk=pk, user=request.user, policy=can_reopen_job)
        body = JobReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        job_reopen(job=job, user=request.user, deadline=body.validated_data["deadline"])
        return _detail(request, pk)


class JobCopyApi(APIView):
    permission_classes = [allowed_by(can_copy_job)]

    @extend_schema(
        operation_id="copyJob",
        tags=TAGS,
        request=JobCopySerializer,
        responses={201: JobDetailSerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        """A new draft with the job's content, in any state of the original (POL-J-008).
        It keeps the original's deadline, or takes `deadline` from the body (null: 상시채용);
        when the original's deadline has passed, `deadline` is required (400 otherwise).
        Options and applications are not copied."""
        job = job_get_manageable(pk=pk, user=request.user, policy=can_copy_job)
        body = JobCopySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        copy = job_copy(job=job, user=request.user, **body.validated_data)
        response = _detail(request, copy.pk)
        response.status_code = status.HTTP_201_CREATED
        response["Location"] = f"/api/v1/jobs/{copy.pk}"
        return response


class CategoryListApi(APIView):
    @extend_schema(
        operation_id="listCategories",
        tags=TAGS,
        auth=[],
        responses={200: NamedCodeSerializer(many=True)},
    )
    def get(self, request):
        """The active categories, in display order."""
        return Response(
            NamedCodeSerializer(Category.objects.filter(is_active=True), many=True).data
        )


class LocationListApi(APIView):
    @extend_schema(
        operation_id="listLocations",
        tags=TAGS,
        auth=[],
        responses={200: NamedCodeSerializer(many=True)},
    )
    def get(self, request):
        """The active locations, in display order."""
        return Response(
            NamedCodeSerializer(Location.objects.filter(is_active=True), many=True).data
        )


class SkillListApi(APIView):
    @extend_schema(
        operation_id="listSkills",
        tags=TAGS,
        auth=[],
        responses={200: NamedCodeSerializer(many=True)},
    )
    def get(self, request):
        """The shared skills list (POL-J-006): codes for `skills` in job bodies and filters."""
        return Response(NamedCodeSerializer(Skill.objects.filter(is_active=True), many=True).data)
