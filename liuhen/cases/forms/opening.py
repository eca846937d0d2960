"""Opening a case: the case's facts, its parties (a formset), its officers and its first event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.agencies.models import Agency, Officer
from liuhen.cases.forms.widgets import (
    OfficerChoiceField,
    OfficerMultipleChoiceField,
    china_now_minute,
    china_time_field,
)
from liuhen.cases.models import PartyKind
from liuhen.cases.services import FIRST_EVENTS, PartyInput
from liuhen.rules import vocabulary as v

# the first event's own boolean field, where it has one
FIRST_EVENT_FLAGS = {
    "case.initiated": "urgent",
    "complaint.received": "real_name",
    "application.received": "oral",
}


class CaseOpenForm(forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    title = forms.CharField(label="案由", max_length=200)
    action = forms.ChoiceField(
        label="执法行为类别", choices=list(v.ACTIONS.items()), initial="penalty"
    )
    procedure = forms.ChoiceField(
        label="程序", choices=list(v.PROCEDURES.items()), initial="general"
    )
    source = forms.ChoiceField(label="案件来源", choices=list(v.SOURCES.items()))
    major = forms.BooleanField(label="列入重大执法决定目录", required=False)
    major_incident = forms.BooleanField(label="处置重大突发事件、群体性事件", required=False)
    complex = forms.BooleanField(label="重大、疑难、复杂执法活动", required=False)
    lead = OfficerChoiceField(label="主办执法人员", queryset=Officer.objects.none())
    assistants = OfficerMultipleChoiceField(
        label="协办执法人员",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="现场检查、询问、勘验、抽样取证、行政强制措施等须两名以上执法人员实施",
    )
    first_event_type = forms.ChoiceField(
        label="第一项记录",
        choices=[(name, v.label(name)) for name in FIRST_EVENTS],
        initial="case.initiated",
    )
    at = china_time_field("发生时间")
    urgent = forms.BooleanField(label="情况紧急先行启动（立案）", required=False)
    real_name = forms.BooleanField(label="实名投诉举报", required=False)
    oral = forms.BooleanField(label="口头申请", required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        officers: QuerySet[Officer],
        lead: Officer | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        if agencies.count() == 1:
            agency_field.initial = agencies.first()
        for name in ("lead", "assistants"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = officers
        self.fields["at"].initial = china_now_minute
        if lead is not None:
            self.fields["lead"].initial = lead

    def officers(self) -> list[Officer]:
        lead = self.cleaned_data["lead"]
        return [lead, *[o for o in self.cleaned_data["assistants"] if o.pk != lead.pk]]

    def first_event_fields(self) -> dict[str, Any]:
        flag = FIRST_EVENT_FLAGS.get(self.cleaned_data["first_event_type"])
        return {flag: True} if flag and self.cleaned_data.get(flag) else {}


class PartyForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label="姓名或名称", max_length=100, required=False)
    id_number = forms.CharField(label="身份证号或统一社会信用代码", max_length=30, required=False)
    address = forms.CharField(label="住所", max_length=200, required=False)
    contact = forms.CharField(label="联系方式", max_length=60, required=False)

    def party(self) -> PartyInput | None:
        data = self.cleaned_data
        if not data or not data.get("name", "").strip():
            return None
        return PartyInput(
            kind=data["kind"],
            name=data["name"],
            id_number=data.get("id_number", ""),
            address=data.get("address", ""),
            contact=data.get("contact", ""),
        )


class PartyFormSetBase(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(isinstance(f, PartyForm) and f.party() for f in self.forms):
            raise forms.ValidationError("至少填写一名当事人（姓名或名称）")

    def parties(self) -> list[PartyInput]:
        return [p for f in self.forms if isinstance(f, PartyForm) and (p := f.party())]


PartyFormSet = forms.formset_factory(PartyForm, formset=PartyFormSetBase, extra=2, max_num=20)
