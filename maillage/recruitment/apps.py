from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "maillage.recruitment"
    verbose_name = "Aide au recrutement"

    def ready(self):
        # The annual report's "companies" block (Service Entreprises).
        from maillage.companies.partners import register_partner_source
        from maillage.people import timeline
        from maillage.recruitment import figures
        from maillage.recruitment.timeline import recruitment_items
        from maillage.reports.blocks import register

        register("companies", figures.companies_block)
        register_partner_source("placements", figures.placement_companies)
        register_partner_source("job_offers", figures.offer_companies)
        register_partner_source("campaigns", figures.campaign_companies)
        # Candidacies and placements in the person's file.
        timeline.register(recruitment_items)
