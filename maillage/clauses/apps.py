"""Social clauses in public procurement: buyers, operations, eligible people, contracts and
monthly hours, syntheses.
"""

from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "maillage.clauses"
    verbose_name = "Clauses sociales"
