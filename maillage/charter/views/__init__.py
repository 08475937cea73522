"""Pages of the charter. Thin: capability (403), scoped querysets for sponsorships (404 out
of scope, each name shown audited), the services for every change.

- ``signatories``: the home page (signatories, filters, realisation rate), a company's
  charter page, the signature and commitment forms;
- ``sponsorships``: the pairs sponsor / person;
- ``evenings``: the annual evening and its guest list.
"""

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError, rename: dict | None = None) -> None:
    """Put a service's refusal on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            field = (rename or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
