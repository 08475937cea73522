"""View decorators built on roles' capabilities (maillage.accounts.roles)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from maillage.accounts.roles import Capability


def require_capability(user, *capabilities: Capability) -> None:
    """For services: PermissionDenied unless ``user`` holds one of ``capabilities``."""
    if user is None or not any(user.has_capability(c) for c in capabilities):
        raise PermissionDenied


def capability_required(*capabilities: Capability):
    """403 unless the user holds one of ``capabilities`` (login is already required)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(request.user.has_capability(c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capabilities = capabilities
        return wrapped

    return decorator
