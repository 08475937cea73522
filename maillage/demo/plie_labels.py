"""What the demo PLIE's steps and exits say: labels, employers, operations, hours, comments.

``plie_history`` decides *when* things happen and of which category; this
module dresses each step as a référent would have recorded it: a contract
with its employer (an interim agency for an assignment, an association or a
care home for a subsidised contract, the SIAE's worksite operation for an
insertion contract), the job and the weekly hours; other steps, more often
than not, on an operation of the year's programme whose kind matches.
"""

import random
from collections import defaultdict
from decimal import Decimal

from maillage.companies.models import Company
from maillage.demo.companies import EXTERNAL_ID_PREFIX as COMPANY_PREFIX
from maillage.demo.plie_drafts import CONTRACT, StepDraft
from maillage.demo.programme import CODE_PREFIX as OPERATION_PREFIX
from maillage.demo.programme import OPERATIONS
from maillage.programme.models import Operation

#: Share of the non-contract steps recorded on an operation of the programme.
ON_OPERATION = 0.6
INTERIM_NAF = "78.20Z"
SUBSIDISED_NAFS = ("88.10A", "87.10A", "94.99Z")
JOBS_BY_NAF = {
    "78.20Z": ("Manutentionnaire", "Préparateur de commandes", "Agent de production", "Cariste"),
    "81.21Z": ("Agent d'entretien", "Agent de propreté", "Laveur de vitres"),
    "56.10A": ("Commis de cuisine", "Plongeur", "Serveur"),
    "56.10C": ("Employé polyvalent de restauration", "Préparateur en restauration rapide"),
    "47.11D": ("Employé de libre-service", "Hôte de caisse"),
    "47.11F": ("Employé de libre-service", "Hôte de caisse", "Employé de rayon"),
    "47.71Z": ("Vendeur en prêt-à-porter", "Employé de réserve"),
    "43.99C": ("Ouvrier maçon", "Manœuvre du bâtiment"),
    "43.21A": ("Aide-électricien", "Électricien"),
    "49.41A": ("Chauffeur poids lourd", "Chauffeur-livreur"),
    "52.29A": ("Préparateur de commandes", "Agent de quai", "Livreur"),
    "88.10A": ("Aide à domicile", "Auxiliaire de vie"),
    "87.10A": ("Agent de service hospitalier", "Aide-soignant"),
    "55.10Z": ("Valet de chambre", "Réceptionniste", "Veilleur de nuit"),
    "10.71C": ("Vendeur en boulangerie", "Aide-boulanger"),
    "96.02A": ("Coiffeur", "Agent d'accueil en salon"),
    "81.30Z": ("Ouvrier paysagiste", "Agent d'entretien des espaces verts"),
    "80.10Z": ("Agent de sécurité", "Agent de surveillance"),
    "45.20A": ("Mécanicien automobile", "Laveur de véhicules"),
    "62.01Z": ("Technicien support", "Assistant informatique"),
    "94.99Z": ("Animateur", "Agent administratif", "Médiateur"),
    "53.20Z": ("Coursier", "Agent de tri"),
}
HOURS = {
    "siae": (26,),
    "pmsmp": (35,),
    "cui_cie": (20, 26, 26, 35),
    "pec": (20, 24, 30),
    "apprenticeship": (35,),
    "professionalisation": (35,),
}
USUAL_HOURS = (35, 35, 35, 35, 35, 30, 28, 24, 20)
LABELS = {
    "training": (
        "Formation pré-qualifiante logistique",
        "CACES R489 (chariots élévateurs)",
        "Habilitation électrique",
        "Hygiène alimentaire (HACCP)",
        "Sauveteur secouriste du travail",
        "Remise à niveau en français",
        "Initiation à la bureautique",
    ),
    "complementary_action": (
        "Sortie culturelle",
        "Atelier mobilité",
        "Atelier confiance en soi",
        "Bilan de santé",
        "Atelier budget",
        "Visite d'entreprise",
    ),
    "specific_service": (
        "Prestation Pôle emploi : Activ'Projet",
        "Atelier Pôle emploi",
        "Évaluation en milieu de travail",
        "Prestation d'orientation professionnelle",
        "Bilan de compétences",
    ),
    "support": (
        "Accompagnement social",
        "Accompagnement professionnel renforcé",
        "Accompagnement santé",
        "Accompagnement vers le logement",
    ),
}
QUALIFYING = (
    "Titre professionnel Assistant de vie aux familles",
    "CAP Agent polyvalent de restauration",
    "Titre professionnel Préparateur de commandes",
    "CAP Accompagnant éducatif petite enfance",
    "Titre professionnel Agent de propreté et d'hygiène",
    "Titre professionnel Conducteur de transport en commun",
)
EXIT_COMMENTS = {
    "dropout": (
        "Abandon du parcours",
        "Sans nouvelles malgré les relances",
        "Ne souhaite plus être accompagné",
        "Non-respect du contrat d'engagement",
    ),
    "administrative": (
        "Déménagement hors de Lyon",
        "Raisons de santé",
        "Congé maternité",
        "Départ à la retraite",
        "Réorientation vers un autre accompagnement",
    ),
}


