"""The Mission Insertion Culture: collective actions mixing culture and insertion, their
partners, sessions and participants; the cultural employers side.
"""

from django.apps import AppConfig


class InsertionCultureConfig(AppConfig):
    name = "maillage.insertion_culture"
    verbose_name = "Mission Insertion Culture"
