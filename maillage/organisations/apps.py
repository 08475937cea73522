from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "maillage.organisations"
    verbose_name = "Structures"
