from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/register", views.UserRegisterApi.as_view(), name="auth-register"),
    path("auth/login", views.SessionLoginApi.as_view(), name="auth-login"),
    path("auth/refresh", views.TokenRefreshApi.as_view(), name="auth-refresh"),
    path("auth/logout", views.SessionLogoutApi.as_view(), name="auth-logout"),
    path("auth/me", views.UserMeApi.as_view(), name="auth-me"),
    path("auth/me/data", views.MyDataExportApi.as_view(), name="auth-me-data"),
    path("auth/me/delete", views.MyAccountDeleteApi.as_view(), name="auth-me-delete"),
    path(
        "auth/password-reset", views.PasswordResetRequestApi.as_view(), name="auth-password-reset"
    ),
    path(
        "auth/password-reset/confirm",
        views.PasswordResetConfirmApi.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/devices", views.DeviceListApi.as_view(), name="auth-devices"),
    path(
        "auth/devices/<uuid:device_id>",
        views.DeviceRevokeApi.as_view(),
        name="auth-device-revoke",
    ),
]
