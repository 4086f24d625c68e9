from django.contrib.sitemaps.views import sitemap
from django.urls import path

from jobs import company_views, lifecycle_views, views
from jobs.sitemaps import CompanySitemap, JobSitemap, StaticSitemap

app_name = "jobs"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("jobs/", views.JobListView.as_view(), name="list"),
    path("jobs/feed/", views.LatestJobsFeed(), name="feed"),
    path("jobs/mine/", views.MyJobsView.as_view(), name="mine"),
    path("jobs/new/", views.JobCreateView.as_view(), name="create"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("jobs/<int:pk>/edit/", views.JobEditView.as_view(), name="edit"),
    path("jobs/<int:pk>/publish/", lifecycle_views.JobPublishView.as_view(), name="publish"),
    path("jobs/<int:pk>/close/", lifecycle_views.JobCloseView.as_view(), name="close"),
    path("jobs/<int:pk>/reopen/", lifecycle_views.JobReopenView.as_view(), name="reopen"),
    path("jobs/<int:pk>/copy/", lifecycle_views.JobCopyView.as_view(), name="copy"),
    path("companies/following/", company_views.FollowedCompaniesView.as_view(), name="following"),
    path("companies/<int:pk>/", company_views.CompanyDetailView.as_view(), name="company"),
    path("companies/<int:pk>/edit/", company_views.CompanyEditView.as_view(), name="company-edit"),
    path(
        "companies/<int:pk>/follow/",
        company_views.CompanyFollowView.as_view(),
        name="company-follow",
    ),
    path(
        "companies/<int:pk>/logo-<int:size>.png",
        company_views.CompanyLogoView.as_view(),
        name="company-logo",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"jobs": JobSitemap, "companies": CompanySitemap, "pages": StaticSitemap}},
        name="sitemap",
    ),
]
