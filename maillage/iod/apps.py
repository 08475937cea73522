"""Intervention on offer and demand (IOD): negotiated offers, one candidate per post,
follow-up after hiring.
"""

from django.apps import AppConfig


class IodConfig(AppConfig):
    name = "maillage.iod"
    verbose_name = "Méthode IOD"
