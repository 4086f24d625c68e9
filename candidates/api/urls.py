from django.urls import path

from candidates.api import views

urlpatterns = [
    path("me/profile", views.MyProfileApi.as_view(), name="my-profile"),
    path(
        "me/recommendations",
        views.MyRecommendationListApi.as_view(),
        name="my-recommendations",
    ),
    path("me/resumes", views.MyResumeListApi.as_view(), name="my-resumes"),
    path("me/resumes/<int:resume_id>", views.MyResumeApi.as_view(), name="my-resume"),
    path(
        "me/resumes/<int:resume_id>/default",
        views.MyResumeDefaultApi.as_view(),
        name="my-resume-default",
    ),
    path("me/resumes/<int:resume_id>/file", views.MyResumeFileApi.as_view(), name="my-resume-file"),
    path("me/saved-jobs", views.SavedJobListApi.as_view(), name="saved-jobs"),
    path("me/saved-jobs/<int:job_id>", views.SavedJobApi.as_view(), name="saved-job"),
]
