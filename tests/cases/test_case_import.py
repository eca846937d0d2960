"""case_import: another system's timeline, all or nothing, times and ids kept."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, Stage
from liuhen.cases.services import case_import, case_timeline_document
from liuhen.ledger.models import LedgerEntry
from tests.world import World

DOCUMENT: dict[str, Any] = {
    "format": "liuhen.case-timeline/1",
    "profile": "mangshi",
    "case": {"id": "芒应急罚〔2026〕17号", "action": "penalty", "source": "ex_officio"},
    "events": [
        {"type": "case.initiated", "at": "2026-03-02T09:00:00+08:00", "urgent": True},
        {"type": "initiation.approved", "at": "2026-03-02T15:00:00+08:00"},
        {
            "type": "av.recorded",
            "id": "av1",
            "start": "2026-03-02T10:00:00+08:00",
            "at": "2026-03-02T11:00:00+08:00",
            "notice_given": True,
            "statement_given": True,
        },
        {
            "type": "onsite_inspection",
            "id": "ins1",
            "at": "2026-03-02T10:30:00+08:00",
            "av": ["av1"],
        },
        {"type": "av.stored", "of": "av1", "at": "2026-03-03T09:00:00Z"},
    ],
}


def test_an_import_keeps_times_and_ids_and_marks_events_imported(world: World) -> None:
    case = case_import(
        actor=None, agency=world.mangshi_emergency, document=DOCUMENT, source_name="old.json"
    )
    events = list(CaseEvent.objects.filter(case=case).order_by("position"))
    assert [e.event_id for e in events] == ["e1", "e2", "av1", "ins1", "e5"]
    assert all(e.imported for e in events)
    exported = case_timeline_document(case=case)
    assert exported["case"]["id"] == "芒应急罚〔2026〕17号"
    stored = next(e for e in exported["events"] if e["type"] == "av.stored")
    assert stored["at"] == "2026-03-03T17:00:00+08:00"  # the same instant, in China time
    assert (case.stage, case.imported_from) == (Stage.INVESTIGATION, "old.json")


def test_a_bad_event_anywhere_imports_nothing(world: World) -> None:
    bad = copy.deepcopy(DOCUMENT)
    bad["events"][4]["of"] = "ins1"  # not a recording
    entries = LedgerEntry.objects.count()
    with pytest.raises(CaseInputError, match=r"events\[4\]\.of"):
        case_import(
            actor=None, agency=world.mangshi_emergency, document=bad, source_name="bad.json"
        )
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert LedgerEntry.objects.count() == entries


def test_another_profile_is_refused_with_both_named(world: World) -> None:
    other = {**DOCUMENT, "profile": "guangdong"}
    with pytest.raises(CaseInputError, match=r"guangdong.*mangshi"):
        case_import(actor=None, agency=world.mangshi_emergency, document=other, source_name="x")
    assert not Case.objects.exists()


def test_a_number_already_used_is_refused(world: World) -> None:
    case_import(actor=None, agency=world.mangshi_emergency, document=DOCUMENT, source_name="a")
    with pytest.raises(CaseInputError, match="已有案号"):
        case_import(actor=None, agency=world.mangshi_emergency, document=DOCUMENT, source_name="b")
    assert Case.objects.count() == 1


def test_imported_acts_skip_the_approval_chain(world: World) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["events"].append(
        {"type": "decision.made", "at": "2026-03-20T09:00:00+08:00", "measures": ["warning"]}
    )
    case = case_import(
        actor=None, agency=world.mangshi_emergency, document=document, source_name="c"
    )
    assert CaseEvent.objects.get(case=case, type="decision.made").status == "effective"


def test_an_imported_case_keeps_what_its_file_says_even_without_parties(world: World) -> None:
    # the timeline vocabulary carries no parties: the import is not refused for lacking one
    case = case_import(
        actor=None, agency=world.mangshi_emergency, document=DOCUMENT, source_name="old.json"
    )
    assert not case.parties.exists()
