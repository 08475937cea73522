"""What every form page shares."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form, error: ValidationError, rename: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the form: each message on its field when the form has one
    (``rename`` maps a model field to the form field that edits it), else above the form.

    Services validate the whole operation (rules across fields and rows the form cannot
    see) and raise ``ValidationError``; views put it back on the form the user filled in.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = (rename or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)
