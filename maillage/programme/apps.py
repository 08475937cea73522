from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "maillage.programme"
    verbose_name = "Programmation annuelle"

    def ready(self):
        # The annual report's "programme" block (maillage annual_report).
        from maillage.programme.figures import programme_block
        from maillage.reports.blocks import register

        register("programme", programme_block)
