"""The people's rights (RGPD): access export, erasure, retention and anonymisation."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "maillage.privacy"
    verbose_name = "Protection des données personnelles"
