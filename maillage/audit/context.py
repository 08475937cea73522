"""Who is acting, from which request: set by the middleware, read by ``audit.log``.

Commands and tasks set it with ``acting_as`` so their entries are attributed too.
"""

import contextlib
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AuditContext:
    user_id: int | None = None
    username: str = ""
    source: str = "system"  # "web", "command", "task", "system"
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ip: str = ""
    path: str = ""
    method: str = ""


_current: ContextVar[AuditContext | None] = ContextVar("maillage_audit_context", default=None)


def current() -> AuditContext:
    """The acting context; outside any request or command, an anonymous "system" one."""
    return _current.get() or AuditContext()


@contextlib.contextmanager
def acting_as(context: AuditContext):
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def for_user(user, *, source: str) -> AuditContext:
    if user is None or not getattr(user, "is_authenticated", False):
        return AuditContext(source=source)
    return AuditContext(user_id=user.pk, username=user.get_username(), source=source)
