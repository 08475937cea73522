"""``maillage annual_report --year Y --format json [--since S] [--output FILE]``.

Prints the figures of the annual activity report as one JSON object, whose keys
are fixed by ../shared/spec/indicators.md. The HTML and PDF reports come later
(issue 9); asking for them now is a clear error rather than an empty file.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.reports.blocks import build_report

MIN_YEAR, MAX_YEAR = 1900, 2100


class Command(BaseCommand):
    help = "Produit les chiffres du rapport d'activité d'une année (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Année du rapport.")
        parser.add_argument(
            "--since",
            type=int,
            help="Première année de la période du bloc « cumulative » (jusqu'à --year).",
        )
        parser.add_argument("--format", choices=["json", "html", "pdf"], default="json")
        parser.add_argument("--output", help="Fichier à écrire (sinon la sortie standard).")

    def handle(self, *args, **options):
        year, since, fmt = options["year"], options["since"], options["format"]
        self._check_year("--year", year)
        if since is not None:
            self._check_year("--since", since)
            if since > year:
                raise CommandError(
                    f"--since ({since}) doit être antérieure ou égale à --year ({year})."
                )
        if fmt != "json":
            raise CommandError(
                f"Le format {fmt} n'est pas encore disponible : utilisez --format json."
            )
        text = json.dumps(build_report(year, since), ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)

    @staticmethod
    def _check_year(option: str, value: int) -> None:
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise CommandError(
                f"{option} doit être une année entre {MIN_YEAR} et {MAX_YEAR} (reçu : {value})."
            )
