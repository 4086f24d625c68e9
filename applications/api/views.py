"""REST interface of the applications domain: parse → service/selector → serialize."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from applications import selectors, services
from applications.api.serializers import (
    ApplicantMessageSerializer,
    ApplicationDetailSerializer,
    ApplicationSerializer,
    ApplyInputSerializer,
    ApplyStoredInputSerializer,
    BulkTransitionInputSerializer,
    BulkTransitionResultSerializer,
    ContactSerializer,
    MarkReadResultSerializer,
    MessageInputSerializer,
    MessageTemplateSerializer,
    NotificationSerializer,
    PrivateNoteInputSerializer,
    PrivateNoteSerializer,
    PrivateNotesSerializer,
    RatingInputSerializer,
    RatingSerializer,
    TransitionInputSerializer,
)
from applications.exceptions import ApplicationNotFound, NotAllowed
from applications.matching import FIT_SORT, fits_of
from applications.models import Stage
from applications.policies import (
    can_add_private_note,
    can_apply,
    can_message_applicant,
    can_move_application,
    can_read_notification,
    can_view_application,
    can_view_contact,
    can_view_private_notes,
)
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
from jobboard.api.serializers import Serializer
from jobs.selectors import job_get_visible

TAGS = ["applications"]
NOT_FOUND = OpenApiResponse(description="No such application (or not yours to see).")
PRIVATE = OpenApiResponse(
    description="Private notes and ratings are for the job's company recruiters and admins "
    "(POL-AP-007)."
)


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
        request={
            "multipart/form-data": ApplyInputSerializer,
            "application/json": ApplyStoredInputSerializer,
        },
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
        """Apply to an open job with a PDF or DOCX résumé (POL-AP-001, POL-AP-002), or in one
        click with a stored résumé's `resume_id` (POL-AP-006; another user's id is a 404)."""
        # A job the user may not see (another's draft, POL-J-003) answers like an unknown job.
        job = job_get_visible(pk=job_id, user=request.user)
        data = request.data
        raise_if_too_large(request._request)
        serializer = ApplyInputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        if "resume_id" in serializer.validated_data:
            application = services.application_submit_stored(
                job=job, applicant=request.user, **serializer.validated_data
            )
        else:
            application = services.application_submit(
                job=job, applicant=request.user, **serializer.validated_data
            )
        application = selectors.application_get_visible(
            user=request.user, application_id=application.pk
        )
        return Response(ApplicationDetailSerializer(application).data, status=201)


class ApplicationListQuerySerializer(Serializer):
    job = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="Only applications to this job."
    )
    stage = serializers.ChoiceField(
        choices=Stage.choices, required=False, help_text="Only this stage."
    )
    sort = serializers.ChoiceField(
        choices=list(selectors.APPLICANT_SORTS),
        required=False,
        help_text="`-applied` (newest first, the default), `applied`, `rating` (highest "
        "first; for those who may read ratings, POL-AP-007), or `fit` (best fit to the job "
        "first, each item with its `fit`; for the job's side, with `job`, POL-S-003). A sort "
        "the caller may not use lists the newest first.",
    )

    def validate(self, attrs):
        if attrs.get("sort") == FIT_SORT and "job" not in attrs:
            # Scores are computed per applicant: bounded by one job's applicants.
            raise serializers.ValidationError({"job": _("Sorting by fit needs a job.")})
        return attrs


class ApplicationListApi(ListAPIView):
    permission_classes = [allowed_by(can_view_application)]
    serializer_class = ApplicationSerializer
    pagination_class = PagePagination
    _sort = selectors.DEFAULT_SORT

    @extend_schema(
        operation_id="listApplications",
        tags=TAGS,
        parameters=[ApplicationListQuerySerializer],
    )
    def get(self, request, *args, **kwargs):
        """Jobseeker: own applications; recruiter: to own jobs; admin: all. `sort=fit`
        scores one job's applicants, so it needs `job` (400 without it, POL-S-003)."""
        return super().get(request, *args, **kwargs)

    def get_serializer(self, *args, **kwargs):
        # The page's fits (POL-S-003), when the list is sorted by fit for the job's side.
        if args and self._sort == FIT_SORT:
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["fits"] = fits_of(args[0])
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self):
        # A plain dict: DRF reads an empty form value of an optional field as "absent",
        # but `?stage=` is no stage the contract knows, so it must be refused.
        query = ApplicationListQuerySerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        applications = selectors.application_list_visible(
            user=self.request.user,
            job_id=query.validated_data.get("job"),
            stage=query.validated_data.get("stage"),
        )
        sort = query.validated_data.get("sort") or selectors.DEFAULT_SORT
        sorts = selectors.applicant_sorts_for(self.request.user)
        self._sort = sort if sort in sorts else selectors.DEFAULT_SORT
        return selectors.order_applicants(applications, user=self.request.user, sort=self._sort)


class ApplicationDetailApi(APIView):
    permission_classes = [allowed_by(can_view_application)]

    @extend_schema(
        operation_id="getApplication",
        tags=TAGS,
        responses={200: ApplicationDetailSerializer, 404: OpenApiResponse(description="")},
    )
    def get(self, request, application_id: int):
        """One application with its stage history (applicant, job owner, admin). The job
        owner's first read is the applicant's 열람 (POL-AP-005)."""
        application = selectors.application_get_visible(
            user=request.user, application_id=application_id
        )
        services.application_mark_viewed(application=application, user=request.user)
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


