"""The accounts REST API (POL-A-001 … POL-A-005): parse → service → serialize."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api import schema as _schema  # noqa: F401 - registers the bearer scheme
from accounts.api.serializers import (
    AccountDeleteSerializer,
    DetailSerializer,
    DeviceSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    MeSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetRequestSerializer,
    RefreshSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
    TokenPairSerializer,
    UserSerializer,
    signed_in_data,
    token_pair_data,
)
from accounts.client import client_user_agent
from accounts.cookies import clear_token_cookies
from accounts.permissions import allowed_by
from accounts.policies import (
    can_manage_devices,
    can_manage_own_data,
    can_sign_out,
    can_view_profile,
)
from accounts.selectors import device_list_active, user_data_export, user_permission_names
from jobboard.client_address import client_ip

TAGS = ["auth"]
UNAUTHENTICATED = OpenApiResponse(description="Bad credentials, or a revoked/expired token.")


def _sid(request) -> str | None:
    payload = request.auth if isinstance(request.auth, dict) else None
    return (payload or {}).get("sid")


class UserRegisterApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="registerUser",
        tags=TAGS,
        auth=[],
        request=RegisterSerializer,
        responses={
            201: RegisterResponseSerializer,
            429: OpenApiResponse(description="Too many registrations from this address."),
        },
    )
    def post(self, request):
        """Create a jobseeker or recruiter account (a recruiter names their company) with the
        consents of POL-PRIV-001, and sign it in on a new device session."""
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        user = services.user_register(
            email=fields["email"],
            password=fields["password"],
            role=fields["role"],
            name=fields["name"],
            company_name=fields["company_name"],
            consents=data.consents(),
            ip_address=client_ip(request),
        )
        signed_in = services.device_session_start(
            user=user, ip_address=client_ip(request), user_agent=client_user_agent(request)
        )
        body = {**UserSerializer(user).data, "session": signed_in_data(signed_in)}
        return Response(body, status=status.HTTP_201_CREATED)


class SessionLoginApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="login",
        tags=TAGS,
        auth=[],
        request=LoginSerializer,
        responses={
            200: LoginResponseSerializer,
            401: UNAUTHENTICATED,
            429: OpenApiResponse(description="Too many failed sign-ins; see Retry-After."),
        },
    )
    def post(self, request):
        """Email and password → a token pair for a new device session (POL-A-002, -005)."""
        data = LoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signed_in = services.user_sign_in(
            email=data.validated_data["email"],
            password=data.validated_data["password"],
            device_name=data.validated_data["device_name"],
            ip_address=client_ip(request),
            user_agent=client_user_agent(request),
        )
        return Response(signed_in_data(signed_in))


class TokenRefreshApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="refreshToken",
        tags=TAGS,
        auth=[],
        request=RefreshSerializer,
        responses={200: TokenPairSerializer, 401: UNAUTHENTICATED},
    )
    def post(self, request):
        """Rotate: a new pair; the old refresh token is retired, and presenting it again
        signs the device out (POL-A-003)."""
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        tokens = services.token_refresh(raw_refresh=data.validated_data["refresh"])
        return Response(token_pair_data(tokens))


class SessionLogoutApi(APIView):
    permission_classes = [allowed_by(can_sign_out)]

    @extend_schema(
        operation_id="logout",
        tags=TAGS,
        request=None,
        responses={204: None, 401: UNAUTHENTICATED},
    )
    def post(self, request):
        """End this device session: its access and refresh tokens stop working at once."""
        services.device_session_end(session_id=_sid(request))
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_token_cookies(response)
        return response


class UserMeApi(APIView):
    permission_classes = [allowed_by(can_view_profile)]

    @extend_schema(
        operation_id="getMe", tags=TAGS, responses={200: MeSerializer, 401: UNAUTHENTICATED}
    )
    def get(self, request):
        """The signed-in user, their role, company and permissions (RBAC as data)."""
        user = request.user
        user.permissions = user_permission_names(user=user)
        return Response(MeSerializer(user).data)


class DeviceListApi(ListAPIView):
    permission_classes = [allowed_by(can_manage_devices)]
    serializer_class = DeviceSerializer

    def get_queryset(self):
        return device_list_active(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "current_sid": _sid(self.request)}

    @extend_schema(
        operation_id="listDevices",
        tags=TAGS,
        responses={
            200: DeviceSerializer(many=True),
            401: UNAUTHENTICATED,
            403: OpenApiResponse(description="The role may not manage devices (RBAC)."),
        },
    )
    def get(self, request, *args, **kwargs):
        """The caller's signed-in devices, most recently used first; `current` marks this one."""
        return super().get(request, *args, **kwargs)


