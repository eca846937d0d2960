"""A decision states its fine exactly when its measures include 罚款: refused otherwise naming
the fine amount, except on import (another system's record of what it decided)."""

from __future__ import annotations

from typing import Any

import pytest

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record, case_import
from liuhen.ledger.models import LedgerEntry
from liuhen.rules.clock import format_time
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


@pytest.fixture
def opened(world: World) -> Case:
    return case(world.mangshi_emergency, at=days_ago(2))


BAD: list[tuple[dict[str, Any], str]] = [
    ({"measures": ["fine"]}, "“决定内容”包括罚款：须填写“罚款数额（元）”"),
    (
        {"measures": ["warning"], "fine_amount": 3000},
        "“决定内容”不包括罚款：“罚款数额（元）”应留空",
    ),
]


@pytest.mark.parametrize(("fields", "reason"), BAD)
def test_a_fine_without_amount_or_an_amount_without_fine_is_refused(
    opened: Case, fields: dict[str, Any], reason: str
) -> None:
    # given the case's events and ledger as they stand
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    # when the decision is recorded
    with pytest.raises(CaseInputError) as refused:
        case_event_record(
            actor=None, case=opened, type="decision.made", at=days_ago(1), fields=fields
        )
    # then the fine amount is named with what is wrong, and nothing was written
    assert refused.value.field == "fine_amount"
    assert refused.value.text == reason
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before


@pytest.mark.parametrize(
    "fields",
    [{"measures": ["warning", "fine"], "fine_amount": 3000}, {"measures": ["warning"]}],
)
def test_a_consistent_decision_is_accepted(opened: Case, fields: dict[str, Any]) -> None:
    event = case_event_record(
        actor=None, case=opened, type="decision.made", at=days_ago(1), fields=fields
    )
    assert event.fields == fields


def test_an_imported_decision_keeps_what_the_source_recorded(world: World) -> None:
    # when a timeline whose decision names a fine without an amount is imported
    imported = case_import(
        actor=None,
        agency=world.mangshi_emergency,
        source_name="外部系统",
        document={
            "format": "liuhen.case-timeline/1",
            "case": {"id": "外部 2026 第 17 号", "action": "penalty", "source": "ex_officio"},
            "events": [
                {"type": "case.initiated", "at": format_time(days_ago(3))},
                {"type": "decision.made", "at": format_time(days_ago(1)), "measures": ["fine"]},
            ],
        },
    )
    # then it is kept as it is
    decision = CaseEvent.objects.get(case=imported, type="decision.made")
    assert decision.fields == {"measures": ["fine"]}
