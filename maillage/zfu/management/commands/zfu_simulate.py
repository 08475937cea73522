"""``maillage zfu_simulate FILE.json``: the ZFU-TE simulation from the command line.

Reads the input schema of docs/zfu.md from FILE.json (``-`` for stdin) and
prints the result as JSON. An invalid input prints every problem on stderr and
exits with status 1, nothing on stdout.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from maillage.zfu.rules import simulate
from maillage.zfu.schema import InvalidInput, parse_facts, simulation_to_json


class Command(BaseCommand):
    requires_system_checks = []  # a pure computation: no database, no URLs
    help = "Simule l'exonération ZFU-TE (CGI art. 44 octies A) d'une entreprise décrite en JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier JSON d'entrée (docs/zfu.md), « - » pour stdin")

    def handle(self, *args, file, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except OSError as error:
            self._fail([f"Lecture impossible de {file} : {error.strerror}."])
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            self._fail(
                [f"JSON invalide (ligne {error.lineno}, colonne {error.colno}) : {error.msg}."]
            )
        try:
            facts = parse_facts(data)
        except InvalidInput as invalid:
            self._fail(invalid.errors)
        result = simulation_to_json(simulate(facts))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _fail(self, errors: list[str]):
        for error in errors:
            self.stderr.write(error)
        sys.exit(1)