class DeviceRevokeApi(APIView):
    permission_classes = [allowed_by(can_manage_devices)]

    @extend_schema(
        operation_id="revokeDevice",
        tags=TAGS,
        responses={
            204: None,
            401: UNAUTHENTICATED,
            403: OpenApiResponse(description="The role may not manage devices (RBAC)."),
            404: OpenApiResponse(description="No such active device of yours."),
        },
    )
    def delete(self, request, device_id):
        """Sign one of your devices out at once (POL-A-002)."""
        services.device_session_revoke(user=request.user, device_id=device_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetRequestApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="requestPasswordReset",
        tags=TAGS,
        auth=[],
        request=PasswordResetRequestSerializer,
        responses={
            202: DetailSerializer,
            429: OpenApiResponse(description="Too many reset requests; see Retry-After."),
        },
    )
    def post(self, request):
        """Email a single-use, expiring reset link to this address if an account uses it.
        The answer is the same either way (POL-PRIV-001, POL-A-005)."""
        data = PasswordResetRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(
            email=data.validated_data["email"],
            ip_address=client_ip(request),
            language=get_language() or "",
        )
        detail = _("If an account uses that address, a reset link is on its way.")
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="confirmPasswordReset",
        tags=TAGS,
        auth=[],
        request=PasswordResetConfirmSerializer,
        responses={
            204: None,
            400: OpenApiResponse(description="Invalid, used or expired link; or a weak password."),
        },
    )
    def post(self, request):
        """Set a new password with the emailed link's `uid` and `token`; every device is
        signed out (POL-A-002)."""
        data = PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(
            uidb64=data.validated_data["uid"],
            token=data.validated_data["token"],
            new_password=data.validated_data["new_password"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyDataExportApi(APIView):
    permission_classes = [allowed_by(can_manage_own_data)]

    @extend_schema(
        operation_id="exportMyData",
        tags=TAGS,
        responses={
            200: OpenApiResponse(
                response={"type": "object", "additionalProperties": True},
                description="Everything held about the caller: account, consents, devices, "
                "followed companies, applications, résumés, orders, saved items.",
            ),
            401: UNAUTHENTICATED,
        },
    )
    def get(self, request):
        """Download my data (POL-PRIV-001), as one JSON object with a key per kind."""
        return Response(user_data_export(user=request.user))


class MyAccountDeleteApi(APIView):
    permission_classes = [allowed_by(can_manage_own_data)]

    @extend_schema(
        operation_id="deleteMyAccount",
        tags=TAGS,
        request=AccountDeleteSerializer,
        responses={
            204: None,
            400: OpenApiResponse(description="Wrong password."),
            401: UNAUTHENTICATED,
            429: OpenApiResponse(description="Too many wrong passwords; see Retry-After."),
        },
    )
    def post(self, request):
        """Delete my account (POL-PRIV-001, ADR 0072): personal data erased, applications
        anonymised, files removed, every token revoked; payment records kept anonymous."""
        data = AccountDeleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_account_delete(
            user=request.user,
            password=data.validated_data["password"],
            ip_address=client_ip(request),
        )
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_token_cookies(response)
        return response
