"""Events (Dating Emploi, Rencontres Métiers, interview simulations…), registrations,
check-in, surveys, recurring sessions, public agenda.
"""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "maillage.events"
    verbose_name = "Événements"
