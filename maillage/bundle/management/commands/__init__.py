import getpass

from maillage.accounts.models import User
from maillage.audit.context import AuditContext


def command_context(username: str | None) -> AuditContext:
    """Audit context of a command: ``--user``, else the system user running it."""
    if not username:
        try:
            username = getpass.getuser()
        except (OSError, KeyError):  # containers may have no user name
            username = "inconnu"
    account = User.objects.filter(username=username).first()
    return AuditContext(
        user_id=account.pk if account else None, username=username, source="command"
    )
