"""Inputs shared by the case forms: times typed in China time in the browser's date picker."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from liuhen.agencies.models import Officer
from liuhen.cases.presenters import china_text
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.clock import CHINA

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def china_time_field(label: str, *, required: bool = True, help_text: str = "") -> forms.Field:
    """A datetime-local input; the wall time is read as China time (TIME_ZONE Asia/Shanghai)."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=TIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text or "北京时间",
    )


def china_now_minute() -> dt.datetime:
    """Now in China time to the minute: the initial value of a time input."""
    return timezone.now().astimezone(CHINA).replace(second=0, microsecond=0)


def officer_label(officer: Officer) -> str:
    agency = officer.agency.short_name or officer.agency.name
    label = f"{officer.name}（{officer.certificate_number}，{agency}）"
    if getattr(officer, "is_legal_reviewer", False):
        label += "【法制审核人员：承办后不能审核本案】"
    return label


def holding_label(holding: EvidenceHolding) -> str:
    return f"{holding.filename}（服务器于 {china_text(holding.added_at)} 收到）"


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return officer_label(obj)


class OfficerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return officer_label(obj)


class HoldingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: EvidenceHolding) -> str:
        return holding_label(obj)


class HoldingMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: EvidenceHolding) -> str:
        return holding_label(obj)
