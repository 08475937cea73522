"""The neighbourhood antennas' reception log and its figures."""

from django.apps import AppConfig


class AntennasConfig(AppConfig):
    name = "maillage.antennas"
    verbose_name = "Antennes de proximité"
