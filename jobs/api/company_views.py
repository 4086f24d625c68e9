"""The companies REST API (POL-J-007): profile, its editor, logo upload and following.
Authorization is accounts.policies, asked by accounts.company_services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.company_services import (
    company_follow,
    company_set_logo,
    company_unfollow,
    company_update,
)
from accounts.exceptions import CompanyPermissionDenied
from accounts.logos import MAX_BYTES
from accounts.permissions import allowed_by
from accounts.policies import can_edit_company, can_follow_company
from accounts.selectors import company_get, company_list_followed
from jobs.api.company_serializers import (
    CompanyRefListSerializer,
    CompanySerializer,
    CompanyWriteSerializer,
    LogoUploadSerializer,
)
from jobs.selectors import job_list_open

TAGS = ["companies"]
NOT_FOUND = OpenApiResponse(description="No such company.")
FORBIDDEN = OpenApiResponse(description="Not one of its recruiters or an admin (POL-J-007).")
NOT_JOBSEEKER = OpenApiResponse(description="Only jobseekers follow companies (POL-J-007).")
UNAUTHENTICATED = OpenApiResponse(description="Not signed in.")


def _profile(pk: int) -> Response:
    company = company_get(pk=pk)
    company.open_jobs = job_list_open().filter(company_id=pk).count()  # type: ignore[attr-defined]
    return Response(CompanySerializer(company).data)


class CompanyItemApi(APIView):
    def get_permissions(self):
        if self.request.method == "PATCH":
            return [allowed_by(can_edit_company)()]
        return []

    @extend_schema(
        operation_id="getCompany",
        tags=TAGS,
        auth=[],
        responses={200: CompanySerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        """A company's public profile and how many jobs it has open."""
        return _profile(pk)

    @extend_schema(
        operation_id="updateCompany",
        tags=TAGS,
        request=CompanyWriteSerializer(partial=True),
        responses={200: CompanySerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        """Change some of the profile (the company's recruiters, admins)."""
        company = company_get(pk=pk)
        body = CompanyWriteSerializer(company, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        company_update(company=company, user=request.user, **body.validated_data)
        return _profile(pk)


class CompanyLogoApi(APIView):
    permission_classes = [allowed_by(can_edit_company)]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="uploadCompanyLogo",
        tags=TAGS,
        request={"multipart/form-data": LogoUploadSerializer},
        responses={200: CompanySerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        """Replace the logo: checked by content, stored at 96 and 256 px (POL-J-007)."""
        company = company_get(pk=pk)
        if not can_edit_company(request.user, company):  # before reading the upload
            raise CompanyPermissionDenied(
                _("Only the company's recruiters or an admin may change it (POL-J-007).")
            )
        body = LogoUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data["logo"].read(MAX_BYTES + 1)
        company_set_logo(company=company, user=request.user, data=data)
        return _profile(pk)


class CompanyFollowApi(APIView):
    permission_classes = [allowed_by(can_follow_company)]

    @extend_schema(
        operation_id="followCompany",
        tags=TAGS,
        request=None,
        responses={204: None, 401: UNAUTHENTICATED, 403: NOT_JOBSEEKER, 404: NOT_FOUND},
    )
    def put(self, request, pk: int):
        """Follow the company (idempotent)."""
        company_follow(user=request.user, company=company_get(pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="unfollowCompany",
        tags=TAGS,
        responses={204: None, 401: UNAUTHENTICATED, 403: NOT_JOBSEEKER, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        """Stop following the company (idempotent)."""
        company_unfollow(user=request.user, company=company_get(pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowedCompanyListApi(APIView):
    permission_classes = [allowed_by(can_follow_company)]

    @extend_schema(
        operation_id="listFollowedCompanies",
        tags=TAGS,
        responses={
            200: CompanyRefListSerializer(many=True),
            401: UNAUTHENTICATED,
            403: NOT_JOBSEEKER,
        },
    )
    def get(self, request):
        """The companies the caller follows, most recently followed first."""
        companies = company_list_followed(user=request.user)
        return Response(CompanyRefListSerializer(companies, many=True).data)
