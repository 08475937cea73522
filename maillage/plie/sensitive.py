"""Sensitive details of a PLIE file: who may read them.

The shared diagnosis records difficulties of health, disability, justice and
family situation, and a free comment that often describes them. The CNIL treats
such data as sensitive: they are shown only to the person's référent (the
file's proposed référent, or the référents of its structure while none is named)
and to administrators; everyone else who may open the file or a commission's
agenda sees that details exist, not what they are, and each display of them is
audited (``log(..., changes={"sensitive_shown": True})``).
"""

from maillage.accounts.roles import Role
from maillage.plie.commission_models import DifficultyKind

SENSITIVE_DIFFICULTIES = frozenset(
    {
        DifficultyKind.HEALTH,
        DifficultyKind.DISABILITY,
        DifficultyKind.JUSTICE,
        DifficultyKind.CHILDCARE,
    }
)
HIDDEN = "précisions réservées au référent et aux administrateurs"


def may_see_sensitive(user, entry) -> bool:
    if Role.ADMIN in user.roles:
        return True
    if entry.referent_id is not None:
        return entry.referent_id == user.pk
    return entry.structure_id in user.structure_ids(roles={Role.REFERENT})


def has_sensitive(entry) -> bool:
    return bool(entry.difficulties_comment) or bool(
        SENSITIVE_DIFFICULTIES & set(entry.difficulties or ())
    )
