"""The head's record of a decision made without a passed legal review, with the reason."""

from __future__ import annotations

from django import forms

from liuhen.cases.forms.widgets import china_now_minute, china_time_field
from liuhen.review.forms.decision_fields import fine_amount_field, measures_field


class OverrideForm(forms.Form):
    at = china_time_field("作出决定的时间")
    measures = measures_field()
    fine_amount = fine_amount_field()
    reason = forms.CharField(
        label="未经法制审核记录的理由（必填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：在本平台启用前已作出的决定。记录后，规则引擎仍将未经审核报告为违法情形",
    )
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["at"].initial = china_now_minute
