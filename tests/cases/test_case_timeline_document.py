"""case_timeline_document: the spec's format; it round-trips through parse_timeline and
`liuhen check` on the exported file says what case_findings says."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record, case_findings, case_timeline_document
from liuhen.rules import parse_timeline
from liuhen.rules.cli import main as rules_main
from liuhen.rules.clock import format_time
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


@pytest.fixture
def recorded(world: World) -> Case:
    opened = case(world.mangshi_emergency, at=days_ago(20), major=True)
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=days_ago(19, hours=-1),
        fields={"start": days_ago(19), "notice_given": True},
    )
    case_event_record(actor=None, case=opened, type="onsite_inspection", at=days_ago(19), av=["e2"])
    case_event_record(
        actor=None, case=opened, type="av.stored", at=days_ago(10), fields={"of": "e2"}
    )
    case_event_record(
        actor=None,
        case=opened,
        type="evidence_preservation",
        at=days_ago(18),
        fields={"reason": True},
    )
    return opened


def test_the_document_has_the_spec_shape(recorded: Case) -> None:
    document = case_timeline_document(case=recorded)
    assert document["format"] == "liuhen.case-timeline/1"
    assert document["profile"] == "mangshi"
    assert document["case"] == {
        "id": recorded.number,
        "action": "penalty",
        "procedure": "general",
        "source": "ex_officio",
        "major": True,
        "major_incident": False,
        "complex": False,
    }
    assert [e["id"] for e in document["events"]] == ["e1", "e3", "e2", "e5", "e4"]
    assert all(e["at"].endswith("+08:00") for e in document["events"])


def test_the_document_round_trips_through_the_parser(recorded: Case) -> None:
    document = case_timeline_document(case=recorded)
    timeline = parse_timeline(json.dumps(document, ensure_ascii=False), source="export.json")
    assert timeline.case.id == recorded.number
    assert [e.id for e in timeline.events] == [e["id"] for e in document["events"]]
    assert timeline.by_id["e2"].values["notice_given"] is True


def test_liuhen_check_on_the_exported_file_says_what_the_platform_says(
    recorded: Case, tmp_path: Path
) -> None:
    # given the exported file and a moment to judge it at
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_timeline_document(case=recorded), ensure_ascii=False))
    as_of = days_ago(0)
    # when `liuhen check` reads it
    out = io.StringIO()
    with redirect_stdout(out):
        status = rules_main(["check", str(path), "--as-of", format_time(as_of), "--format", "json"])
    # then its findings are the platform's own, and the late storage is among them
    expected = case_findings(case=recorded, as_of=as_of)
    assert json.loads(out.getvalue()) == expected.to_document()
    assert status == 1
    assert any("e2" in f.events and f.severity == "violation" for f in expected.findings)


def test_acts_awaiting_approval_are_not_exported(recorded: Case) -> None:
    case_event_record(
        actor=None,
        case=recorded,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["fine"], "fine_amount": 3000},
    )
    types = [e["type"] for e in case_timeline_document(case=recorded)["events"]]
    assert "decision.made" not in types
