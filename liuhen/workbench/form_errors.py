"""Showing a service's ValidationError on the form that called it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Attach each message to its field when the form has that field, else to the whole form,
    so that nothing a service refused goes unsaid."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        for item in errors:
            for message in item.messages:
                form.add_error(target, message)
