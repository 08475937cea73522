from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "maillage.people"
    verbose_name = "Personnes"
