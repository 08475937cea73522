"""``maillage annual_report --year Y --format json [--since S] [--output FILE]``.

``--format json`` prints the figures of the annual activity report as one JSON
object, whose keys are fixed by ../shared/spec/indicators.md. ``--format html``
renders the report itself (sections, comparisons with the previous year and the
objectives, SVG charts) as one standalone HTML document; ``--format pdf`` prints
that document with WeasyPrint and needs ``--output`` (a PDF on a terminal helps
nobody).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.reports import render
from maillage.reports.blocks import build_report

MIN_YEAR, MAX_YEAR = 1900, 2100


class Command(BaseCommand):
    help = "Produit le rapport d'activité d'une année (chiffres JSON, HTML ou PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Année du rapport.")
        parser.add_argument(
            "--since",
            type=int,
            help="Première année de la période du bloc « cumulative » (jusqu'à --year).",
        )
        parser.add_argument("--format", choices=["json", "html", "pdf"], default="json")
        parser.add_argument("--output", help="Fichier à écrire (sinon la sortie standard).")
        parser.add_argument(
            "--edition",
            choices=["internal", "published"],
            default="internal",
            help="html et pdf : « published » masque les effectifs de moins de "
            "MAILLAGE_REPORT_MIN_CELL personnes (édition pour les financeurs et le public).",
        )

    def handle(self, *args, **options):
        year, since, fmt = options["year"], options["since"], options["format"]
        self._check_year("--year", year)
        if since is not None:
            self._check_year("--since", since)
            if since > year:
                raise CommandError(
                    f"--since ({since}) doit être antérieure ou égale à --year ({year})."
                )
        if fmt == "pdf":
            self._write_pdf(year, since, options["output"], options["edition"])
            return
        if fmt == "html":
            text = render.render_html(year, since, options["edition"])
        else:
            text = json.dumps(build_report(year, since), ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)

    @staticmethod
    def _write_pdf(year: int, since: int | None, output: str | None, edition: str) -> None:
        if not output:
            raise CommandError("Le format pdf nécessite --output FICHIER.pdf.")
        try:
            data = render.render_pdf(year, since, edition)
        except render.PdfUnavailable as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(data)

    @staticmethod
    def _check_year(option: str, value: int) -> None:
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise CommandError(
                f"{option} doit être une année entre {MIN_YEAR} et {MAX_YEAR} (reçu : {value})."
            )
