"""Intervention on offer and demand (IOD): negotiated offers, one candidate per post,
follow-up after hiring.
"""

from django.apps import AppConfig


class IodConfig(AppConfig):
    name = "maillage.iod"
    verbose_name = "Méthode IOD"

    def ready(self):
        from maillage.companies.home_sources import register_home_source
        from maillage.companies.partners import register_partner_source
        from maillage.iod import figures, home
        from maillage.iod.timeline import iod_items
        from maillage.people import timeline
        from maillage.reports.blocks import register

        # The annual report's "iod" block (docs/iod.md defines each key).
        register("iod", figures.iod_block)
        # Orientations, proposals, mises en relation and hires in the person's file.
        timeline.register(iod_items)
        # Due and late post-hire follow-ups on the chargé de mission's "Mes actions".
        register_home_source("iod", home.home_items)
        # Offers negotiated and mises en relation make the company a partner of the year.
        register_partner_source("iod", figures.iod_companies)
