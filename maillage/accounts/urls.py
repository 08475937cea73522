from django.urls import path

from maillage.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("connexion/double-authentification/", two_factor_views.setup, name="two_factor_setup"),
    path("connexion/code/", two_factor_views.verify, name="two_factor_verify"),
    path("administration/securite/", two_factor_views.account_security, name="security"),
    path(
        "administration/securite/debloquer/<str:username>/",
        two_factor_views.unlock,
        name="unlock",
    ),
    path(
        "administration/securite/<int:pk>/reinitialiser-2fa/",
        two_factor_views.reset_second_factor,
        name="reset_second_factor",
    ),
]