class ApplicationBulkTransitionApi(APIView):
    permission_classes = [allowed_by(can_move_application)]

    @extend_schema(
        operation_id="bulkTransitionApplications",
        tags=TAGS,
        request=BulkTransitionInputSerializer,
        responses={
            200: BulkTransitionResultSerializer,
            403: OpenApiResponse(description="Not allowed to move applications."),
            404: OpenApiResponse(description="An application is unknown (or not yours)."),
            409: OpenApiResponse(
                description="POL-AP-003 forbids one of the moves; none of them happened."
            ),
        },
    )
    def post(self, request):
        """Move several applications to one stage (the board's bulk move, POL-AP-003): all
        of them or none."""
        serializer = BulkTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = services.application_move_many(
            application_ids=serializer.validated_data["applications"],
            actor=request.user,
            stage=serializer.validated_data["stage"],
            note=serializer.validated_data["note"],
        )
        stage = serializer.validated_data["stage"]
        return Response({"moved": [application.pk for application in moved], "stage": stage})


def _hiring_side_application(request, application_id: int, policy):
    """The application if `policy` allows this user on it; 404 otherwise (no leak)."""
    application = selectors.application_get_for_hiring_side(application_id=application_id)
    if application is None or not policy(request.user, application):
        raise ApplicationNotFound()
    return application


class PrivateNotesApi(APIView):
    """An applicant's private notes and rating (POL-AP-007): read with
    applications.view_applicantnote, written with applications.add_applicantnote."""

    def get_permissions(self):
        policy = can_add_private_note if self.request.method == "POST" else can_view_private_notes
        return [allowed_by(policy)()]

    @extend_schema(
        operation_id="listPrivateNotes",
        tags=TAGS,
        responses={200: PrivateNotesSerializer, 403: PRIVATE, 404: NOT_FOUND},
    )
    def get(self, request, application_id: int):
        """Private notes and the rating of an applicant (the job's company recruiters and
        admins only; never the applicant)."""
        application = _hiring_side_application(request, application_id, can_view_private_notes)
        notes = selectors.private_notes_of(user=request.user, application=application)
        rating = getattr(application, "rating", None)
        return Response(
            {
                "rating": rating.score if rating else None,
                "notes": PrivateNoteSerializer(notes, many=True).data,
            }
        )

    @extend_schema(
        operation_id="addPrivateNote",
        tags=TAGS,
        request=PrivateNoteInputSerializer,
        responses={201: PrivateNoteSerializer, 403: PRIVATE, 404: NOT_FOUND},
    )
    def post(self, request, application_id: int):
        """Add a private note; the applicant never sees it."""
        _hiring_side_application(request, application_id, can_add_private_note)
        serializer = PrivateNoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.private_note_add(
            application_id=application_id, author=request.user, **serializer.validated_data
        )
        return Response(PrivateNoteSerializer(note).data, status=201)


class ApplicantRateApi(APIView):
    permission_classes = [allowed_by(can_add_private_note)]

    @extend_schema(
        operation_id="rateApplicant",
        tags=TAGS,
        request=RatingInputSerializer,
        responses={200: RatingSerializer, 403: PRIVATE, 404: NOT_FOUND},
    )
    def put(self, request, application_id: int):
        """Rate an applicant 1–5 (POL-AP-007, private); replaces the previous rating."""
        _hiring_side_application(request, application_id, can_add_private_note)
        serializer = RatingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rating = services.applicant_rate(
            application_id=application_id, rater=request.user, **serializer.validated_data
        )
        return Response(RatingSerializer(rating).data)


class ApplicantMessageApi(APIView):
    permission_classes = [allowed_by(can_message_applicant)]

    @extend_schema(
        operation_id="sendApplicantMessage",
        tags=TAGS,
        request=MessageInputSerializer,
        responses={
            201: ApplicantMessageSerializer,
            403: OpenApiResponse(description="Not allowed to message this applicant."),
            404: NOT_FOUND,
        },
    )
    def post(self, request, application_id: int):
        """Send the applicant a message, from a template or written out (POL-AP-007): it
        shows in their timeline and goes out by email (POL-AP-004)."""
        selectors.application_get_visible(user=request.user, application_id=application_id)
        serializer = MessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.applicant_message_send(
            application_id=application_id, sender=request.user, **serializer.validated_data
        )
        return Response(ApplicantMessageSerializer(message).data, status=201)


class ApplicantContactApi(APIView):
    permission_classes = [allowed_by(can_view_contact)]

    @extend_schema(
        operation_id="getApplicantContact",
        tags=TAGS,
        responses={
            200: ContactSerializer,
            403: OpenApiResponse(description="Contact details are not for this user."),
            404: NOT_FOUND,
        },
    )
    def get(self, request, application_id: int):
        """The applicant's email and phone (POL-AP-008: the job's owner and admins only);
        every call is logged."""
        try:
            contact = services.contact_details_view(
                application_id=application_id, viewer=request.user
            )
        except NotAllowed as exc:  # seen by a colleague, yet no contact for them: no leak
            raise ApplicationNotFound() from exc
        return Response(ContactSerializer(contact).data)


class MessageTemplateListApi(APIView):
    permission_classes = [allowed_by(can_message_applicant)]

    @extend_schema(
        operation_id="listMessageTemplates",
        tags=TAGS,
        responses={
            200: MessageTemplateSerializer(many=True),
            403: OpenApiResponse(description="Not allowed to message applicants."),
        },
    )
    def get(self, request):
        """The active message templates (admin-edited) for messages to applicants."""
        templates = selectors.message_template_list()
        return Response(MessageTemplateSerializer(templates, many=True).data)


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
            user=request.user, application_id=application_id, timeline=False
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
