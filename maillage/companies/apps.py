from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "maillage.companies"
    verbose_name = "Entreprises"

    def ready(self):
        from maillage.companies.crm import Interaction
        from maillage.companies.partners import register_partner_source

        # A done interaction of the year makes the company a partner of that year.
        register_partner_source(
            "interactions",
            lambda year: Interaction.objects.filter(done=True, occurred_at__year=year).values(
                "company_id"
            ),
        )
