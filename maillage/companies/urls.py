from django.urls import path

from maillage.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.home, name="home"),
    path("liste/", views.company_list, name="list"),
    path("choix/", views.choices, name="choices"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.update, name="update"),
    path("<int:pk>/contacts/nouveau/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/depart/", views.contact_leave, name="contact_leave"),
    path("<int:pk>/interactions/nouvelle/", views.interaction_add, name="interaction_add"),
    path("interactions/<int:pk>/action-faite/", views.action_done, name="action_done"),
]
