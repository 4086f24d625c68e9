"""REST interface of the applications domain: parse → service/selector → serialize."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from applications import selectors, services
from applications.api.serializers import (
    ApplicationDetailSerializer,
    ApplicationSerializer,
    ApplyInputSerializer,
    MarkReadResultSerializer,
    NotificationSerializer,
    TransitionInputSerializer,
)
from applications.models import Stage
from applications.policies import can_apply, can_read_notification, can_view_application
from candidates.resumes import (
    DOCX,
    PDF,
    attachment_response,
    body_too_large,
    check_size,
    install_size_limit,
    max_bytes,
    raise_if_too_large,
)
from jobboard.api.pagination import PagePagination
from jobs.selectors import job_get_visible

TAGS = ["applications"]


class JobApplyApi(APIView):
    permission_classes = [allowed_by(can_apply)]

    def initial(self, request, *args, **kwargs):
        # Before DRF parses the body: stop reading a résumé past the limit (POL-AP-002).
        install_size_limit(request._request)
        super().initial(request, *args, **kwargs)
        if body_too_large(request._request):
            check_size(max_bytes() + 1)  # 413 before a byte of the body is read

    @extend_schema(
        operation_id="applyToJob",
        tags=TAGS,
        request={"multipart/form-data": ApplyInputSerializer},
        responses={
            201: ApplicationDetailSerializer,
            403: OpenApiResponse(description="Only jobseekers apply (POL-AP-001)."),
            404: OpenApiResponse(description="No such job."),
            409: OpenApiResponse(
                description="Already applied, or the job is not open (POL-AP-001)."
            ),
            413: OpenApiResponse(description="Résumé larger than 5 MB (POL-AP-002)."),
        },
    )
    def post(self, request, job_id: int):
        """Apply to an open job with a PDF or DOCX résumé (POL-AP-001, POL-AP-002)."""
        # A job the user may not see (another's draft, POL-J-003) answers like an unknown job.
        job = job_get_visible(pk=job_id, user=request.user)
        data = request.data
        raise_if_too_large(request._request)
        serializer = ApplyInputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        application = services.application_submit(
            job=job, applicant=request.user, **serializer.validated_data
        )
        application = selectors.application_get_visible(
            user=request.user, application_id=application.pk
        )
        return Response(ApplicationDetailSerializer(application).data, status=201)


class ApplicationListQuerySerializer(serializers.Serializer):
    job = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="Only applications to this job."
    )
    stage = serializers.ChoiceField(
        choices=Stage.choices, required=False, help_text="Only this stage."
    )


class ApplicationListApi(ListAPIView):
    permission_classes = [allowed_by(can_view_application)]
    serializer_class = ApplicationSerializer
    pagination_class = PagePagination

    @extend_schema(
        operation_id="listApplications",
        tags=TAGS,
        parameters=[ApplicationListQuerySerializer],
    )
    def get(self, request, *args, **kwargs):
        """Jobseeker: own applications; recruiter: to own jobs; admin: all."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # A plain dict: DRF reads an empty form value of an optional field as "absent",
        # but `?stage=` is no stage the contract knows, so it must be refused.
        query = ApplicationListQuerySerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        return selectors.application_list_visible(
            user=self.request.user,
            job_id=query.validated_data.get("job"),
            stage=query.validated_data.get("stage"),
        )


class ApplicationDetailApi(APIView):
    permission_classes = [allowed_by(can_view_application)]

    @extend_schema(
        operation_id="getApplication",
        tags=TAGS,
        responses={200: ApplicationDetailSerializer, 404: OpenApiResponse(description="")},
    )
    def get(self, request, application_id: int):
        """One application with its stage history (applicant, job owner, admin)."""
        application = selectors.application_get_visible(
            user=request.user, application_id=application_id
        )
        return Response(ApplicationDetailSerializer(application).data)


class ApplicationTransitionApi(APIView):
    permission_classes = [allowed_by(can_view_application)]

    @extend_schema(
        operation_id="transitionApplication",
        tags=TAGS,
        request=TransitionInputSerializer,
        responses={
            200: ApplicationDetailSerializer,
            403: OpenApiResponse(description="Not allowed to move this application."),
            404: OpenApiResponse(description="No such application (or not yours to see)."),
            409: OpenApiResponse(description="POL-AP-003 forbids this move; nothing changed."),
        },
    )
    def post(self, request, application_id: int):
        """Move an application to another stage (POL-AP-003); the applicant may only
        withdraw."""
        selectors.application_get_visible(user=request.user, application_id=application_id)
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.application_move_stage(
            application_id=application_id, actor=request.user, **serializer.validated_data
        )
        application = selectors.application_get_visible(
            user=request.user, application_id=application_id
        )
        return Response(ApplicationDetailSerializer(application).data)


def resume_response(*, application, user) -> HttpResponse:
    """The résumé as an attachment (POL-AP-002)."""
    extension = "pdf" if application.resume_content_type == PDF else "docx"
    return attachment_response(
        handle=services.resume_open_for(application=application, user=user),
        content_type=application.resume_content_type,
        filename=f"resume-{application.pk}.{extension}",
    )


class ApplicationResumeApi(APIView):
    permission_classes = [allowed_by(can_view_application)]

    @extend_schema(
        operation_id="downloadResume",
        tags=TAGS,
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            (200, DOCX): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such application (or not yours to see)."),
        },
    )
    def get(self, request, application_id: int):
        """The résumé file (applicant, job owner, admin); downloads by others are logged."""
        application = selectors.application_get_visible(
            user=request.user, application_id=application_id
        )
        return resume_response(application=application, user=request.user)


class NotificationPagination(PagePagination):
    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread"] = selectors.notification_unread_count(user=self.request.user)
        return response

    def get_paginated_response_schema(self, schema):
        result = super().get_paginated_response_schema(schema)
        result["required"] = [*result["required"], "unread"]
        result["properties"]["unread"] = {"type": "integer", "minimum": 0}
        return result


class NotificationListApi(ListAPIView):
    permission_classes = [allowed_by(can_read_notification)]
    serializer_class = NotificationSerializer
    pagination_class = NotificationPagination

    @extend_schema(operation_id="listNotifications", tags=["notifications"])
    def get(self, request, *args, **kwargs):
        """The signed-in user's notifications, newest first, with the unread count."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.notification_list(user=self.request.user)


class NotificationReadApi(APIView):
    permission_classes = [allowed_by(can_read_notification)]

    @extend_schema(
        operation_id="markNotificationRead",
        tags=["notifications"],
        request=None,
        responses={
            200: MarkReadResultSerializer,
            404: OpenApiResponse(description="No such notification."),
        },
    )
    def post(self, request, notification_id: int):
        """Mark one notification read."""
        marked = services.notification_mark_read(user=request.user, notification_id=notification_id)
        unread = selectors.notification_unread_count(user=request.user)
        return Response({"marked": marked, "unread": unread}, status=status.HTTP_200_OK)


class NotificationReadAllApi(APIView):
    permission_classes = [allowed_by(can_read_notification)]

    @extend_schema(
        operation_id="markAllNotificationsRead",
        tags=["notifications"],
        request=None,
        responses={200: MarkReadResultSerializer},
    )
    def post(self, request):
        """Mark every notification of the user read."""
        marked = services.notification_mark_read(user=request.user)
        return Response({"marked": marked, "unread": 0})
