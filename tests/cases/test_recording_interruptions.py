"""A recording's interruptions lie within the recording and resume after they stop: refused
otherwise on attaching, on correcting the recording and through the API, naming the field."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.presenters import event_lines
from liuhen.cases.services import case_event_correct, case_recording_attach
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from liuhen.ledger.models import LedgerEntry
from liuhen.rules.clock import CHINA
from tests.api.conftest import api_as
from tests.factories import case, staff
from tests.world import World

# a recording from 02:00 to 03:00 (China time) two days ago
DAY = (timezone.now() - dt.timedelta(days=2)).astimezone(CHINA).date()
START = dt.datetime(DAY.year, DAY.month, DAY.day, 2, 0, tzinfo=CHINA)
END = START + dt.timedelta(hours=1)


def _at(hour: int, minute: int) -> str:
    return START.replace(hour=hour, minute=minute).isoformat()


@pytest.fixture
def handler(world: World) -> User:
    return staff(world.mangshi_emergency, Role.HANDLER)


@pytest.fixture
def opened(world: World, handler: User) -> Case:
    return case(world.mangshi_emergency, actor=handler, at=START - dt.timedelta(days=1))


@pytest.fixture
def holding(world: World) -> EvidenceHolding:
    return evidence_ingest(
        actor=None,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"body camera recording"),
        filename="DSJ_0001.mp4",
    )


def _attach(opened: Case, holding: EvidenceHolding, interruption: dict[str, Any]) -> CaseEvent:
    return case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=START,
        end=END,
        notice_given=True,
        statement_given=True,
        interruptions=[interruption],
    )


BAD = [
    ({"at": _at(2, 30), "resumed_at": _at(2, 20)}, f"恢复时间（{DAY} 02:20）早于中止时间"),
    ({"at": _at(1, 50), "resumed_at": _at(2, 10)}, f"中止时间（{DAY} 01:50）早于录制开始"),
    ({"at": _at(3, 10), "resumed_at": None}, f"中止时间（{DAY} 03:10）晚于录制结束"),
    ({"at": _at(2, 50), "resumed_at": _at(3, 5)}, f"恢复时间（{DAY} 03:05）晚于录制结束"),
]


@pytest.mark.parametrize(("interruption", "reason"), BAD)
def test_an_impossible_interruption_is_refused_and_nothing_is_written(
    opened: Case, holding: EvidenceHolding, interruption: dict[str, Any], reason: str
) -> None:
    # given the case's events and ledger as they stand
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    # when a recording with that interruption is attached
    with pytest.raises(CaseInputError) as refused:
        _attach(opened, holding, interruption)
    # then the interruptions are named with what is wrong, and nothing was written
    assert refused.value.field == "interruptions"
    assert "“中止记录”第 1 次中止：" in refused.value.text
    assert reason in refused.value.text
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before


def test_an_interruption_within_the_recording_is_accepted_and_reads_with_its_resumption(
    opened: Case, holding: EvidenceHolding
) -> None:
    # when a recording interrupted from 02:30 to 02:40 is attached
    recorded = _attach(opened, holding, {"at": _at(2, 30), "resumed_at": _at(2, 40)})
    # then the timeline says when it stopped and when it resumed
    (line,) = [x for x in event_lines(recorded, {}) if x.label == "中止记录"]
    assert line.value == f"{DAY} 02:30 中止，{DAY} 02:40 恢复"


def test_a_correction_of_a_recording_with_an_impossible_interruption_is_refused(
    opened: Case, holding: EvidenceHolding, handler: User
) -> None:
    # given a recording without interruptions
    recorded = case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=START,
        end=END,
        notice_given=True,
        statement_given=True,
    )
    # when it is corrected to an interruption resumed before it stopped
    with pytest.raises(CaseInputError) as refused:
        case_event_correct(
            actor=handler,
            case=opened,
            event=recorded,
            at=END,
            fields={
                "start": START,
                "notice_given": True,
                "statement_given": True,
                "interruptions": [{"at": _at(2, 30), "resumed_at": _at(2, 20)}],
            },
            reason="补记中止",
        )
    # then it is refused naming the interruptions, and the original stands alone
    assert refused.value.field == "interruptions"
    assert not recorded.corrections.exists()


def test_the_api_answers_422_for_an_impossible_interruption(
    opened: Case, holding: EvidenceHolding, handler: User
) -> None:
    response = api_as(handler).post(
        f"/cases/{opened.pk}/recordings",
        {
            "holding_id": holding.pk,
            "start": START.isoformat(),
            "end": END.isoformat(),
            "notice_given": True,
            "statement_given": True,
            "interruptions": [{"at": _at(2, 30), "resumed_at": _at(2, 20)}],
        },
    )
    assert response.status_code == 422
    assert response.json()["field"] == "interruptions"
    assert not CaseEvent.objects.filter(case=opened, type="av.recorded").exists()
