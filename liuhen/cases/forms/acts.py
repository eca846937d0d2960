"""The form for recording one act: built from the vocabulary's FieldSpecs of its type.

Booleans are checkboxes phrased as what the record states, enums selects with their Chinese
labels, references selects of the case's eligible events, times datetime-local inputs in China
time. The form only shapes the input; whether it is acceptable is the service's answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.cases.act_help import FIELD_HINTS, FIELD_METHODS
from liuhen.cases.approvals import APPROVAL_RULES
from liuhen.cases.forms.widgets import (
    HoldingMultipleChoiceField,
    china_now_minute,
    china_time_field,
)
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.presenters import china_text, enum_labels
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules import vocabulary as v

# recorded elsewhere: a recording is uploaded and attached, its storage is the server's clock
NOT_IN_MENU = frozenset({"av.recorded", "av.stored"})

MENU_STAGES = ("程序启动", "调查取证", "审查决定", "送达执行", "归档管理", "公示")


def chain_recorded(case: Case) -> frozenset[str]:
    """The approval steps' events that the approval chain records itself on this case (the
    审核 and 批准 of a decision): recording them by hand would bypass the chain."""
    return frozenset(
        recorded
        for rule in APPROVAL_RULES
        if rule.event_type == "decision.made"
        and rule.applies(profile=case.profile, procedure=case.procedure, fields={})
        for recorded in rule.records.values()
    )


def act_menu(case: Case) -> list[tuple[str, list[tuple[str, str]]]]:
    """(stage, [(type, label)]) for every type an officer records through a form."""
    hidden = NOT_IN_MENU | chain_recorded(case)
    return [
        (
            stage,
            [
                (n, t.label)
                for n, t in v.EVENT_TYPES.items()
                if t.stage == stage and n not in hidden
            ],
        )
        for stage in MENU_STAGES
    ]


def _event_choice(event: CaseEvent) -> tuple[str, str]:
    return event.event_id, f"{v.label(event.type)} · {china_text(event.at)}（{event.event_id}）"


class ActForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        type_name: str,
        events: Sequence[CaseEvent],
        holdings: QuerySet[EvidenceHolding],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.type_name = type_name
        kind = v.EVENT_TYPES[type_name]
        self.fields["at"] = china_time_field("发生时间", help_text="行为发生的时间（北京时间）")
        self.fields["at"].initial = china_now_minute
        for spec in kind.fields:
            self.fields[spec.name] = self._field(spec, events)
            hint = FIELD_HINTS.get((type_name, spec.name))
            if hint:
                self.fields[spec.name].help_text = hint
            methods = FIELD_METHODS.get((type_name, spec.name))
            if methods:
                self.fields[spec.name].widget.attrs["data-when-method"] = " ".join(methods)
        recordings = [e for e in events if e.type == "av.recorded"]
        self.fields["av"] = forms.MultipleChoiceField(
            label="同步音像记录",
            required=False,
            choices=[_event_choice(e) for e in recordings],
            widget=forms.CheckboxSelectMultiple,
            help_text="拍摄本次行为的执法记录仪视频（先在案件页上传并登记）",
        )
        self.fields["av_exempt"] = forms.ChoiceField(
            label="未音像记录的理由",
            required=False,
            choices=[("", "—（已音像记录或无需记录）"), *v.AV_EXEMPTIONS.items()],
        )
        self.fields["documents"] = HoldingMultipleChoiceField(
            label="附上文书或证据",
            required=False,
            queryset=holdings,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["note"] = forms.CharField(
            label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2})
        )

    def _field(self, spec: v.FieldSpec, events: Sequence[CaseEvent]) -> forms.Field:
        # Requiredness is the service's to judge, so that its message (naming the field) shows.
        if spec.kind == "bool":
            return forms.BooleanField(label=spec.label, required=False)
        if spec.kind == "enum":
            labels = enum_labels(self.type_name, spec.name)
            blank = [] if spec.default else [("", "— 请选择 —")]
            return forms.ChoiceField(
                label=spec.label,
                required=False,
                choices=blank + [(x, labels.get(x, x)) for x in spec.values],
                initial=spec.default,
            )
        if spec.kind == "enum_list":
            labels = enum_labels(self.type_name, spec.name)
            return forms.MultipleChoiceField(
                label=spec.label,
                required=False,
                choices=[(x, labels.get(x, x)) for x in spec.values],
                widget=forms.CheckboxSelectMultiple,
            )
        if spec.kind == "number":
            return forms.DecimalField(label=spec.label, required=False, decimal_places=2)
        if spec.kind == "time":
            return china_time_field(spec.label, required=False)
        if spec.kind in ("ref", "ref_list"):
            targets = v.ref_targets(spec)
            choices = [_event_choice(e) for e in events if e.type in targets]
            if spec.kind == "ref":
                return forms.ChoiceField(
                    label=spec.label, required=False, choices=[("", "— 请选择 —"), *choices]
                )
            return forms.MultipleChoiceField(
                label=spec.label,
                required=False,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )
        return forms.CharField(label=spec.label, required=False, max_length=500)

    def vocabulary_fields(self) -> dict[str, Any]:
        """The cleaned input as the event's vocabulary fields (absent booleans are false)."""
        out: dict[str, Any] = {}
        for spec in v.EVENT_TYPES[self.type_name].fields:
            value = self.cleaned_data.get(spec.name)
            if spec.kind == "bool":
                if value:
                    out[spec.name] = True
            elif spec.kind in ("enum_list", "ref_list"):
                out[spec.name] = list(value or [])
            elif isinstance(value, Decimal):
                out[spec.name] = int(value) if value == value.to_integral() else float(value)
            elif value not in (None, ""):
                out[spec.name] = value
        if self.cleaned_data.get("av_exempt"):
            out["av_exempt"] = self.cleaned_data["av_exempt"]
        return out


class ApprovalForm(forms.Form):
    step = forms.ChoiceField(choices=[("review", "审核"), ("approve", "批准")])
    outcome = forms.ChoiceField(choices=[("approved", "同意"), ("returned", "退回")])
    comment = forms.CharField(label="意见", required=False, max_length=2000)


class StageForm(forms.Form):
    target = forms.CharField(max_length=20)
