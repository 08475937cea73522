"""The companies' charter: signatures, commitments and their realisation, sponsorship, the
annual evening.
"""

from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "maillage.charter"
    verbose_name = "Charte des 1 000 entreprises"
