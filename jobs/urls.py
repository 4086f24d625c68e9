from django.contrib.sitemaps.views import sitemap
from django.urls import path

from jobs import company_views, views
from jobs.sitemaps import JobSitemap, StaticSitemap

app_name = "jobs"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("jobs/", views.JobListView.as_view(), name="list"),
    path("jobs/feed/", views.LatestJobsFeed(), name="feed"),
    path("jobs/mine/", views.MyJobsView.as_view(), name="mine"),
    path("jobs/new/", views.JobCreateView.as_view(), name="create"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("jobs/<int:pk>/edit/", views.JobEditView.as_view(), name="edit"),
    path("jobs/<int:pk>/publish/", views.JobPublishView.as_view(), name="publish"),
    path("jobs/<int:pk>/close/", views.JobCloseView.as_view(), name="close"),
    path(
        "companies/<int:pk>/logo-<int:size>.png",
        company_views.CompanyLogoView.as_view(),
        name="company-logo",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"jobs": JobSitemap, "pages": StaticSitemap}},
        name="sitemap",
    ),
]
