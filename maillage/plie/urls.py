"""PLIE pages, mounted at /plie/: commissions (entries, exits, follow-up) and the
parcours side (workspace, participant's parcours, steps, statistics)."""

from maillage.plie import commission_urls, parcours_urls

app_name = "plie"

urlpatterns = [*parcours_urls.urlpatterns, *commission_urls.urlpatterns]
