"""REST interface of the jobseeker's own data (POL-AP-006): parse → service → serialize."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from candidates import selectors, services
from candidates.api.serializers import (
    ProfileSerializer,
    RecommendationListSerializer,
    SavedJobSerializer,
    StoredResumeInputSerializer,
    StoredResumeSerializer,
)
from candidates.matching import recommendation_list
from candidates.policies import (
    can_edit_profile,
    can_manage_resumes,
    can_save_jobs,
    can_view_recommendations,
)
from candidates.resumes import (
    DOCX,
    PDF,
    body_too_large,
    check_size,
    install_size_limit,
    max_bytes,
    raise_if_too_large,
)
from candidates.views import stored_resume_download
from jobboard.api.parsers import JSONParser
from jobs.selectors import job_get_visible

TAGS = ["me"]
UNAUTHENTICATED = OpenApiResponse(description="Not signed in.")
NOT_JOBSEEKER = OpenApiResponse(description="Only jobseekers keep a profile (POL-AP-006).")
NO_RESUME = OpenApiResponse(description="No such stored résumé (or not yours).")


class MyProfileApi(APIView):
    permission_classes = [allowed_by(can_edit_profile)]
    # JSON only: a form field cannot say "an empty list" apart from "one empty code".
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="getMyProfile",
        tags=TAGS,
        responses={200: ProfileSerializer, 401: UNAUTHENTICATED, 403: NOT_JOBSEEKER},
    )
    def get(self, request):
        """The caller's jobseeker profile (empty fields until first saved)."""
        return Response(ProfileSerializer(selectors.profile_get(user=request.user)).data)

    @extend_schema(
        operation_id="updateMyProfile",
        tags=TAGS,
        request=ProfileSerializer(partial=True),
        responses={200: ProfileSerializer, 401: UNAUTHENTICATED, 403: NOT_JOBSEEKER},
    )
    def patch(self, request):
        """Change some of the profile; a list sent replaces the whole list (POL-AP-006).
        Codes that are not in the shared lists, or a phone that is not a Korean number,
        are a 400 with a field error."""
        body = ProfileSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.profile_update(user=request.user, **body.validated_data)
        return Response(ProfileSerializer(selectors.profile_get(user=request.user)).data)


class MyResumeListApi(APIView):
    permission_classes = [allowed_by(can_manage_resumes)]

    def initial(self, request, *args, **kwargs):
        # Before DRF parses the body: stop reading a résumé past the limit (POL-AP-002).
        install_size_limit(request._request)
        super().initial(request, *args, **kwargs)
        if request.method == "POST" and body_too_large(request._request):
            check_size(max_bytes() + 1)  # 413 before a byte of the body is read

    @extend_schema(
        operation_id="listMyResumes",
        tags=TAGS,
        responses={
            200: StoredResumeSerializer(many=True),
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
        },
    )
    def get(self, request):
        """The caller's stored résumés, the default first (at most 5, POL-AP-006)."""
        resumes = selectors.stored_resume_list(user=request.user)
        return Response(StoredResumeSerializer(resumes, many=True).data)

    @extend_schema(
        operation_id="addMyResume",
        tags=TAGS,
        request={"multipart/form-data": StoredResumeInputSerializer},
        responses={
            201: StoredResumeSerializer,
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
            409: OpenApiResponse(description="Already 5 stored résumés (POL-AP-006)."),
            413: OpenApiResponse(description="Résumé larger than 5 MB (POL-AP-002)."),
        },
    )
    def post(self, request):
        """Keep a résumé for one-click apply, checked like an upload (POL-AP-002): a file
        whose content is not a PDF or DOCX is a 400, a sixth résumé a 409."""
        data = request.data
        raise_if_too_large(request._request)
        body = StoredResumeInputSerializer(data=data)
        body.is_valid(raise_exception=True)
        resume = services.stored_resume_add(
            user=request.user,
            resume=body.validated_data["resume"],
            title=body.validated_data.get("title", ""),
            make_default=body.validated_data["is_default"],
        )
        return Response(StoredResumeSerializer(resume).data, status=status.HTTP_201_CREATED)


