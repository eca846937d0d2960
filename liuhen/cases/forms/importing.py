"""Importing timeline files of another system: the agency and one or more JSON files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from liuhen.agencies.models import Agency


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".json,application/json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class TimelineImportForm(forms.Form):
    agency = forms.ModelChoiceField(label="导入到执法主体", queryset=Agency.objects.none())
    timelines = MultipleFileField(label="时间线文件（liuhen.case-timeline/1，可多选）")
    title = forms.CharField(
        label="案由",
        max_length=200,
        required=False,
        help_text="导入一个文件时可填写；不填则为“导入案件 案号”",
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        if agencies.count() == 1:
            field.initial = agencies.first()
