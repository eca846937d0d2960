"""The handler's forms: the materials of henan-review 第八条, marking a case major, and the
collective discussion of 第十四条 after a return."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.cases.forms.widgets import HoldingMultipleChoiceField
from liuhen.evidence.models import EvidenceHolding
from liuhen.review.forms.decision_fields import fine_amount_field, measures_field
from liuhen.review.models import DiscussionOutcome, LegalReview, MaterialKind
from liuhen.review.rules import MAJOR_SITUATIONS, MATERIALS, REPORT_ITEMS, REPORT_OPTIONAL
from liuhen.review.services import ReviewMaterials

REPORT_PREFIX = "report_"


def _text(label: str, *, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _files(label: str, help_text: str) -> HoldingMultipleChoiceField:
    return HoldingMultipleChoiceField(
        label=label,
        required=False,
        queryset=EvidenceHolding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class SubmissionForm(forms.Form):
    """Every input is optional here: the service checks completeness and names all that is
    missing at once (第八条)."""

    decision_text = _text("拟作出的行政执法决定（决定内容）", help_text="henan-review 第八条（一）")
    measures = measures_field()
    fine_amount = fine_amount_field()
    flags = forms.MultipleChoiceField(
        label="重大情形（承办机构认定，henan-review 第六条）",
        required=False,
        choices=[(s.key, s.label) for s in MAJOR_SITUATIONS],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, holdings: QuerySet[EvidenceHolding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in (*REPORT_ITEMS, *REPORT_OPTIONAL):
            optional = "（可选）" if item in REPORT_OPTIONAL else ""
            self.fields[REPORT_PREFIX + item.key] = _text(
                f"调查终结报告：{item.label}{optional}", rows=3, help_text=item.article
            )
        labels = {m.key: f"{m.label}（{m.article}）" for m in MATERIALS}
        self.fields["evidence"] = _files(labels["evidence"], "从本单位证据库选择本案的证据材料")
        self.fields["appraisals"] = _files(labels["appraisals"], "本案有检验、鉴定时必须提交")
        self.fields["others"] = _files(labels["others"], "")
        for name in ("evidence", "appraisals", "others"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = holdings

    def report_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(REPORT_PREFIX)]

    def decision_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("decision_text", "measures", "fine_amount", "flags")]

    def file_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("evidence", "appraisals", "others")]

    def materials(self) -> ReviewMaterials:
        data = self.cleaned_data
        return ReviewMaterials(
            decision_text=data["decision_text"],
            measures=data["measures"],
            fine_amount=data["fine_amount"],
            flags=data["flags"],
            report={
                name[len(REPORT_PREFIX) :]: value
                for name, value in data.items()
                if name.startswith(REPORT_PREFIX) and value.strip()
            },
            evidence=list(data["evidence"]),
            appraisals=list(data["appraisals"]),
            others=list(data["others"]),
        )


def initial_from(review: LegalReview) -> dict[str, Any]:
    """The returned round's materials, to prefill the resubmission."""
    decision = review.decision
    files: dict[str, list[int]] = {"evidence": [], "appraisals": [], "others": []}
    kinds = {
        MaterialKind.EVIDENCE: "evidence",
        MaterialKind.APPRAISAL: "appraisals",
        MaterialKind.OTHER: "others",
    }
    for material in review.materials.all():
        if material.kind in kinds:
            files[kinds[MaterialKind(material.kind)]].append(material.holding_id)
    return {
        "decision_text": decision.get("text", ""),
        "measures": decision.get("measures", []),
        "fine_amount": decision.get("fine_amount"),
        "flags": decision.get("flags", []),
        **{REPORT_PREFIX + key: text for key, text in review.report.items()},
        **files,
    }


class MajorMarkForm(forms.Form):
    reason = forms.CharField(
        label="认定为重大执法决定的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="如涉及重大公共利益、案情疑难复杂等（henan-review 第六条）",
    )


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label="对审核意见的异议及与法制审核机构沟通的情况",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    conclusion = forms.CharField(
        label="集体讨论的结论",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="henan-review 第十四条第二款：由行政执法机关负责人集体讨论决定",
    )
    outcome = forms.ChoiceField(
        label="集体讨论决定",
        choices=DiscussionOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
