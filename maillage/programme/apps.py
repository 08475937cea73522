from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "maillage.programme"
    verbose_name = "Programmation annuelle"
