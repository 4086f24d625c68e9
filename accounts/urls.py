from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("register/", views.UserRegisterView.as_view(), name="register"),
    path("login/", views.UserSignInView.as_view(), name="login"),
    path("logout/", views.UserSignOutView.as_view(), name="logout"),
    path("devices/", views.DeviceListView.as_view(), name="devices"),
    path(
        "devices/<uuid:device_id>/revoke/",
        views.DeviceRevokeView.as_view(),
        name="device_revoke",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetRequestView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("data/", views.MyDataView.as_view(), name="my_data"),
    path("data/export.json", views.DataExportView.as_view(), name="data_export"),
    path("data/delete/", views.AccountDeleteView.as_view(), name="delete"),
    path("legal/<slug:kind>/", views.LegalTextView.as_view(), name="legal_text"),
    path(
        "legal/<slug:kind>/<slug:version>/",
        views.LegalTextView.as_view(),
        name="legal_text_version",
    ),
]