class MyResumeApi(APIView):
    permission_classes = [allowed_by(can_manage_resumes)]

    @extend_schema(
        operation_id="deleteMyResume",
        tags=TAGS,
        responses={204: None, 401: UNAUTHENTICATED, 403: NOT_JOBSEEKER, 404: NO_RESUME},
    )
    def delete(self, request, resume_id: int):
        """Delete a stored résumé; applications sent with it keep their own copy."""
        services.stored_resume_delete(user=request.user, resume_id=resume_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyResumeDefaultApi(APIView):
    permission_classes = [allowed_by(can_manage_resumes)]

    @extend_schema(
        operation_id="setDefaultResume",
        tags=TAGS,
        request=None,
        responses={
            200: StoredResumeSerializer,
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
            404: NO_RESUME,
        },
    )
    def post(self, request, resume_id: int):
        """Make this the default résumé (preselected for one-click apply)."""
        resume = services.stored_resume_set_default(user=request.user, resume_id=resume_id)
        return Response(StoredResumeSerializer(resume).data)


class MyResumeFileApi(APIView):
    permission_classes = [allowed_by(can_manage_resumes)]

    @extend_schema(
        operation_id="downloadMyResume",
        tags=TAGS,
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            (200, DOCX): OpenApiTypes.BINARY,
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
            404: NO_RESUME,
        },
    )
    def get(self, request, resume_id: int):
        """The stored résumé's file, as an attachment."""
        return stored_resume_download(user=request.user, resume_id=resume_id)


NO_JOB = OpenApiResponse(description="No such job.")
NOT_SAVER = OpenApiResponse(description="Only jobseekers save jobs (POL-S-002).")


class SavedJobListApi(APIView):
    permission_classes = [allowed_by(can_save_jobs)]

    @extend_schema(
        operation_id="listSavedJobs",
        tags=TAGS,
        responses={200: SavedJobSerializer(many=True), 401: UNAUTHENTICATED, 403: NOT_SAVER},
    )
    def get(self, request):
        """The caller's saved jobs (스크랩, POL-S-002), newest saved first."""
        return Response(
            SavedJobSerializer(selectors.saved_job_list(user=request.user), many=True).data
        )


class SavedJobApi(APIView):
    permission_classes = [allowed_by(can_save_jobs)]

    @extend_schema(
        operation_id="saveJob",
        tags=TAGS,
        request=None,
        responses={204: None, 401: UNAUTHENTICATED, 403: NOT_SAVER, 404: NO_JOB},
    )
    def put(self, request, job_id: int):
        """Save a job (idempotent); reminders come 3 days and 1 day before its deadline."""
        job = job_get_visible(pk=job_id, user=request.user)
        services.saved_job_add(user=request.user, job=job)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="unsaveJob",
        tags=TAGS,
        responses={204: None, 401: UNAUTHENTICATED, 403: NOT_SAVER, 404: NO_JOB},
    )
    def delete(self, request, job_id: int):
        """Remove a job from the saved jobs (idempotent)."""
        job = job_get_visible(pk=job_id, user=request.user)
        services.saved_job_remove(user=request.user, job=job)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyRecommendationListApi(APIView):
    permission_classes = [allowed_by(can_view_recommendations)]

    @extend_schema(
        operation_id="listMyRecommendations",
        tags=TAGS,
        responses={
            200: RecommendationListSerializer,
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
        },
    )
    def get(self, request):
        """추천 채용공고 (POL-S-003): the open jobs that fit the caller's profile and stored
        résumés best, best first, each with its score (0–100) and the reasons in words.
        Empty profiles get the newest jobs."""
        found = recommendation_list(user=request.user)
        return Response(RecommendationListSerializer({"count": len(found), "results": found}).data)
