"""Assigning an officer to a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.agencies.models import Officer
from liuhen.cases.forms.widgets import OfficerChoiceField
from liuhen.cases.models import OfficerRole


class OfficerAssignForm(forms.Form):
    officer = OfficerChoiceField(label="执法人员", queryset=Officer.objects.none())
    role = forms.ChoiceField(label="分工", choices=OfficerRole.choices, initial="assistant")

    def __init__(self, *args: Any, officers: QuerySet[Officer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = officers
