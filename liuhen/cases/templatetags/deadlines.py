"""`{{ due|deadline }}`: a due time in China time, a midnight deadline as the last day's 24:00."""

from __future__ import annotations

import datetime as dt

from django import template

from liuhen.cases.presenters import deadline_text

register = template.Library()


@register.filter
def deadline(moment: dt.datetime | None) -> str:
    return deadline_text(moment)
