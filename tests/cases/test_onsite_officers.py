"""On-site acts need two officers of the case with valid certificates (行政处罚法 第四十二条,
行政强制法 第十八条): refused, citing the law, and nothing written."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liuhen.agencies.models import OfficerStatus
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import CaseEvent, CaseOfficer
from liuhen.cases.services import case_event_record
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


def test_an_onsite_inspection_by_one_officer_is_refused_citing_the_law(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    with pytest.raises(CaseStateError) as refused:
        case_event_record(actor=None, case=opened, type="onsite_inspection", at=days_ago(0.5))
    assert "xingzheng-chufa-fa 第四十二条" in str(refused.value)
    assert "现有执法证有效的承办人员 1 名" in str(refused.value)
    assert not CaseEvent.objects.filter(type="onsite_inspection").exists()


def test_a_compulsory_measure_cites_the_compulsion_law(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    with pytest.raises(CaseStateError, match="xingzheng-qiangzhi-fa 第十八条"):
        case_event_record(
            actor=None,
            case=opened,
            type="compulsory_measure",
            at=days_ago(0.5),
            fields={"measure": "seal"},
        )


def test_an_officer_whose_certificate_is_suspended_does_not_count(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=2)
    suspended = CaseOfficer.objects.filter(case=opened).last()
    assert suspended is not None
    suspended.officer.status = OfficerStatus.SUSPENDED
    suspended.officer.save()
    with pytest.raises(CaseStateError):
        case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(0.5))


def test_an_officer_released_from_the_case_does_not_count(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=2)
    CaseOfficer.objects.filter(case=opened, role="assistant").update(released_at=timezone.now())
    with pytest.raises(CaseStateError):
        case_event_record(actor=None, case=opened, type="sampling", at=days_ago(0.5))


def test_two_officers_may_inspect(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=2)
    event = case_event_record(actor=None, case=opened, type="onsite_inspection", at=days_ago(0.5))
    assert event.type == "onsite_inspection"


def test_a_desk_act_needs_no_second_officer(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    event = case_event_record(actor=None, case=opened, type="rights_notice", at=days_ago(0.5))
    assert event.type == "rights_notice"
