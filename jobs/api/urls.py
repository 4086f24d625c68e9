from django.urls import path

from jobs.api.company_views import (
    CompanyFollowApi,
    CompanyItemApi,
    CompanyLogoApi,
    FollowedCompanyListApi,
)
from jobs.api.views import (
    CategoryListApi,
    JobCollectionApi,
    JobCopyApi,
    JobItemApi,
    JobReopenApi,
    LocationListApi,
    SkillListApi,
)

urlpatterns = [
    path("jobs", JobCollectionApi.as_view(), name="api-jobs"),
    path("jobs/<int:pk>", JobItemApi.as_view(), name="api-job"),
    path("jobs/<int:pk>/reopen", JobReopenApi.as_view(), name="api-job-reopen"),
    path("jobs/<int:pk>/copy", JobCopyApi.as_view(), name="api-job-copy"),
    path("categories", CategoryListApi.as_view(), name="api-categories"),
    path("locations", LocationListApi.as_view(), name="api-locations"),
    path("skills", SkillListApi.as_view(), name="api-skills"),
    path("companies/following", FollowedCompanyListApi.as_view(), name="api-companies-following"),
    path("companies/<int:pk>", CompanyItemApi.as_view(), name="api-company"),
    path("companies/<int:pk>/logo", CompanyLogoApi.as_view(), name="api-company-logo"),
    path("companies/<int:pk>/follow", CompanyFollowApi.as_view(), name="api-company-follow"),
]
