"""The Mission Insertion Culture: collective actions mixing culture and insertion, their
partners, sessions and participants; the cultural employers side.
"""

from django.apps import AppConfig


class InsertionCultureConfig(AppConfig):
    name = "maillage.insertion_culture"
    verbose_name = "Mission Insertion Culture"

    def ready(self):
        # The annual report's "insertion_culture" block (maillage annual_report).
        from maillage.insertion_culture.figures import insertion_culture_block
        from maillage.reports.blocks import register

        register("insertion_culture", insertion_culture_block)

        # Participations and results with cultural employers in the person's file.
        from maillage.insertion_culture.timeline import insertion_culture_items
        from maillage.people import timeline

        timeline.register(insertion_culture_items)

        # Cultural employers worked with in a year are partner companies of that year.
        from maillage.companies.partners import register_partner_source
        from maillage.insertion_culture.figures import employers_of_year

        register_partner_source("insertion_culture", employers_of_year)
