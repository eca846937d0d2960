"""The reviewer's forms (第九条 points, 第十条 powers, the outcome of 第十一条) and the head's
extension (第十三条)."""

from __future__ import annotations

from django import forms

from liuhen.review.rules import RETURN_GROUNDS, REVIEW_POWERS

SOUND_CHOICES = [("1", "无问题"), ("0", "存在问题")]


class PointForm(forms.Form):
    sound = forms.TypedChoiceField(
        label="结论",
        choices=SOUND_CHOICES,
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    opinion = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PowerForm(forms.Form):
    power = forms.ChoiceField(
        label="审核措施（henan-review 第十条）",
        choices=[(p.key, p.label) for p in REVIEW_POWERS],
    )
    detail = forms.CharField(
        label="情况说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PassForm(forms.Form):
    reasons = forms.CharField(
        label="审核意见（可选）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestions = forms.CharField(
        label="建议（可选）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label="不予通过的情形（henan-review 第十一条）",
        required=False,
        choices=[(g.key, g.label) for g in RETURN_GROUNDS],
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label="理由（具体审核意见）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    suggestions = forms.CharField(
        label="处理建议", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label="延长理由（案件复杂的情况）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="henan-review 第十三条：案件复杂的，经行政执法机关负责人批准可以延长",
    )
