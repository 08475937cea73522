"""``maillage export_bundle PATH``: export everything as a bundle (folder or .zip)."""

from django.core.management.base import BaseCommand

from maillage.audit import context as audit_context
from maillage.bundle.exporter import export_bundle
from maillage.bundle.management.commands import command_context


class Command(BaseCommand):
    help = "Exporte les données sous forme de lot (dossier, ou archive si PATH finit par .zip)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="dossier à créer ou archive .zip à écrire")
        parser.add_argument("--user", help="identifiant inscrit au journal d'audit")

    def handle(self, *args, path, user, **options):
        with audit_context.acting_as(command_context(user)):
            counts = export_bundle(path)
        for name, count in counts.items():
            self.stdout.write(f"{name} : {count} ligne(s)")
        self.stdout.write(self.style.SUCCESS(f"Lot écrit dans {path}"))
