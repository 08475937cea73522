from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "maillage.reports"
    verbose_name = "Rapport d'activité"
