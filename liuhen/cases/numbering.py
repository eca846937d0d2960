"""案号: generated per agency and year from `LIUHEN_CASE_NUMBER_PATTERN`, gap-free.

The counter row is locked (SELECT … FOR UPDATE) for the rest of the opening transaction, so two
cases opened at once get consecutive numbers, and a failed opening gives its number back.
"""

from __future__ import annotations

from django.conf import settings

from liuhen.agencies.models import Agency
from liuhen.cases.models import CaseNumberCounter

ACTION_CHARS = {
    "license": "许",
    "penalty": "罚",
    "compulsory": "强",
    "levy": "征",
    "requisition": "用",
    "fee": "费",
    "payment": "给",
    "confirmation": "确",
    "registration": "登",
    "adjudication": "裁",
    "inspection": "检",
    "other": "执",
}


def case_number_next(*, agency: Agency, year: int, action: str) -> str:
    """The next 案号 for `agency` in `year`; call inside the opening transaction."""
    counter, _ = CaseNumberCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return str(settings.LIUHEN_CASE_NUMBER_PATTERN).format(
        agency_short=agency.short_name or agency.name,
        action_char=ACTION_CHARS.get(action, "执"),
        year=year,
        seq=counter.last,
    )
