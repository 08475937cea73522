"""The neighbourhood antennas' reception log and its figures."""

from django.apps import AppConfig


class AntennasConfig(AppConfig):
    name = "maillage.antennas"
    verbose_name = "Antennes de proximité"

    def ready(self):
        # The annual report's "antennas" block (maillage annual_report).
        from maillage.antennas.statistics import antennas_block
        from maillage.reports.blocks import register

        register("antennas", antennas_block)

        # Visits, grouped by antenna and month, in the person's file.
        from maillage.antennas.timeline import visit_items
        from maillage.people import timeline

        timeline.register(visit_items)
