"""Who is acting, from which request: set by the middleware, read by ``audit.log``.

Commands and tasks set it with ``acting_as`` so their entries are attributed too.
"""

import contextlib
import dataclasses
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


@contextlib.contextmanager
def attributed_to(user):
    """Attribute audit entries to ``user`` when no request already did (commands, tests).

    Service functions wrap their work in it: a web request's context (IP, path,
    request id) is kept and only a missing actor is filled in.
    """
    ctx = current()
    if user is None or ctx.user_id is not None:
        yield ctx
        return
    with acting_as(dataclasses.replace(ctx, user_id=user.pk, username=user.get_username())) as c:
        yield c


def for_user(user, *, source: str) -> AuditContext:
    if user is None or not getattr(user, "is_authenticated", False):
        return AuditContext(source=source)
    return AuditContext(user_id=user.pk, username=user.get_username(), source=source)
