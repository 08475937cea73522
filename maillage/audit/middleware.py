"""Binds each request to an audit context (user, IP, path, request id)."""

import uuid

from maillage.audit.context import AuditContext, _current


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        context = AuditContext(
            user_id=user.pk if authenticated else None,
            username=user.get_username() if authenticated else "",
            source="web",
            request_id=request.headers.get("X-Request-Id") or uuid.uuid4().hex,
            ip=request.META.get("REMOTE_ADDR", ""),
            path=request.path[:300],
            method=request.method,
        )
        token = _current.set(context)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
