from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Maillage — administration technique"
admin.site.site_title = "Maillage"

urlpatterns = [
    path("", include("maillage.core.urls")),
    path("", include("maillage.accounts.urls")),
    path("personnes/", include("maillage.people.urls")),
    path("plie/", include("maillage.plie.urls")),
    path("programme/", include("maillage.programme.urls")),
    path("aides/", include("maillage.aids.urls")),
    path("entreprises/", include("maillage.companies.urls")),
    path("recrutement/", include("maillage.recruitment.urls")),
    path("zfu/", include("maillage.zfu.urls")),
    path("iod/", include("maillage.iod.urls")),
    path("charte/", include("maillage.charter.urls")),
    path("clauses/", include("maillage.clauses.urls")),
    path("evenements/", include("maillage.events.urls")),
    path("agenda/", include("maillage.events.public_urls")),
    path("accueil/", include("maillage.antennas.urls")),
    path("culture/", include("maillage.culture.urls")),
    path("mission-culture/", include("maillage.insertion_culture.urls")),
    path("rapports/", include("maillage.reports.urls")),
    path("confidentialite/", include("maillage.privacy.urls")),
    path("administration/journal/", include("maillage.audit.urls")),
    path("administration/import/", include("maillage.bundle.urls")),
    path("administration/technique/", admin.site.urls),
]

if settings.OIDC_ENABLED:  # the organisation's OpenID Connect login (docs/security.md)
    urlpatterns.append(path("", include("maillage.accounts.oidc")))
