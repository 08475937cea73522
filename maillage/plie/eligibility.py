"""Who may enter the PLIE: the three cumulative conditions of the shared diagnosis.

The seed (ALLIES 2017, "Les publics") sets them, all three required:

1. **without work** — long-term job seeker, RSA, young first-time job seeker
   without a solution for a year, entering an SIAE, working poor…;
2. **difficulties of a durable insertion** — of one or more kinds, described;
3. **adherence** to the support the PLIE proposes, expressed by the person;

and adds: "le statut seul ne constitue pas un critère d'entrée". So the entry
situations (RSA, DELD, disabled worker… — what the report counts) and QPV
residence are recorded, but never enter the decision: ``check`` does not even
receive them. A file whose difficulties or adherence are not documented is not
eligible, whatever its situations. The diagnosis must also say which path it
proposes (reinforced support or specific actions).

Plain values in, ``{field: [message]}`` out, like ``rules.py``: the form, the
service and the detail page use the same function.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from maillage.plie.commission_models import DifficultyKind, ProposedPath, WithoutWorkSituation
from maillage.plie.rules import Errors
from maillage.plie.sensitive import HIDDEN, SENSITIVE_DIFFICULTIES, has_sensitive


@dataclass(frozen=True)
class Diagnosis:
    """The shared diagnosis, as recorded on an entry request."""

    without_work_situation: str = ""
    without_work_details: str = ""
    difficulties: tuple[str, ...] = ()
    difficulties_comment: str = ""
    adherence: bool = False
    adherence_comment: str = ""
    proposed_path: str = ""

    @classmethod
    def of(cls, entry) -> "Diagnosis":
        """The diagnosis of an ``EntryRequest`` (or anything with the same attributes)."""
        return cls(
            without_work_situation=entry.without_work_situation,
            without_work_details=entry.without_work_details,
            difficulties=tuple(entry.difficulties or ()),
            difficulties_comment=entry.difficulties_comment,
            adherence=bool(entry.adherence),
            adherence_comment=entry.adherence_comment,
            proposed_path=entry.proposed_path,
        )


@dataclass(frozen=True)
class Condition:
    """One condition as shown on the file: met or not, and the evidence recorded."""

    label: str
    met: bool
    evidence: str


def _blank(text: str) -> bool:
    return not (text or "").strip()


def _unknown(codes: Iterable[str], allowed: Iterable[str]) -> list[str]:
    allowed = set(allowed)
    return [code for code in codes if code not in allowed]


def check(diagnosis: Diagnosis) -> Errors:
    """The errors that keep the file from going to commission; ``{}`` when eligible."""
    errors: Errors = {}
    if not diagnosis.without_work_situation:
        errors["without_work_situation"] = [
            "Condition 1 : indiquez la situation sans emploi de la personne."
        ]
    elif diagnosis.without_work_situation not in WithoutWorkSituation.values:
        errors["without_work_situation"] = [
            f"Situation inconnue : « {diagnosis.without_work_situation} »."
        ]
    elif diagnosis.without_work_situation == WithoutWorkSituation.OTHER and _blank(
        diagnosis.without_work_details
    ):
        errors["without_work_details"] = ["Précisez la situation sans emploi."]

    if not diagnosis.difficulties:
        errors["difficulties"] = [
            "Condition 2 : cochez au moins une difficulté d'insertion durable "
            "(le statut seul ne constitue pas un critère d'entrée)."
        ]
    elif unknown := _unknown(diagnosis.difficulties, DifficultyKind.values):
        errors["difficulties"] = [f"Difficulté inconnue : « {unknown[0]} »."]
    if _blank(diagnosis.difficulties_comment):
        errors["difficulties_comment"] = [
            "Condition 2 : décrivez les difficultés relevées lors du diagnostic partagé."
        ]

    if not diagnosis.adherence:
        errors["adherence"] = [
            "Condition 3 : la personne doit adhérer à la démarche d'accompagnement du PLIE."
        ]
    if _blank(diagnosis.adherence_comment):
        errors["adherence_comment"] = [
            "Condition 3 : indiquez comment la personne a exprimé son adhésion."
        ]

    if not diagnosis.proposed_path:
        errors["proposed_path"] = [
            "Indiquez le parcours proposé : accompagnement renforcé ou actions spécifiques."
        ]
    elif diagnosis.proposed_path not in ProposedPath.values:
        errors["proposed_path"] = [f"Parcours inconnu : « {diagnosis.proposed_path} »."]
    return errors


def is_eligible(diagnosis: Diagnosis) -> bool:
    return not check(diagnosis)


def conditions(entry, *, sensitive: bool = True) -> list[Condition]:
    """The three conditions of a file with their evidence, for its page and the agenda.

    ``sensitive=False`` (a reader who is not the person's référent nor an administrator,
    ``maillage.plie.sensitive``): health, disability, justice and family difficulties and the
    free comment are replaced by a notice; whether each condition is met still shows.
    """
    diagnosis = Diagnosis.of(entry)
    errors = check(diagnosis)
    situation = dict(WithoutWorkSituation.choices).get(diagnosis.without_work_situation, "")
    kinds = dict(DifficultyKind.choices)
    shown = [
        code for code in diagnosis.difficulties if sensitive or code not in SENSITIVE_DIFFICULTIES
    ]
    difficulty_labels = ", ".join(str(kinds.get(code, code)) for code in shown)
    comment = diagnosis.difficulties_comment
    if not sensitive and has_sensitive(entry):
        comment = HIDDEN
    return [
        Condition(
            "Sans emploi",
            not {"without_work_situation", "without_work_details"} & errors.keys(),
            " — ".join(str(part) for part in (situation, diagnosis.without_work_details) if part),
        ),
        Condition(
            "Difficultés d'insertion durable",
            not {"difficulties", "difficulties_comment"} & errors.keys(),
            " — ".join(p for p in (difficulty_labels, comment) if p),
        ),
        Condition(
            "Adhésion à la démarche",
            not {"adherence", "adherence_comment"} & errors.keys(),
            diagnosis.adherence_comment if diagnosis.adherence else "",
        ),
    ]
