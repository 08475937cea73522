from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_label"] = settings.MAILLAGE_OIDC_LABEL if settings.OIDC_ENABLED else ""
        context["oidc_failed"] = self.request.GET.get("oidc") == "echec"
        return context


class LogoutView(auth_views.LogoutView):
    pass
