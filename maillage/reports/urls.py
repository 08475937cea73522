from django.urls import path

from maillage.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.annual, name="annual"),
    path("tableaux.xlsx", views.export_xlsx, name="export_xlsx"),
    path("tableaux-csv.zip", views.export_csv, name="export_csv"),
    path("pdf/", views.request_pdf, name="request_pdf"),
    path("pdf/<int:pk>/", views.pdf_job, name="pdf_job"),
    path("pdf/<int:pk>/progression/", views.pdf_progress, name="pdf_progress"),
    path("pdf/<int:pk>/telecharger/", views.pdf_download, name="pdf_download"),
]