class StepDresser:
    """Chooses each step's employer, operation, label and hours (companies and operations
    are read once from the database: the demo's, created by the earlier steps)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.companies: dict[str, list[Company]] = defaultdict(list)
        for company in Company.objects.filter(external_id__startswith=COMPANY_PREFIX):
            self.companies[company.naf].append(company)
        self.employers = [c for naf, cs in self.companies.items() if naf != INTERIM_NAF for c in cs]
        kinds = {f"{index:02d}": spec.step for index, spec in enumerate(OPERATIONS, start=1)}
        self.operations: dict[tuple[int, str], list[Operation]] = defaultdict(list)
        for operation in Operation.objects.filter(code__startswith=OPERATION_PREFIX):
            kind = kinds.get(operation.code.rsplit("-", 1)[-1], "")
            if kind:
                self.operations[(operation.year, kind)].append(operation)

    def _operation(self, year: int, kind: str) -> Operation | None:
        choices = self.operations.get((year, kind))
        return self.rng.choice(choices) if choices else None

    def _company(self, naf_choices: tuple[str, ...] | None) -> Company | None:
        pool = (
            [c for naf in naf_choices for c in self.companies.get(naf, [])]
            if naf_choices
            else self.employers
        )
        return self.rng.choice(pool) if pool else None

    def dress(self, step: StepDraft) -> dict:
        """The Step fields other than the dates and the category."""
        if step.category == CONTRACT:
            return self._contract(step)
        fields = {"label": "", "operation": None}
        if step.origin == "qualifying_training":
            fields["label"] = f"Formation qualifiante : {self.rng.choice(QUALIFYING)}"
            return fields
        if step.origin == "business_creation":
            fields["operation"] = self._operation(step.start.year, "support")
            fields["label"] = "Accompagnement à la création d'activité"
            return fields
        if self.rng.random() < ON_OPERATION:
            fields["operation"] = self._operation(step.start.year, step.category)
        if fields["operation"] is not None:
            fields["label"] = fields["operation"].title
        else:
            fields["label"] = self.rng.choice(LABELS[step.category])
        return fields

    def _contract(self, step: StepDraft) -> dict:
        kind = step.contract_type
        hours = self.rng.choice(HOURS.get(kind, USUAL_HOURS))
        fields = {"weekly_hours": Decimal(hours), "operation": None, "company": None}
        if kind == "siae":
            operation = self._operation(step.start.year, CONTRACT)
            fields["operation"] = operation
            title = operation.title if operation else "chantier d'insertion"
            fields["label"] = f"Salarié en insertion : {title}"
            return fields
        if kind == "interim":
            company = self._company((INTERIM_NAF,))
        elif kind in ("cui_cie", "pec"):
            company = self._company(SUBSIDISED_NAFS)
        else:
            company = self._company(None)
        fields["company"] = company
        jobs = JOBS_BY_NAF.get(company.naf if company else "", ("Employé polyvalent",))
        fields["label"] = self.rng.choice(jobs)
        return fields


def exit_comment(rng: random.Random, exit_type: str) -> str:
    comments = EXIT_COMMENTS.get(exit_type)
    return rng.choice(comments) if comments else ""
