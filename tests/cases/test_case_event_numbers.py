"""Numbers of the vocabulary: one that is not finite or absurdly large (a typing error) is
refused naming the field in Chinese, on every path, and nothing is written."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.ledger.models import LedgerEntry
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


@pytest.fixture
def opened(world: World) -> Case:
    return case(world.mangshi_emergency, at=days_ago(2))


@pytest.mark.parametrize("amount", [10**20, 1e30, 10**12 + 1])
def test_an_absurd_fine_is_refused_naming_the_field(opened: Case, amount: float) -> None:
    # given the case's events and ledger as they stand
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    # when a decision with an absurd fine is recorded
    with pytest.raises(CaseInputError) as refused:
        case_event_record(
            actor=None,
            case=opened,
            type="decision.made",
            at=days_ago(1),
            fields={"measures": ["fine"], "fine_amount": amount},
        )
    # then the fine amount is named in Chinese, and nothing was written
    assert refused.value.field == "fine_amount"
    assert "“罚款数额（元）”过大" in refused.value.text
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before


def test_a_fine_at_the_bound_is_accepted(opened: Case) -> None:
    event = case_event_record(
        actor=None,
        case=opened,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["fine"], "fine_amount": 10**12},
    )
    assert event.fields["fine_amount"] == 10**12
