"""``maillage demo_figures``: the demo's PLIE figures next to the 2017 report's, in Markdown.

Runs ``maillage annual_report --year Y --since S --format json`` for each year
and prints the comparison tables pasted in ``docs/demo.md`` (see
``maillage.demo.figures``). Read-only.
"""

import io
import json

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from maillage.demo.figures import markdown


class Command(BaseCommand):
    help = (
        "Affiche, en Markdown, les chiffres PLIE de la base (maillage annual_report) à côté "
        "de ceux du rapport d'activité 2017."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=int, default=2012, help="Première année (2012).")
        parser.add_argument("--year", type=int, default=2017, help="Dernière année (2017).")
        parser.add_argument(
            "--later-until",
            type=int,
            help="Ajoute un tableau des années suivantes jusqu'à celle-ci (sans comparaison).",
        )

    def handle(self, *args, since: int, year: int, later_until: int | None, **options):
        if since > year:
            raise CommandError("--since doit être antérieure ou égale à --year.")
        reports = {y: self._report(y, since) for y in range(since, year + 1)}
        later = None
        if later_until is not None and later_until > year:
            later = {y: self._report(y, None) for y in range(year + 1, later_until + 1)}
        self.stdout.write(markdown(reports, since, later), ending="")

    @staticmethod
    def _report(year: int, since: int | None) -> dict:
        out = io.StringIO()
        options = {"year": year, "format": "json", "stdout": out}
        if since is not None:
            options["since"] = since
        call_command("annual_report", **options)
        return json.loads(out.getvalue())
