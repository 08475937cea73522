from django.apps import AppConfig


class AidsConfig(AppConfig):
    name = "maillage.aids"
    verbose_name = "Aides individuelles"

    def ready(self):
        # The annual report's "aids" block (maillage annual_report).
        from maillage.aids.statistics import aids_block
        from maillage.reports.blocks import register

        register("aids", aids_block)

        # Requests, decisions and collective sessions in the person's file.
        from maillage.aids.timeline import aid_items
        from maillage.people import timeline

        timeline.register(aid_items)
