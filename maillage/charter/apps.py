"""The companies' charter: signatures, commitments and their realisation, sponsorship, the
annual evening.
"""

from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "maillage.charter"
    verbose_name = "Charte des 1 000 entreprises"

    def ready(self):
        from maillage.charter import figures, timeline
        from maillage.companies.home_sources import register_home_source
        from maillage.companies.partners import register_partner_source
        from maillage.people import timeline as person_timeline
        from maillage.reports.blocks import register

        # The annual report's "charter" block (maillage annual_report).
        register("charter", figures.charter_block)
        # A signature, a realised commitment, a sponsorship or a presence at the evening in Y.
        register_partner_source("charter", figures.partner_company_ids)
        person_timeline.register(timeline.sponsorship_items)
        register_home_source("charter", timeline.commitment_items)
