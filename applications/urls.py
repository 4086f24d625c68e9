from django.urls import path

from applications import views

app_name = "applications"
urlpatterns = [
    path("jobs/<int:job_id>/apply/", views.ApplicationApplyView.as_view(), name="apply"),
    path("jobs/<int:job_id>/board/", views.ApplicationBoardView.as_view(), name="board"),
    path(
        "jobs/<int:job_id>/board/move/",
        views.ApplicationBulkMoveView.as_view(),
        name="bulk-move",
    ),
    path("mine/", views.ApplicationMineView.as_view(), name="mine"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("<int:application_id>/", views.ApplicationDetailView.as_view(), name="detail"),
    path("<int:application_id>/move/", views.ApplicationMoveView.as_view(), name="move"),
    path(
        "<int:application_id>/withdraw/",
        views.ApplicationWithdrawView.as_view(),
        name="withdraw",
    ),
    path("<int:application_id>/resume/", views.ApplicationResumeView.as_view(), name="resume"),
    path("<int:application_id>/notes/", views.ApplicationNoteAddView.as_view(), name="note-add"),
    path("<int:application_id>/rating/", views.ApplicationRateView.as_view(), name="rate"),
    path("<int:application_id>/message/", views.ApplicationMessageView.as_view(), name="message"),
]
