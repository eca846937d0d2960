"""The platform's refusals of values the vocabulary allows but no real act has: an absurd number,
an interruption outside its recording, a fine without an amount. `liuhen check` (a public
contract) accepts them; a case recorded here does not. Messages are Chinese and name the field
by its label.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from liuhen.cases.errors import CaseInputError
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import CHINA, parse_time

# The largest number a field of the vocabulary may hold. Its only number is a fine in yuan: the
# largest fine ever imposed in China is below 2×10^10 yuan (182.28 亿元, 2021), so one above
# 10^12 (一万亿元) is a typing error. Far below 2^53, where JSON readers disagree on integers and
# the ledger refuses to hash one (a bare 500 before this bound).
NUMBER_LIMIT = 10**12

_FINE = "fine"


def numbers_check(type_name: str, fields: Mapping[str, Any]) -> None:
    """CaseInputError on a number field that is not finite or above NUMBER_LIMIT."""
    for name, spec in v.event_fields(type_name).items():
        value = fields.get(name)
        if spec.kind != "number" or value is None or isinstance(value, bool):
            continue
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise CaseInputError(name, f"“{spec.label}”应为有限的数字")
        if value > NUMBER_LIMIT:
            raise CaseInputError(
                name,
                f"“{spec.label}”过大：不能超过 {NUMBER_LIMIT:,}（一万亿），请检查是否多输了位数",
            )


def fine_amount_check(type_name: str, fields: Mapping[str, Any]) -> None:
    """A decision with 罚款 among its measures states the amount; one without states none."""
    if type_name != "decision.made":
        return
    specs = v.event_fields(type_name)
    label, measures_label = specs["fine_amount"].label, specs["measures"].label
    fined = _FINE in (fields.get("measures") or ())
    amount = fields.get("fine_amount")
    if fined and amount is None:
        raise CaseInputError(
            "fine_amount", f"“{measures_label}”包括{v.DECISION_MEASURES[_FINE]}：须填写“{label}”"
        )
    if not fined and amount is not None:
        raise CaseInputError(
            "fine_amount",
            f"“{measures_label}”不包括{v.DECISION_MEASURES[_FINE]}：“{label}”应留空",
        )


def _hm(moment: datetime) -> str:
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def interruptions_check(type_name: str, fields: Mapping[str, Any], *, end: datetime) -> None:
    """Each interruption of a recording lies within it (start to end) and resumes after it
    stopped."""
    if type_name != "av.recorded" or not fields.get("interruptions"):
        return
    specs = {f.name: f.label for f in v.INTERRUPTION_FIELDS}
    label = v.event_fields(type_name)["interruptions"].label
    start = parse_time(fields["start"])
    for number, item in enumerate(fields["interruptions"], start=1):
        stopped = parse_time(item["at"])
        resumed = parse_time(item["resumed_at"]) if item.get("resumed_at") else None
        where = f"“{label}”第 {number} 次中止："
        if stopped < start:
            problem = f"{specs['at']}（{_hm(stopped)}）早于录制开始（{_hm(start)}）"
        elif stopped > end:
            problem = f"{specs['at']}（{_hm(stopped)}）晚于录制结束（{_hm(end)}）"
        elif resumed is not None and resumed < stopped:
            problem = f"{specs['resumed_at']}（{_hm(resumed)}）早于{specs['at']}（{_hm(stopped)}）"
        elif resumed is not None and resumed > end:
            problem = f"{specs['resumed_at']}（{_hm(resumed)}）晚于录制结束（{_hm(end)}）"
        else:
            continue
        raise CaseInputError("interruptions", where + problem)
