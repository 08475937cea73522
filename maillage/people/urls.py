from django.urls import path

from maillage.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("nouvelle/", views.create, name="create"),
    path("fusion/", views.merge, name="merge"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
]
