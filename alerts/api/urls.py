from django.urls import path

from alerts.api import views

urlpatterns = [
    path("saved-searches", views.SavedSearchListApi.as_view(), name="saved-searches"),
    path("saved-searches/<int:pk>", views.SavedSearchItemApi.as_view(), name="saved-search"),
]
