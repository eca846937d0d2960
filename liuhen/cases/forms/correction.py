"""The correction form: the act's form for the corrected type, filled in with what was recorded,
plus the reason. The service judges whether the correction is acceptable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from liuhen.cases.forms.acts import ActForm
from liuhen.cases.models import CaseEvent
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import CHINA, parse_time

# edited in a formset of their own beside the form (the view's `interruptions`), not as fields
KEPT_KINDS = frozenset({"interruptions"})


def interruptions_initial(event: CaseEvent) -> list[dict[str, Any]]:
    """A recording's interruptions as the initial rows of `InterruptionFormSet` (China time)."""
    rows = []
    for item in event.fields.get("interruptions") or []:
        row = dict(item)
        for name in ("at", "resumed_at"):
            if isinstance(row.get(name), str):
                row[name] = parse_time(row[name]).astimezone(CHINA)
        rows.append(row)
    return rows


def act_initial(event: CaseEvent) -> dict[str, Any]:
    """The recorded event as the initial values of its act form (times in China time)."""
    initial: dict[str, Any] = {
        "at": event.at.astimezone(CHINA),
        "av": list(event.fields.get("av", [])),
        "av_exempt": event.fields.get("av_exempt", ""),
        "note": event.fields.get("note", ""),
        "documents": [d.holding_id for d in event.documents.all()],
    }
    for spec in v.EVENT_TYPES[event.type].fields:
        value = event.fields.get(spec.name)
        if value is None:
            continue
        if spec.kind == "time" and isinstance(value, str):
            value = parse_time(value).astimezone(CHINA)
        initial[spec.name] = value
    return initial


class CorrectionForm(ActForm):
    def __init__(self, *args: Any, original: CaseEvent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.original = original
        for spec in v.EVENT_TYPES[self.type_name].fields:
            if spec.kind in KEPT_KINDS:
                del self.fields[spec.name]
        self.fields["type"] = forms.CharField(widget=forms.HiddenInput, initial=self.type_name)
        self.fields["reason"] = forms.CharField(
            label="更正理由",
            required=False,  # the service's message names the field
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="说明原记录错在哪里、依据什么更正",
        )
        self.order_fields(["reason"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # the page shows minutes: a time left as shown keeps the seconds it was recorded with
        recorded: dict[str, datetime] = {"at": self.original.at}
        if self.type_name == self.original.type:
            for spec in v.EVENT_TYPES[self.type_name].fields:
                value = self.original.fields.get(spec.name)
                if spec.kind == "time" and isinstance(value, str):
                    recorded[spec.name] = parse_time(value)
        for name, moment in recorded.items():
            typed = data.get(name)
            if isinstance(typed, datetime) and typed == moment.replace(second=0, microsecond=0):
                data[name] = moment
        return data

    def vocabulary_fields(self) -> dict[str, Any]:
        out = super().vocabulary_fields()
        if self.type_name == self.original.type:
            for spec in v.EVENT_TYPES[self.type_name].fields:
                if spec.kind in KEPT_KINDS and spec.name in self.original.fields:
                    out[spec.name] = self.original.fields[spec.name]
        return out
