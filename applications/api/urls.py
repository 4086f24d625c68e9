from django.urls import path

from applications.api import views

urlpatterns = [
    path("jobs/<int:job_id>/apply", views.JobApplyApi.as_view(), name="apply-to-job"),
    path("applications", views.ApplicationListApi.as_view(), name="application-list"),
    path(
        "applications/<int:application_id>",
        views.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<int:application_id>/transitions",
        views.ApplicationTransitionApi.as_view(),
        name="application-transitions",
    ),
    path(
        "applications/bulk-transitions",
        views.ApplicationBulkTransitionApi.as_view(),
        name="application-bulk-transitions",
    ),
    path(
        "applications/<int:application_id>/notes",
        views.PrivateNotesApi.as_view(),
        name="application-notes",
    ),
    path(
        "applications/<int:application_id>/rating",
        views.ApplicantRateApi.as_view(),
        name="application-rating",
    ),
    path(
        "applications/<int:application_id>/messages",
        views.ApplicantMessageApi.as_view(),
        name="application-messages",
    ),
    path(
        "applications/<int:application_id>/contact",
        views.ApplicantContactApi.as_view(),
        name="application-contact",
    ),
    path("message-templates", views.MessageTemplateListApi.as_view(), name="message-templates"),
    path(
        "applications/<int:application_id>/resume",
        views.ApplicationResumeApi.as_view(),
        name="application-resume",
    ),
    path("notifications", views.NotificationListApi.as_view(), name="notification-list"),
    path(
        "notifications/read-all",
        views.NotificationReadAllApi.as_view(),
        name="notification-read-all",
    ),
    path(
        "notifications/<int:notification_id>/read",
        views.NotificationReadApi.as_view(),
        name="notification-read",
    ),
]
