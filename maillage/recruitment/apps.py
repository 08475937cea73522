from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "maillage.recruitment"
    verbose_name = "Aide au recrutement"

    def ready(self):
        # The annual report's "companies" block (Service Entreprises).
        from maillage.recruitment.figures import companies_block
        from maillage.reports.blocks import register

        register("companies", companies_block)
