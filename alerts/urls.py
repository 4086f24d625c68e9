from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("searches/", views.SavedSearchListView.as_view(), name="saved_searches"),
    path("searches/new/", views.SavedSearchCreateView.as_view(), name="saved_search_create"),
    path("searches/<int:pk>/", views.SavedSearchUpdateView.as_view(), name="saved_search_update"),
    path(
        "searches/<int:pk>/delete/",
        views.SavedSearchDeleteView.as_view(),
        name="saved_search_delete",
    ),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
