"""案号: generated per agency and year from `LIUHEN_CASE_NUMBER_PATTERN`, gap-free.

The counter row is locked (SELECT … FOR UPDATE) for the rest of the opening transaction, so two
cases opened at once get consecutive numbers, and a failed opening gives its number back.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from django.conf import settings

from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseNumberCounter

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


def _format(agency: Agency, *, action_char: str, year: int, seq: int) -> str:
    return str(settings.LIUHEN_CASE_NUMBER_PATTERN).format(
        agency_short=agency.short_name or agency.name,
        action_char=action_char,
        year=year,
        seq=seq,
    )


def case_number_next(*, agency: Agency, year: int, action: str) -> str:
    """The next 案号 for `agency` in `year`; call inside the opening transaction. A number
    already taken (a case imported before imports advanced the counter) is skipped."""
    counter, _ = CaseNumberCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    while True:
        counter.last += 1
        number = _format(
            agency, action_char=ACTION_CHARS.get(action, "执"), year=year, seq=counter.last
        )
        if not Case.objects.filter(agency=agency, number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    year: int | None  # None: the pattern has no year
    seq: int


def case_number_parse(*, agency: Agency, number: str) -> ParsedNumber | None:
    """The year and sequence of `number` if it is exactly a number the agency's pattern
    generates (any action character), else None."""
    fields: dict[str, str] = {
        "agency_short": re.escape(agency.short_name or agency.name),
        "action_char": "|".join(re.escape(c) for c in sorted({*ACTION_CHARS.values(), "执"})),
        "year": r"\d{4}",
        "seq": r"\d+",
    }
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _spec, _conversion in string.Formatter().parse(
        str(settings.LIUHEN_CASE_NUMBER_PATTERN)
    ):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name not in fields:
            return None
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{fields[name]})")
        seen.add(name)
    match = re.fullmatch("".join(parts), number)
    if match is None or "seq" not in seen:
        return None
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    seq = int(groups["seq"])
    action_char = groups.get("action_char") or "执"
    # "17号" is not what "{seq:04d}" generates: such a number never collides with one
    if _format(agency, action_char=action_char, year=year or 0, seq=seq) != number:
        return None
    return ParsedNumber(year, seq)


def case_number_reserve(*, agency: Agency, number: str) -> ParsedNumber | None:
    """For an imported case: if `number` is one the agency's pattern will generate, advance
    that year's counter past it (locked, inside the import's transaction), so a later opening
    does not collide. CaseInputError if it parses but names no year (the counter to advance is
    unknown)."""
    parsed = case_number_parse(agency=agency, number=number)
    if parsed is None:
        return None
    if parsed.year is None:
        raise CaseInputError(
            "case.id",
            f"案号“{number}”符合本单位的案号格式但不含年度，导入后会与今后登记的案号冲突："
            "请在原系统中核对案号后再导入",
        )
    counter, _ = CaseNumberCounter.objects.select_for_update().get_or_create(
        agency=agency, year=parsed.year
    )
    if counter.last < parsed.seq:
        counter.last = parsed.seq
        counter.save(update_fields=["last"])
    return parsed
