"""Importing a case timeline recorded by another system: all or nothing, times kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case
from liuhen.cases.numbering import case_number_reserve
from liuhen.cases.services.compliance import case_compliance_refresh
from liuhen.cases.services.events import (
    CLOCK_SKEW,
    Draft,
    draft_save,
    drafts_validate,
    effects_apply,
)
from liuhen.ledger.services import ledger_append
from liuhen.rules import parse_timeline
from liuhen.rules.clock import parse_time
from liuhen.rules.timeline import TimelineError


@transaction.atomic
def case_import(
    *,
    actor: User | None,
    agency: Agency,
    document: Mapping[str, Any],
    source_name: str,
    title: str = "",
) -> Case:
    """Create a case from a timeline document of another system (docs/spec/case-timeline.md).

    The document must be valid as `liuhen check` reads it, name the agency's profile (or none),
    and carry a 案号 not yet used in the agency. A 案号 the agency's own pattern generates
    advances that year's counter past it, so later openings do not collide. Every event is kept
    with its time and id (ids are given to those without one), marked imported, and effective
    (it happened elsewhere: no approval chain here). The vocabulary carries no parties: an
    imported case keeps what its file says and starts with none (`case_party_add` adds them);
    the one-party rule of `case_open` does not apply. All or nothing: a refusal leaves no trace.
    Side effects: Case and CaseEvent rows, the CaseNumberCounter advanced where the number is
    the agency's own, a ledger entry for the import and one per event, the stage as the events
    imply, the compliance cache.
    """
    try:
        parse_timeline(document, source=source_name)
    except TimelineError as error:
        raise CaseInputError("document", f"时间线文件有误：{error}") from None
    profile = document.get("profile")
    if profile is not None and profile != agency.profile:
        raise CaseInputError(
            "profile",
            f"文件适用规定组合为“{profile}”，而{agency.name}适用“{agency.profile or '无'}”，"
            "不能导入",
        )
    facts = document["case"]
    number = str(facts["id"]).strip()
    if Case.objects.filter(agency=agency, number=number).exists():
        raise CaseInputError("case.id", f"{agency.name}已有案号为“{number}”的案件")
    # a number of the agency's own pattern: later openings must count past it
    reserved = case_number_reserve(agency=agency, number=number)
    now = timezone.now()
    events = document["events"]
    for index, raw in enumerate(events):
        if parse_time(raw["at"]) > now + CLOCK_SKEW:
            raise CaseInputError("at", f"events[{index}] 的时间晚于当前时间")
    title = title.strip() or f"导入案件 {number}"
    case = Case.objects.create(
        agency=agency,
        number=number,
        title=title[:200],
        action=facts["action"],
        procedure=facts.get("procedure", "general"),
        source=facts["source"],
        major=facts.get("major", False),
        major_incident=facts.get("major_incident", False),
        complex=facts.get("complex", False),
        profile=agency.profile,
        opened_at=now,
        opened_by=actor,
        imported_from=source_name[:200],
    )
    ledger_append(
        actor=actor,
        action="case.import",
        target=case,
        payload={
            "number": number,
            "agency": agency,
            "source": source_name,
            "events": len(events),
            "counter": [reserved.year, reserved.seq] if reserved else None,
        },
    )
    drafts = [
        Draft(
            type=raw["type"],
            at=parse_time(raw["at"]),
            fields={k: x for k, x in raw.items() if k not in ("type", "at", "id")},
            event_id=raw.get("id") or "",
            imported=True,
        )
        for raw in events
    ]
    drafts_validate(case, drafts)
    for draft in drafts:
        if draft.type == "case.archived" and not any(d.type == "case.closed" for d in drafts):
            raise CaseStateError("文件记录了立卷归档，但没有结案记录")
        draft_save(case, draft, actor=actor, now=now, approval=False)
    effects_apply(case, actor=actor)
    case_compliance_refresh(case=case, as_of=now)
    return case
