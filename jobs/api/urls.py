from django.urls import path

from jobs.api.views import (
    CategoryListApi,
    JobCollectionApi,
    JobItemApi,
    LocationListApi,
    SkillListApi,
)

urlpatterns = [
    path("jobs", JobCollectionApi.as_view(), name="api-jobs"),
    path("jobs/<int:pk>", JobItemApi.as_view(), name="api-job"),
    path("categories", CategoryListApi.as_view(), name="api-categories"),
    path("locations", LocationListApi.as_view(), name="api-locations"),
    path("skills", SkillListApi.as_view(), name="api-skills"),
]
