from django.urls import path

from jobs.api.views import (
    CategoryListApi,
    JobCollectionApi,
    JobCopyApi,
    JobItemApi,
    JobReopenApi,
    LocationListApi,
)

urlpatterns = [
    path("jobs", JobCollectionApi.as_view(), name="api-jobs"),
    path("jobs/<int:pk>", JobItemApi.as_view(), name="api-job"),
    path("jobs/<int:pk>/reopen", JobReopenApi.as_view(), name="api-job-reopen"),
    path("jobs/<int:pk>/copy", JobCopyApi.as_view(), name="api-job-copy"),
    path("categories", CategoryListApi.as_view(), name="api-categories"),
    path("locations", LocationListApi.as_view(), name="api-locations"),
]
