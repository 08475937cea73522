"""Demo users: one (or two) per role, all with the documented demo password.

| login | role | structure |
|---|---|---|
| admin | admin (also Django staff and superuser) | ALLIES |
| referent | referent | ALIS |
| referent2 | referent | MIRLY Solidarité (shows scoping: other people) |
| entreprises | company_relations | ALLIES |
| clauses | clause_facilitator | ALLIES |
| accueil | reception | Antenne Duchère |
| culture | culture | Culture pour Tous |
| direction | direction | ALLIES |
| financeur | funder | Métropole de Lyon |

Password of every demo account: ``DEMO_PASSWORD`` (``demo-maillage-2017``).
The names are fictitious. Demo users are recognised by their e-mail domain
(``DEMO_EMAIL_DOMAIN``): an existing account with one of these logins that the
demo did not create is left untouched (no password, no new role).
"""

import random
from dataclasses import dataclass

from maillage.accounts.models import Membership, User
from maillage.accounts.roles import Role
from maillage.demo.base import DemoAccount, DemoContext

DEMO_PASSWORD = "demo-maillage-2017"
DEMO_EMAIL_DOMAIN = "demo.maillage.example"


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    structure_code: str
    superuser: bool = False


DEMO_USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", "Claire", "Vasseur", Role.ADMIN, "ALLIES", superuser=True),
    UserSpec("referent", "Karim", "Benhamou", Role.REFERENT, "S-ALIS"),
    UserSpec("referent2", "Élodie", "Marchetti", Role.REFERENT, "S-MIRLY"),
    UserSpec("entreprises", "Thomas", "Ribeiro", Role.COMPANY_RELATIONS, "ALLIES"),
    UserSpec("clauses", "Nadia", "Ferrand", Role.CLAUSE_FACILITATOR, "ALLIES"),
    UserSpec("accueil", "Aminata", "Sissoko", Role.RECEPTION, "ANT-DUCHERE"),
    UserSpec("culture", "Julien", "Morvan", Role.CULTURE, "S-CULTURE-POUR-TOUS"),
    UserSpec("direction", "Hélène", "Garnier-Roux", Role.DIRECTION, "ALLIES"),
    UserSpec("financeur", "Paul", "Chanut", Role.FUNDER, "F-METROPOLE"),
    UserSpec("theatre", "Sophie", "Lamarque", Role.CULTURAL_PARTNER, "C-CELESTINS"),
    UserSpec("salarie", "Marc", "Dupuis-Fontaine", Role.COMPANY_EMPLOYEE, "E-CHOREIA-LPA"),
)


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def is_demo_user(user: User) -> bool:
    return user.email.lower().endswith(f"@{DEMO_EMAIL_DOMAIN}")


def create_users(rng: random.Random, context: DemoContext) -> None:
    for spec in DEMO_USERS:
        structure = context.structures[spec.structure_code]
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=demo_email(spec.username),
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            context.count("utilisateurs créés")
            note = ""
        elif not is_demo_user(user):
            context.notes.append(
                f"L'utilisateur « {spec.username} » existe déjà et n'a pas été créé par la "
                "démonstration : il est laissé tel quel (ni mot de passe ni rôle ajouté)."
            )
            context.accounts.append(
                DemoAccount(spec.username, "—", "—", "compte existant, non modifié")
            )
            continue
        else:
            # Kept as it is, password included: someone may have changed it on purpose.
            note = "déjà présent, mot de passe inchangé"
        _, created = Membership.objects.get_or_create(
            user=user, structure=structure, role=spec.role
        )
        if created:
            context.count("rattachements créés")
        context.users[spec.username] = user
        context.accounts.append(
            DemoAccount(spec.username, Role(spec.role).label, structure.name, note)
        )
