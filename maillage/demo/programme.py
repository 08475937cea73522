"""Demo programme: the 94 operations run by the 51 structures conventioned in 2017.

The report gives the count ("94 opérations menées par 51 structures") and the
5 axes, not the list: the titles below are plausible inventions matched to
what each structure is known for, not the real 2017 programme. The demo
renews the same programme every year from 2012 to the current year (codes
``DEMO-OP-<year>-<nn>``), so a step of any year can take place on an operation
of its year; budgets vary a little from year to year.

Each operation says which kind of PLIE step takes place on it (``step``): a
training, a complementary action, a specific service, a support step, or a
contract in a SIAE; the referent operations carry no step (the référent's
follow-up is the parcours itself).
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from maillage.demo.base import DemoContext
from maillage.programme.models import Axis, Operation

CODE_PREFIX = "DEMO-OP-"
FIRST_YEAR = 2012
ACC, REF, ACT, FREINS, EMP = (
    Axis.RECEPTION,
    Axis.REFERENT,
    Axis.ACTIVITY,
    Axis.BARRIERS,
    Axis.EMPLOYERS,
)
TRAINING, COMPLEMENTARY, SERVICE, SUPPORT, CONTRACT = (
    "training",
    "complementary_action",
    "specific_service",
    "support",
    "employment_contract",
)


@dataclass(frozen=True)
class OperationSpec:
    structure: str
    axis: str
    title: str
    step: str = ""


_REFERENTS = (
    "S-AJ2",
    "S-ALIS",
    "S-HOTEL-SOCIAL",
    "S-CIDFF",
    "S-ELANTIEL",
    "S-ARMEE-DU-SALUT",
    "S-INNOV-DEV",
    "S-MIRLY",
    "S-MISSION-LOCALE",
    "S-OFELIA",
    "S-TREMPLIN-ANEPA",
    "S-UFCS",
    "S-UNIS-VERS-EMPLOI",
)
_SIAE = {
    "S-AIES": "Chantier d'insertion services aux personnes",
    "S-ICARE": "Chantier d'insertion second œuvre du bâtiment",
    "S-REGIE-124": "Régie de quartier : entretien des espaces communs",
    "S-REGIE-EUREQUA": "Régie de quartier : propreté urbaine",
    "S-SOLIDARTE": "Atelier chantier d'insertion couture et recyclage",
}

OPERATIONS: tuple[OperationSpec, ...] = (
    *(OperationSpec(code, REF, "Référent de parcours PLIE") for code in _REFERENTS),
    OperationSpec("S-AJ2", ACC, "Permanence emploi de quartier", SERVICE),
    OperationSpec("S-ALIS", FREINS, "Mobilisation vers l'emploi", COMPLEMENTARY),
    OperationSpec("S-HOTEL-SOCIAL", FREINS, "Accompagnement social renforcé", SUPPORT),
    OperationSpec("S-CIDFF", FREINS, "Accompagnement vers l'emploi des femmes", SUPPORT),
    OperationSpec("S-ELANTIEL", EMP, "Ateliers de recherche d'emploi", SERVICE),
    OperationSpec("S-ARMEE-DU-SALUT", FREINS, "Remobilisation par le collectif", COMPLEMENTARY),
    OperationSpec("S-INNOV-DEV", FREINS, "Ateliers numériques pour l'emploi", TRAINING),
    OperationSpec("S-MIRLY", EMP, "Coaching emploi", SUPPORT),
    OperationSpec("S-MISSION-LOCALE", ACC, "Accueil et diagnostic des jeunes", SERVICE),
    OperationSpec("S-OFELIA", ACT, "Préparation aux métiers de l'aide à la personne", TRAINING),
    OperationSpec("S-TREMPLIN-ANEPA", FREINS, "Accompagnement des seniors", SUPPORT),
    OperationSpec("S-UFCS", FREINS, "Ateliers sociolinguistiques", TRAINING),
    OperationSpec("S-UNIS-VERS-EMPLOI", EMP, "Parrainage vers l'emploi", SUPPORT),
    OperationSpec("ALLIES", ACC, "Animation et gestion du PLIE"),
    OperationSpec("ALLIES", EMP, "Méthode IOD : intermédiation offre et demande", SERVICE),
    OperationSpec("ALLIES", FREINS, "Mission insertion culture", COMPLEMENTARY),
    OperationSpec("S-MDEF", ACC, "Accueil, orientation et diagnostic (3 antennes)", SERVICE),
    OperationSpec("S-MDEF", FREINS, "Cyber-base emploi", TRAINING),
    OperationSpec("S-MDEF", EMP, "Rencontres métiers", COMPLEMENTARY),
    *(OperationSpec(code, ACT, title, CONTRACT) for code, title in _SIAE.items()),
    *(
        OperationSpec(code, FREINS, "Accompagnement socioprofessionnel des salariés", SUPPORT)
        for code in _SIAE
    ),
    OperationSpec("S-CULTURE-POUR-TOUS", FREINS, "Sorties culturelles et ateliers", COMPLEMENTARY),
    OperationSpec("S-CULTURE-POUR-TOUS", FREINS, "Projets artistiques partagés", COMPLEMENTARY),
    OperationSpec("S-AS-DUCHERE", FREINS, "Sport et insertion", COMPLEMENTARY),
    OperationSpec("S-AIDEN", ACT, "Découverte des métiers de l'aide à domicile", TRAINING),
    OperationSpec("S-AIDEN", ACT, "Parcours qualifiant aide à domicile", TRAINING),
    OperationSpec("S-ALPIL", FREINS, "Accès au logement des participants", SUPPORT),
    OperationSpec("S-ARCHE-INNOVATEURS", ACT, "Accompagnement à la création d'activité", SUPPORT),
    OperationSpec("S-ARCHE-INNOVATEURS", ACT, "Couveuse d'entreprises", SUPPORT),
    OperationSpec("S-CE9", FREINS, "Ateliers d'écriture et de communication", TRAINING),
    OperationSpec("S-CPME", EMP, "Rapprochement TPE-PME et demandeurs d'emploi", SERVICE),
    OperationSpec("S-CPME", EMP, "Job dating des PME", COMPLEMENTARY),
    OperationSpec("S-CLLAJ", FREINS, "Logement des jeunes en parcours", SUPPORT),
    OperationSpec("S-CTP69", FREINS, "Plateforme mobilité", COMPLEMENTARY),
    OperationSpec("S-CTP69", FREINS, "Permis de conduire solidaire", TRAINING),
    OperationSpec("S-E2C", ACT, "École de la deuxième chance", TRAINING),
    OperationSpec("S-E2C", FREINS, "Remise à niveau et projet professionnel", TRAINING),
    OperationSpec("S-FC2E", FREINS, "Français à visée professionnelle", TRAINING),
    OperationSpec("S-FC2E", FREINS, "Savoirs de base", TRAINING),
    OperationSpec("S-GREP", ACT, "Préparation aux concours de la fonction publique", TRAINING),
    OperationSpec("S-GREP", FREINS, "Remise à niveau", TRAINING),
    OperationSpec("S-HABITAT-HUMANISME", FREINS, "Accompagnement logement", SUPPORT),
    OperationSpec("S-HABITAT-HUMANISME", FREINS, "Hébergement et emploi", SUPPORT),
    OperationSpec("S-IDEO", ACC, "Bilan d'orientation professionnelle", SERVICE),
    OperationSpec("S-IDEO", EMP, "Techniques de recherche d'emploi", SERVICE),
    OperationSpec("S-IFRA", ACT, "Formation pré-qualifiante bâtiment", TRAINING),
    OperationSpec("S-IFRA", ACT, "Formation pré-qualifiante propreté", TRAINING),
    OperationSpec("S-IMAGE-ATTITUDE", FREINS, "Image de soi et relooking", COMPLEMENTARY),
    OperationSpec(
        "S-CRAVATE-SOLIDAIRE", FREINS, "Tenue et préparation à l'entretien", COMPLEMENTARY
    ),
    OperationSpec("S-ENTREPRISE-ECOLE", ACT, "Entreprise d'entraînement pédagogique", TRAINING),
    OperationSpec("S-ENTREPRISE-ECOLE", ACT, "Stage en entreprise simulée", TRAINING),
    OperationSpec("S-ATELIERS-PRESENT", FREINS, "Ateliers de remobilisation", COMPLEMENTARY),
    OperationSpec("S-ATELIERS-PRESENT", FREINS, "Théâtre et confiance en soi", COMPLEMENTARY),
    OperationSpec("S-MOZAIK-RH", EMP, "Emploi des jeunes diplômés des quartiers", SUPPORT),
    OperationSpec("S-MOZAIK-RH", EMP, "Parrainage de diplômés", SUPPORT),
    OperationSpec("S-OPE", ACT, "Préparation opérationnelle à l'emploi", TRAINING),
    OperationSpec("S-OPE", ACT, "Ateliers métiers de la logistique", TRAINING),
    OperationSpec("S-PASS-RA", FREINS, "Parcours santé et emploi", SUPPORT),
    OperationSpec("S-PROFESSION-L", EMP, "Ateliers emploi au féminin", COMPLEMENTARY),
    OperationSpec("S-PROFESSION-L", EMP, "Accompagnement à l'emploi des femmes", SUPPORT),
    OperationSpec("S-REED", FREINS, "Remobilisation par le sport", COMPLEMENTARY),
    OperationSpec("S-REN", FREINS, "Insertion par le numérique", TRAINING),
    OperationSpec("S-REN", ACT, "Chantier école réparation informatique", TRAINING),
    OperationSpec("S-RESEAU-ETINCELLE", ACT, "Création d'activité des jeunes", SUPPORT),
    OperationSpec("S-RESSORT", FREINS, "Accompagnement psychologique vers l'emploi", SUPPORT),
    OperationSpec("S-RESSORT", FREINS, "Groupes de parole", COMPLEMENTARY),
    OperationSpec("S-SONKEI-RH", EMP, "Coaching RH et simulations d'entretien", SERVICE),
    OperationSpec("S-SONKEI-RH", EMP, "Préparation aux recrutements", SERVICE),
    OperationSpec("S-UPA", EMP, "Découverte des métiers de l'artisanat", COMPLEMENTARY),
    OperationSpec("S-UPA", EMP, "Apprentissage dans l'artisanat", TRAINING),
    OperationSpec("S-VITAMINES-BASKETS", FREINS, "Sport, santé et emploi", COMPLEMENTARY),
    OperationSpec("S-100-CHANCES", EMP, "Parcours 100 chances 100 emplois", SUPPORT),
    OperationSpec("S-100-CHANCES", EMP, "Sessions de préparation en entreprise", SERVICE),
)
#: Budget range (€) by axis; SIAE worksites cost more.
BUDGETS = {ACC: (40_000, 180_000), REF: (60_000, 220_000), ACT: (30_000, 160_000)}
DEFAULT_BUDGET = (15_000, 90_000)
SIAE_BUDGET = (150_000, 400_000)


def operation_code(year: int, index: int) -> str:
    return f"{CODE_PREFIX}{year}-{index:02d}"


def _amounts(rng: random.Random, spec: OperationSpec) -> tuple[Decimal, Decimal]:
    low, high = SIAE_BUDGET if spec.step == CONTRACT else BUDGETS.get(spec.axis, DEFAULT_BUDGET)
    budget = rng.randint(low // 500, high // 500) * 500
    fse = 0 if rng.random() < 0.15 else round(budget * rng.uniform(0.3, 0.6) / 100) * 100
    return Decimal(budget), Decimal(fse)


def draw_operations(rng: random.Random, context: DemoContext, last_year: int) -> list[Operation]:
    """The programme of every year from 2012 to ``last_year`` (94 operations each)."""
    operations = []
    for year in range(FIRST_YEAR, last_year + 1):
        for index, spec in enumerate(OPERATIONS, start=1):
            budget, fse = _amounts(rng, spec)
            operations.append(
                Operation(
                    code=operation_code(year, index),
                    structure=context.structures[spec.structure],
                    title=spec.title,
                    axis=spec.axis,
                    year=year,
                    budget_eur=budget,
                    fse_eur=fse,
                )
            )
    return operations


def create_programme(rng: random.Random, context: DemoContext) -> None:
    """The demo operations that are missing (by code)."""
    drawn = draw_operations(rng, context, max(context.today.year, 2018))
    existing = set(
        Operation.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True)
    )
    missing = [operation for operation in drawn if operation.code not in existing]
    Operation.objects.bulk_create(missing, batch_size=500)
    if missing:
        context.count("opérations de la programmation créées", len(missing))
