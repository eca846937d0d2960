"""The agency's 重大执法决定法制审核目录清单 (henan-review 第七条), one row per entry."""

from __future__ import annotations

from typing import Any

from django import forms

from liuhen.review.models import CriterionKind, MajorDecisionCriterion
from liuhen.review.rules import MAJOR_SITUATIONS
from liuhen.review.services import CriterionInput
from liuhen.rules.vocabulary import ACTIONS, DECISION_MEASURES


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(
        label="类别", required=False, choices=[("", "—"), *CriterionKind.choices]
    )
    label = forms.CharField(label="事项名称", required=False, max_length=200)
    action = forms.ChoiceField(
        label="执法行为类别", required=False, choices=[("", "不限"), *ACTIONS.items()]
    )
    measures = forms.MultipleChoiceField(
        label="决定措施（类别为决定措施时）",
        required=False,
        choices=list(DECISION_MEASURES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    fine_threshold = forms.CharField(
        label="罚款数额达到（元，类别为罚款数额时）", required=False, max_length=20
    )
    situation = forms.ChoiceField(
        label="情形（类别为情形时）",
        required=False,
        choices=[("", "—"), *((s.key, s.label) for s in MAJOR_SITUATIONS)],
    )
    basis = forms.CharField(label="依据", required=False, max_length=200)

    def entry(self) -> CriterionInput:
        data = self.cleaned_data
        return CriterionInput(
            kind=data["kind"],
            label=data["label"],
            action=data["action"],
            measures=data["measures"],
            fine_threshold=data["fine_threshold"] or None,
            situation=data["situation"],
            basis=data["basis"],
        )


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def criterion_initial(criterion: MajorDecisionCriterion) -> dict[str, Any]:
    threshold = criterion.fine_threshold
    return {
        "kind": criterion.kind,
        "label": criterion.label,
        "action": criterion.action,
        "measures": criterion.measures,
        "fine_threshold": f"{threshold.normalize():f}" if threshold is not None else "",
        "situation": criterion.situation,
        "basis": criterion.basis,
    }


def catalogue_entries(formset: Any) -> list[tuple[int, CriterionInput]]:
    """(form index, entry) of the rows kept: filled in and not marked for deletion."""
    return [
        (i, form.entry())
        for i, form in enumerate(formset.forms)
        if not form.cleaned_data.get("DELETE")
        and (form.cleaned_data.get("kind") or form.cleaned_data.get("label"))
    ]
