from django.contrib.sitemaps.views import sitemap
from django.urls import path

from jobs import lifecycle_views, views
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
    path("jobs/<int:pk>/publish/", lifecycle_views.JobPublishView.as_view(), name="publish"),
    path("jobs/<int:pk>/close/", lifecycle_views.JobCloseView.as_view(), name="close"),
    path("jobs/<int:pk>/reopen/", lifecycle_views.JobReopenView.as_view(), name="reopen"),
    path("jobs/<int:pk>/copy/", lifecycle_views.JobCopyView.as_view(), name="copy"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"jobs": JobSitemap, "pages": StaticSitemap}},
        name="sitemap",
    ),
]
