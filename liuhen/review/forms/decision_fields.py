"""The intended decision's measures and fine, asked alike by the submission (第八条) and by the
head's record of a decision made without review: the classification (第六条, the catalogue)
reads both."""

from __future__ import annotations

from django import forms

from liuhen.rules.vocabulary import DECISION_MEASURES


def measures_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="决定措施",
        required=False,
        choices=list(DECISION_MEASURES.items()),
        widget=forms.CheckboxSelectMultiple,
    )


def fine_amount_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="罚款数额（元）", required=False, min_value=0, decimal_places=2, max_digits=14
    )
