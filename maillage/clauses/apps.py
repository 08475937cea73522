"""Social clauses in public procurement: buyers, operations, eligible people, contracts and
monthly hours, syntheses.
"""

from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "maillage.clauses"
    verbose_name = "Clauses sociales"

    def ready(self):
        # The annual report's "clauses" block (indicators.md, normative).
        from maillage.clauses import figures
        from maillage.reports.blocks import register

        register("clauses", figures.clauses_block)

        # Companies with clause hours in the year are partners of the Service Entreprises.
        from maillage.companies.partners import register_partner_source

        register_partner_source("clauses", figures.partner_company_ids)

        # Clause contracts in the person's file.
        from maillage.clauses.timeline import contract_items
        from maillage.people import timeline

        timeline.register(contract_items)
