"""Attaching an uploaded recording to a case: when it ran, what was said, its interruptions.
The storage time is not asked: the service takes the server's ingest time of the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.cases.forms.widgets import HoldingChoiceField, china_time_field
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules import vocabulary as v


class RecordingAttachForm(forms.Form):
    holding = HoldingChoiceField(
        label="已上传的音像文件", queryset=EvidenceHolding.objects.none(), empty_label=None
    )
    start = china_time_field("开始记录时间")
    end = china_time_field("结束记录时间")
    device = forms.CharField(label="记录设备（型号、编号）", max_length=100, required=False)
    notice_given = forms.BooleanField(
        label="记录中告知当事人等在场人员正在音像记录", required=False
    )
    statement_given = forms.BooleanField(
        label="开始时语音说明了时间、地点、执法人员和执法行为", required=False
    )

    def __init__(self, *args: Any, holdings: QuerySet[EvidenceHolding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holding"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holdings


_LABELS = {f.name: f.label for f in v.INTERRUPTION_FIELDS}


class InterruptionForm(forms.Form):
    at = china_time_field(_LABELS["at"], required=False)
    resumed_at = china_time_field(_LABELS["resumed_at"], required=False, help_text="未恢复则留空")
    reason_stated = forms.BooleanField(label=_LABELS["reason_stated"], required=False)
    reported = forms.BooleanField(label=_LABELS["reported"], required=False)
    written_explanation = forms.BooleanField(label=_LABELS["written_explanation"], required=False)

    def interruption(self) -> dict[str, Any] | None:
        data = getattr(self, "cleaned_data", None)
        if not data or data.get("at") is None:
            return None
        return {
            "at": data["at"],
            "resumed_at": data.get("resumed_at"),
            "reason_stated": bool(data.get("reason_stated")),
            "reported": bool(data.get("reported")),
            "written_explanation": bool(data.get("written_explanation")),
        }


InterruptionFormSet = forms.formset_factory(InterruptionForm, extra=2, max_num=20)


def interruptions(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    return [i for f in formset.forms if isinstance(f, InterruptionForm) and (i := f.interruption())]
