"""The project's URLs plus the report pages, until the lead includes them in maillage/urls.py."""

from django.urls import include, path

from maillage.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "reports" for p in urlpatterns):
    urlpatterns.insert(0, path("rapports/", include("maillage.reports.urls")))
