"""case_event_record: the vocabulary's rules hold exactly as `liuhen check` applies them, and a
refused event leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.ledger.models import LedgerEntry
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


@pytest.fixture
def opened(world: World) -> Case:
    opened = case(world.mangshi_emergency, at=days_ago(2))
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=days_ago(1, hours=-1),
        fields={"start": days_ago(1), "notice_given": True, "statement_given": True},
    )
    return opened


def test_an_event_is_numbered_and_stored_in_china_time(opened: Case) -> None:
    event = case_event_record(
        actor=None,
        case=opened,
        type="rectification.ordered",
        at=days_ago(1),
        fields={"due": dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)},
        av=["e2"],
        note="责令限期改正",
    )
    assert event.event_id == "e3"
    assert event.fields == {
        "due": "2026-12-01T09:00:00+08:00",
        "av": ["e2"],
        "note": "责令限期改正",
    }


BAD: list[tuple[str, dict[str, Any], str, str]] = [
    ("onsite_inspection", {"colour": "red"}, "colour", "不是该类记录的字段"),
    ("compulsory_measure", {"measure": "arrest"}, "measure", "不是允许的取值"),
    ("compulsory_measure", {}, "measure", "必须填写"),
    ("statement", {"waived": "true"}, "waived", "应为“是”或“否”"),
    ("onsite_inspection", {"av": ["e99"]}, "av", "引用的记录不存在"),
    ("av.stored", {"of": "e1"}, "of", "引用的记录类型不对"),
    ("rectification.ordered", {"due": "2026-12-01T09:00:00"}, "due", "时间缺少时区"),
    (
        "av.recorded",
        {"start": "2026-11-30T09:00:00+08:00"},
        "start",
        "“开始时间”晚于结束时间",
    ),
]


@pytest.mark.parametrize(("type_name", "fields", "field", "reason"), BAD)
def test_a_bad_event_is_refused_naming_the_field_and_nothing_is_written(
    opened: Case, type_name: str, fields: dict[str, Any], field: str, reason: str
) -> None:
    # given the case's events and ledger as they stand
    events, entries = CaseEvent.objects.count(), LedgerEntry.objects.count()
    # when a bad event is recorded
    with pytest.raises(CaseInputError) as refused:
        case_event_record(
            actor=None,
            case=opened,
            type=type_name,
            at=dt.datetime(2026, 11, 1, 9, 0, tzinfo=CHINA),
            fields=fields,
        )
    # then the error names the field in Chinese, and nothing was written
    assert refused.value.field == field
    assert reason in str(refused.value)
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == (events, entries)


def test_an_unknown_type_is_refused(opened: Case) -> None:
    with pytest.raises(CaseInputError, match="未知的记录类型"):
        case_event_record(actor=None, case=opened, type="coffee", at=days_ago(1))


def test_a_naive_time_is_refused(opened: Case) -> None:
    with pytest.raises(CaseInputError) as refused:
        case_event_record(
            actor=None,
            case=opened,
            type="inquiry",
            at=dt.datetime(2026, 3, 2, 9, 0),  # noqa: DTZ001 (the point of the test)
        )
    assert refused.value.field == "at"


def test_an_act_in_the_future_is_refused(opened: Case) -> None:
    with pytest.raises(CaseInputError, match="晚于当前时间"):
        case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(-0.01))
    assert not CaseEvent.objects.filter(type="inquiry").exists()


def test_nothing_is_recorded_on_an_archived_case(opened: Case) -> None:
    # given a closed and archived case
    case_event_record(actor=None, case=opened, type="case.closed", at=days_ago(0.5))
    case_event_record(actor=None, case=opened, type="case.archived", at=days_ago(0.4))
    # when anything more is recorded, it is refused
    with pytest.raises(CaseStateError, match="已归档"):
        case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(0.3))


def test_archiving_needs_the_case_closed(opened: Case) -> None:
    with pytest.raises(CaseStateError, match="尚未结案"):
        case_event_record(actor=None, case=opened, type="case.archived", at=days_ago(0.5))
    assert not CaseEvent.objects.filter(type="case.archived").exists()


def test_each_event_has_its_ledger_entry_with_its_content(opened: Case) -> None:
    event = case_event_record(
        actor=None,
        case=opened,
        type="compulsory_measure",
        at=days_ago(1),
        fields={"measure": "seal"},
    )
    entry = LedgerEntry.objects.get(sequence=event.ledger_sequence)
    assert (entry.action, entry.object_id) == ("case.event_record", str(event.pk))
    assert '"measure":"seal"' in entry.payload
