"""``maillage demo``: a fictitious platform to try Maillage (see ``maillage.demo``).

Idempotent: structures and users are upserted by code and login, people are
only created in a database that has none. Everything is written in one
transaction, attributed to the "demo" command in the audit log.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from maillage.audit import context as audit_context
from maillage.audit.context import AuditContext
from maillage.audit.services import Action, log
from maillage.demo.base import DemoContext
from maillage.demo.steps import run_steps
from maillage.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Crée (ou complète) une organisation de démonstration entièrement fictive : "
        "structures, utilisateurs de chaque rôle, personnes suivies."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people",
            type=int,
            default=3000,
            help="Nombre de personnes fictives suivies hors du PLIE, créées si la base n'en a "
            "aucune (3000) ; les participants du PLIE s'y ajoutent (voir --plie-scale).",
        )
        parser.add_argument(
            "--plie-scale",
            type=float,
            default=1.0,
            help="Taille du PLIE de démonstration : 1 pour celle du rapport 2017 (≈ 2 400 "
            "participants par an), 0,05 pour un vingtième, 0 pour aucun parcours.",
        )
        parser.add_argument(
            "--seed", type=int, default=2017, help="Graine du hasard : même graine, mêmes données."
        )
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Adresse du site, affichée avec les identifiants.",
        )
        parser.add_argument(
            "--allow-secure",
            action="store_true",
            help="Accepte de créer les comptes de démonstration sur une instance "
            "MAILLAGE_SECURE (production) : à réserver à un serveur de démonstration.",
        )

    def handle(
        self,
        *args,
        people: int,
        plie_scale: float,
        seed: int,
        url: str,
        allow_secure: bool,
        **options,
    ):
        if people < 0:
            raise CommandError("--people doit être positif ou nul.")
        if not 0 <= plie_scale <= 2:
            raise CommandError("--plie-scale doit être compris entre 0 et 2.")
        if getattr(settings, "SECURE_DECLARED", False) and not allow_secure:
            raise CommandError(
                "Cette instance est configurée pour la production (MAILLAGE_SECURE) : la "
                "démonstration y créerait des comptes au mot de passe connu. Relancez avec "
                "--allow-secure s'il s'agit bien d'un serveur de démonstration."
            )

        started = time.monotonic()
        context = DemoContext(
            seed=seed, people_count=people, today=timezone.localdate(), plie_scale=plie_scale
        )
        with (
            audit_context.acting_as(AuditContext(source="command", username="demo")),
            transaction.atomic(),
        ):
            run_steps(context)
            log(
                Action.IMPORT,
                object_type="demo",
                object_repr="Données de démonstration",
                changes={"seed": seed, "plie_scale": plie_scale, **context.summary},
            )
        elapsed = time.monotonic() - started

        for note in context.notes:
            self.stdout.write(self.style.WARNING(note))
        if context.summary:
            for key, value in context.summary.items():
                self.stdout.write(f"  {key} : {value}")
        else:
            self.stdout.write("  Rien à ajouter : la démonstration était déjà en place.")
        self.stdout.write(self.style.SUCCESS(f"Démonstration prête en {elapsed:.1f} s."))
        self.stdout.write("")
        self.stdout.write(f"Adresse : {url}")
        self.stdout.write(f"Mot de passe de tous les comptes de démonstration : {DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(self._table(context))

    @staticmethod
    def _table(context: DemoContext) -> str:
        rows = [("Identifiant", "Rôle", "Structure", "")]
        rows += [(a.username, a.role, a.structure, a.note) for a in context.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = []
        for index, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            line = "  ".join(cells)
            if row[3]:
                line += f"  ({row[3]})"
            lines.append(line.rstrip())
            if index == 0:
                lines.append("  ".join("-" * width for width in widths))
        return "\n".join(lines)
