"""One layout per service of the annual report, in the order of the 2017 table of contents.

Each builder receives its block for the year, the same block for the previous
year (or None) and the year, and returns a ``Section``. The codes' labels come
from the domain apps' choices (imported here, not in the blocks registry, which
stays free of domain imports).
"""

from maillage.aids.models import AidKind, CollectiveServiceKind, TrainingField
from maillage.antennas.models import AgeBand, Reason
from maillage.charter.models import CommitmentKind
from maillage.clauses.models import LegalBasis
from maillage.culture.models import CulturalPartnerKind, SocialPartnerKind
from maillage.events.models import EventKind
from maillage.people.education import EducationLevel
from maillage.people.models import Sex
from maillage.plie.indicators import AGE_BRACKETS
from maillage.plie.models import EntrySituationCode, ExitReason, ExitType, StepCategory
from maillage.plie.statistics import AGE_LABELS
from maillage.programme.models import Axis, Funder
from maillage.recruitment.models import PlacementChannel
from maillage.reports.sections import KeyFigure, Section, breakdown, figure, matrix
from maillage.reports.tables import Table

SEX = dict(Sex.choices)


def plie(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    from maillage.reports.sections import point_etape_tables

    targets = context["targets"]
    figures = [
        figure(
            "Participants", cur, prev, "participants", comparison=targets.get("plie.participants")
        ),
        figure(
            "Nouveaux entrants",
            cur,
            prev,
            "new_entrants",
            comparison=targets.get("plie.new_entrants"),
        ),
        figure(
            "Nouveaux entrants habitant un quartier prioritaire",
            cur,
            prev,
            "new_entrants_qpv_share",
            "percent",
            targets.get("plie.new_entrants_qpv_share"),
        ),
        figure("Étapes de parcours", cur, prev, "steps"),
        figure("Étapes par participant", cur, prev, "steps_per_participant", "ratio"),
        figure(
            "Participants ayant réalisé une étape emploi",
            cur,
            prev,
            "employment_step_share",
            "percent",
            targets.get("plie.employment_step_share"),
        ),
        figure(
            "Taux de sorties positives",
            cur,
            prev,
            "positive_exit_rate",
            "percent",
            targets.get("plie.positive_exit_rate"),
        ),
        figure("Durée moyenne des parcours sortis (mois)", cur, prev, "mean_path_months", "ratio"),
    ]
    p = prev or {}
    tables = [
        breakdown(
            "plie-sorties",
            "Sorties de l'année",
            dict(ExitType.choices),
            cur["exits"],
            p.get("exits"),
            year,
            first="Type de sortie",
            chart="bar",
        ),
        breakdown(
            "plie-motifs",
            "Sorties positives par motif",
            dict(ExitReason.choices),
            cur["positive_exits_by_reason"],
            p.get("positive_exits_by_reason"),
            year,
            first="Motif",
        ),
        breakdown(
            "plie-ages",
            "Répartition par tranches d'âge",
            {key: AGE_LABELS[key] for key, _low, _high in AGE_BRACKETS},
            cur["age_brackets"],
            p.get("age_brackets"),
            year,
            first="Âge à l'entrée",
            chart="bar",
        ),
        breakdown(
            "plie-sexe",
            "Répartition femmes - hommes",
            SEX,
            cur["sex"],
            p.get("sex"),
            year,
            first="Sexe",
            chart="pie",
        ),
        breakdown(
            "plie-situations",
            "Éléments de situation à l'entrée",
            dict(EntrySituationCode.choices),
            cur["entry_situations"],
            p.get("entry_situations"),
            year,
            first="Situation",
            chart="barh",
            note="Les situations se cumulent : la somme dépasse le nombre de participants.",
        ),
        breakdown(
            "plie-formation",
            "Niveaux de formation",
            {**dict(EducationLevel.choices), "unknown": "Non renseigné"},
            cur["education_levels"],
            p.get("education_levels"),
            year,
            first="Niveau",
            chart="barh",
        ),
        breakdown(
            "plie-etapes",
            "Répartition des étapes par catégorie",
            dict(StepCategory.choices),
            cur["steps_by_category"],
            p.get("steps_by_category"),
            year,
            first="Catégorie",
            chart="barh",
            counts_people=False,
        ),
    ]
    tables += point_etape_tables(year, dict(context["plie_blocks"]))
    return Section("plie", "Le PLIE — Résultats", figures, tables)


def programme(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Opérations programmées", cur, prev, "operations"),
        figure("Structures porteuses", cur, prev, "structures"),
        figure("Budget total", cur, prev, "budget_eur", "eur"),
        figure("dont FSE", cur, prev, "fse_eur", "eur"),
        figure("Participants des opérations", cur, prev, "participants"),
    ]
    columns = {
        "operations": "Opérations",
        "structures": "Structures",
        "budget_eur": "Budget",
        "fse_eur": "FSE",
        "participants": "Participants",
    }
    p = prev or {}
    tables = [
        matrix(
            "programme-axes",
            "Programmation par axe",
            dict(Axis.choices),
            columns,
            cur["by_axis"],
            first="Axe",
            formats={"budget_eur": "eur", "fse_eur": "eur"},
        ),
        breakdown(
            "programme-financements",
            "Plan de financement de la programmation",
            {**dict(Funder.choices), "non_ventile": "Non ventilé"},
            cur["by_funder"],
            p.get("by_funder"),
            year,
            first="Financeur",
            fmt="eur",
            chart="pie",
            counts_people=False,
            skip_empty=True,
        ),
    ]
    return Section("programme", "Le PLIE — La programmation annuelle", figures, tables)


def aids(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Demandes d'aide", cur, prev, "requests"),
        figure("Personnes aidées", cur, prev, "persons"),
        figure("Montant accordé", cur, prev, "amount_granted", "eur"),
        figure("Taux d'acceptation", cur, prev, "acceptance_rate", "percent"),
        figure("Bons de transport accordés", cur, prev, "transport_vouchers.vouchers"),
    ]
    columns = {
        "requests": "Demandes",
        "accepted": "Acceptées",
        "refused": "Refusées",
        "pending": "En attente",
        "amount_granted": "Montant accordé",
    }
    kinds = {k: v for k, v in AidKind.choices if k in cur["by_kind"]}
    p = prev or {}
    services = (cur.get("collective_services") or {}).get("by_service", {})
    tables = [
        matrix(
            "aides-types",
            "Aides individuelles par type",
            kinds,
            columns,
            cur["by_kind"],
            first="Type d'aide",
            formats={"amount_granted": "eur"},
        ),
        matrix(
            "aides-sexe",
            "Aides individuelles par sexe",
            SEX,
            columns,
            cur["by_sex"],
            first="Sexe",
            formats={"amount_granted": "eur"},
        ),
        breakdown(
            "aides-formations",
            "Aides à la formation accordées par domaine",
            dict(TrainingField.choices),
            cur["training_accepted_by_field"],
            p.get("training_accepted_by_field"),
            year,
            first="Domaine",
            chart="barh",
        ),
        matrix(
            "aides-prestations",
            "Prestations collectives",
            dict(CollectiveServiceKind.choices),
            {"sessions": "Séances", "participants": "Participants"},
            services,
            first="Prestation",
        ),
    ]
    return Section("aides", "Le PLIE — Aides individuelles", figures, tables)


def companies(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    p = prev or {}
    figures = [
        figure("Mises à l'emploi", cur, prev, "placements"),
        figure("Entreprises partenaires", cur, prev, "partner_companies", comparison=None),
    ]
    tables = [
        breakdown(
            "entreprises-canaux",
            "Mises à l'emploi par canal",
            dict(PlacementChannel.choices),
            cur["placements_by_channel"],
            p.get("placements_by_channel"),
            year,
            first="Canal",
            chart="barh",
        ),
    ]
    campaigns = cur.get("campaigns") or []
    if campaigns:
        steps = {
            "positioned": "Positionnés",
            "convened": "Convoqués",
            "info_session": "Information collective",
            "interview": "Entretien",
            "hired": "Recrutés",
        }
        tables.append(
            Table(
                key="entreprises-campagnes",
                title="Recrutements en nombre",
                columns=["Campagne", *steps.values()],
                rows=[[c["title"], *(c.get(s, 0) for s in steps)] for c in campaigns],
                extra={"formats": ["text", *["count"] * len(steps)]},
            )
        )
    return Section("entreprises", "Le Service Entreprises — Aide au recrutement", figures, tables)


def iod(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Participants suivis", cur, prev, "people_followed"),
        figure("Orientations", cur, prev, "orientations"),
        figure("Entreprises rencontrées", cur, prev, "companies_met"),
        figure("Mises en relation", cur, prev, "mises_en_relation"),
        figure("Embauches", cur, prev, "hires"),
        figure("Taux de mise à l'emploi", cur, prev, "employment_rate", "percent"),
    ]
    p = prev or {}
    tables = [
        breakdown(
            "iod-emploi",
            "Mises à l'emploi IOD par type de contrat",
            {"durable": "Emploi durable", "transitional": "Emploi de transition"},
            cur["employment"],
            p.get("employment"),
            year,
            first="Contrat",
            chart="pie",
        ),
    ]
    return Section("iod", "Le Service Entreprises — La méthode IOD", figures, tables)


def zfu(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    from maillage.zfu.reporting import ROWS

    figures = [figure(label, cur, prev, key) for key, label in ROWS]
    quarters = {str(q): f"{q}ᵉ trimestre" if q > 1 else "1ᵉʳ trimestre" for q in (1, 2, 3, 4)}
    table = matrix(
        "zfu-trimestres",
        "Zone franche urbaine : activité par trimestre (entreprises de la zone)",
        dict(ROWS),
        quarters,
        {key: {q: cur["quarters"][q][key] for q in quarters} for key, _label in ROWS},
        first="Indicateur",
        counts_people=False,
    )
    return Section("zfu", "La Zone Franche Urbaine — Territoire Entrepreneur", figures, [table])


def charter(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Entreprises signataires", cur, prev, "signatories"),
        figure("Nouvelles signataires", cur, prev, "new_signatories"),
        figure("Engagements pris", cur, prev, "commitments"),
        figure("Taux de réalisation des engagements", cur, prev, "realisation_rate", "percent"),
        figure("Parrainages", cur, prev, "sponsorships"),
    ]
    tables = [
        matrix(
            "charte-engagements",
            "Engagements par type",
            dict(CommitmentKind.choices),
            {
                "commitments": "Engagements",
                "realised": "Réalisés",
                "realisation_rate": "Taux de réalisation",
            },
            cur["commitments_by_kind"],
            first="Engagement",
            formats={"realisation_rate": "percent"},
            counts_people=False,
        ),
    ]
    return Section("charte", "Les 1 000 entreprises pour l'insertion et l'emploi", figures, tables)


def clauses(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Personnes en emploi", cur, prev, "total.beneficiaries"),
        figure("Contrats", cur, prev, "total.contracts"),
        figure("Heures d'insertion", cur, prev, "total.hours", "hours"),
        figure("Entreprises", cur, prev, "total.companies"),
        figure("Opérations", cur, prev, "total.operations"),
        figure("Donneurs d'ordre", cur, prev, "total.buyers"),
    ]
    tables = [
        matrix(
            "clauses-bases",
            "Clauses sociales par base juridique",
            dict(LegalBasis.choices),
            {
                "beneficiaries": "Personnes",
                "contracts": "Contrats",
                "hours": "Heures",
                "companies": "Entreprises",
                "operations": "Opérations",
            },
            cur["by_legal_basis"],
            first="Base juridique",
            formats={"hours": "hours"},
        ),
    ]
    return Section("clauses", "Clauses sociales dans les marchés publics", figures, tables)


def events(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    kinds = {k: v for k, v in EventKind.choices if _any(cur.get(k))}
    columns = {
        "events": "Événements",
        "companies": "Entreprises",
        "attendees": "Participants",
        "interviews": "Entretiens",
        "hires": "Embauches",
    }
    figures = [
        figure(f"{EventKind(k).label} : événements", cur, prev, f"{k}.events") for k in kinds
    ][:4]
    tables = [
        matrix(
            "evenements",
            "Dating Emploi, Rencontres Métiers, simulations d'entretien…",
            kinds,
            columns,
            cur,
            first="Type d'événement",
        ),
        breakdown(
            "evenements-participants",
            "Participants par type d'événement",
            kinds,
            cur,
            prev,
            year,
            first="Type d'événement",
            value=lambda e: e["attendees"],
            chart="barh",
        ),
    ]
    return Section("evenements", "Événements emploi", figures, tables)


def _any(entry) -> bool:
    return bool(entry) and any(entry.values())


def antennas(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Visites", cur, prev, "visits"),
        figure("Personnes reçues", cur, prev, "people"),
        figure("Visites anonymes", cur, prev, "anonymous_visits"),
    ]
    p = prev or {}
    names = {code: entry["name"] for code, entry in cur["by_antenna"].items()}
    visits = {"value": lambda e: e["visits"]}
    tables = [
        breakdown(
            "antennes",
            "Visites par antenne",
            names,
            cur["by_antenna"],
            p.get("by_antenna"),
            year,
            first="Antenne",
            chart="barh",
            **visits,
        ),
        breakdown(
            "antennes-motifs",
            "Visites par motif",
            dict(Reason.choices),
            cur["by_reason"],
            p.get("by_reason"),
            year,
            first="Motif",
            chart="barh",
            **visits,
        ),
        breakdown(
            "antennes-ages",
            "Personnes reçues par tranche d'âge",
            dict(AgeBand.choices),
            cur["by_age_band"],
            p.get("by_age_band"),
            year,
            first="Âge",
            value=lambda e: e["people"],
            chart="bar",
        ),
        breakdown(
            "antennes-sexe",
            "Personnes reçues par sexe",
            SEX,
            cur["by_sex"],
            p.get("by_sex"),
            year,
            first="Sexe",
            value=lambda e: e["people"],
            chart="pie",
        ),
    ]
    return Section(
        "antennes", "Les antennes de proximité de maison Lyon pour l'emploi", figures, tables
    )


def culture(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Invitations proposées", cur, prev, "invitations_offered"),
        figure("Invitations réservées", cur, prev, "invitations_booked"),
        figure("Sorties réalisées", cur, prev, "outings_realised"),
        figure("Personnes touchées", cur, prev, "people_reached.total"),
        figure("Partenaires culturels", cur, prev, "cultural_partners.total"),
        figure("Partenaires sociaux", cur, prev, "social_partners.total"),
    ]
    p = prev or {}
    tables = [
        breakdown(
            "culture-partenaires",
            "Partenaires culturels par type",
            dict(CulturalPartnerKind.choices),
            cur["cultural_partners"]["by_kind"],
            (p.get("cultural_partners") or {}).get("by_kind"),
            year,
            first="Type de lieu",
            chart="barh",
            counts_people=False,
            skip_empty=True,
        ),
        breakdown(
            "culture-relais",
            "Partenaires sociaux (relais) par type",
            dict(SocialPartnerKind.choices),
            cur["social_partners"]["by_kind"],
            (p.get("social_partners") or {}).get("by_kind"),
            year,
            first="Type de structure",
            counts_people=False,
            skip_empty=True,
        ),
    ]
    return Section("culture", "L'accès à la culture — Culture pour Tous", figures, tables)


PUBLICS = {
    "rsa": "Bénéficiaires du RSA",
    "plie": "Participants du PLIE",
    "deld": "Demandeurs d'emploi de longue durée",
    "fle": "Apprenants FLE",
    "young_16_25": "Jeunes de 16 à 25 ans",
    "qpv": "Habitants d'un QPV",
    "qva": "Habitants d'un quartier de veille active",
}


def insertion_culture(cur: dict, prev: dict | None, year: int, context: dict) -> Section:
    figures = [
        figure("Actions", cur, prev, "actions"),
        figure("Séances", cur, prev, "sessions"),
        figure("Participants", cur, prev, "participants"),
        figure("Partenaires", cur, prev, "partners"),
    ]
    p = prev or {}
    territories = {t: t for t in cur.get("participants_by_territory", {})}
    tables = [
        breakdown(
            "mic-publics",
            "Publics touchés",
            PUBLICS,
            cur["publics"],
            p.get("publics"),
            year,
            first="Public",
            chart="barh",
            note="Une personne peut relever de plusieurs publics.",
        ),
        breakdown(
            "mic-territoires",
            "Participants par commune et arrondissement",
            territories,
            cur["participants_by_territory"],
            p.get("participants_by_territory"),
            year,
            first="Territoire",
            chart="barh",
        ),
    ]
    return Section(
        "mission-culture", "L'accès à la culture — La Mission Insertion Culture", figures, tables
    )


#: (block, builder) in the order of the 2017 report's table of contents.
BUILDERS = (
    ("plie", plie),
    ("programme", programme),
    ("aids", aids),
    ("companies", companies),
    ("iod", iod),
    ("zfu", zfu),
    ("clauses", clauses),
    ("events", events),
    ("charter", charter),
    ("insertion_culture", insertion_culture),
    ("culture", culture),
    ("antennas", antennas),
)

__all__ = ["BUILDERS", "KeyFigure"]
