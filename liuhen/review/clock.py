"""The review period (henan-review 第十三条), counted exactly as the rules engine counts it: the
period and its extension are read from the regulation pack (REVIEW_PERIOD_DUTY), in working days
of the State Council's holiday schedule (liuhen.rules.calendar)."""

from __future__ import annotations

from datetime import datetime

from liuhen.review.rules import REVIEW_PERIOD_DUTY
from liuhen.rules.calendar import current_calendar
from liuhen.rules.mechanisms.base import DeadlineSpec
from liuhen.rules.packs import load_packs


def review_period() -> DeadlineSpec:
    regulation, duty_id = REVIEW_PERIOD_DUTY
    duty = next(d for d in load_packs()[regulation].duties if d.id == duty_id)
    assert duty.deadline is not None
    return duty.deadline


def review_due(received_at: datetime, *, extended: bool = False) -> datetime:
    """The end of the period from the receipt of the materials (the receipt day not counted),
    with the extension when the head approved one."""
    spec = review_period()
    period = spec.period
    if extended and spec.extension is not None:
        period = period.extended(spec.extension)
    return period.due(received_at, current_calendar(), set())


def review_period_text(*, extended: bool = False) -> str:
    spec = review_period()
    period = spec.period
    if extended and spec.extension is not None:
        period = period.extended(spec.extension)
    return period.describe()
