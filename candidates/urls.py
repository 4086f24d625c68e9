from django.urls import path

from candidates import views

app_name = "candidates"
urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("resumes/", views.StoredResumeAddView.as_view(), name="resume-add"),
    path(
        "resumes/<int:resume_id>/delete/",
        views.StoredResumeDeleteView.as_view(),
        name="resume-delete",
    ),
    path(
        "resumes/<int:resume_id>/default/",
        views.StoredResumeDefaultView.as_view(),
        name="resume-default",
    ),
    path("resumes/<int:resume_id>/file/", views.StoredResumeFileView.as_view(), name="resume-file"),
]
