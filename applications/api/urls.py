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
