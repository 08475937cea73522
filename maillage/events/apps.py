"""Events (Dating Emploi, Rencontres Métiers, interview simulations…), registrations,
check-in, surveys, recurring sessions, public agenda.
"""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "maillage.events"
    verbose_name = "Événements"

    def ready(self):
        from maillage.companies.partners import register_partner_source
        from maillage.events import figures
        from maillage.events.timeline import registration_items
        from maillage.people import timeline
        from maillage.reports.blocks import register

        # The annual report's "events" block (../shared/spec/indicators.md).
        register("events", figures.events_block)
        # Companies present at an event of the year are partners of that year.
        register_partner_source("events", figures.event_companies)
        # Registrations and attendance in the person's file.
        timeline.register(registration_items)
