from django.apps import AppConfig


class PlieConfig(AppConfig):
    name = "maillage.plie"
    verbose_name = "PLIE"

    def ready(self):
        # The annual report's "plie" and "cumulative" blocks (maillage annual_report).
        from maillage.plie.indicators import cumulative_block, plie_block
        from maillage.reports.blocks import register

        register("plie", plie_block)
        register("cumulative", cumulative_block, needs_since=True)

        # Parcours, steps and exits in the person's file ("Parcours et activités").
        from maillage.people import timeline
        from maillage.plie.timeline import parcours_items

        timeline.register(parcours_items)
        # Entry files and commission decisions in the same section.
        from maillage.plie.commission_timeline import commission_items

        timeline.register(commission_items)
