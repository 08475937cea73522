"""Solidarity ticketing: cultural and social partners (coopérateurs), offers, bookings,
desks, the company channel.
"""

from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "maillage.culture"
    verbose_name = "Culture pour tous (billetterie solidaire)"

    def ready(self):
        # The annual report's "culture" block (maillage annual_report, docs/culture.md).
        from maillage.culture.figures import culture_block
        from maillage.reports.blocks import register

        register("culture", culture_block)

        # Registrations and outings in the person's file.
        from maillage.culture.timeline import booking_items, registration_items
        from maillage.people import timeline

        timeline.register(registration_items)
        timeline.register(booking_items)
