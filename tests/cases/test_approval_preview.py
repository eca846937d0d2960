"""The preview of an act awaiting approval: the violations approving it would add, computed as
the approval would make it take effect (liuhen.cases.approval_preview)."""

from __future__ import annotations

import pytest

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.approval_preview import approval_preview
from liuhen.cases.models import CaseEvent, EventStatus
from liuhen.cases.services import case_act_approve, case_event_record
from liuhen.cases.services.compliance import case_findings
from tests.cases.conftest import days_ago
from tests.factories import case, staff
from tests.world import World


@pytest.fixture
def people(world: World) -> dict[str, User]:
    agency = world.mangshi_emergency
    return {
        "handler": staff(agency, Role.HANDLER),
        "reviewer": staff(agency, Role.REVIEWER),
        "approver": staff(agency, Role.APPROVER),
    }


@pytest.fixture
def decided(world: World, people: dict[str, User]) -> CaseEvent:
    """A decision recorded with no prior notice (事先告知) and no draft, awaiting review."""
    opened = case(world.mangshi_emergency, actor=people["handler"], at=days_ago(3))
    case_event_record(actor=people["handler"], case=opened, type="inquiry", at=days_ago(2))
    return case_event_record(
        actor=people["handler"],
        case=opened,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["fine"], "fine_amount": 20000},
    )


def _violations(event: CaseEvent) -> list[tuple[str, str, str]]:
    found = case_findings(case=event.case, as_of=days_ago(0))
    return sorted((f.rule, f.regulation, f.article) for f in found.violations)


def test_the_preview_names_exactly_the_violations_the_approval_then_adds(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    # given the decision reviewed and awaiting the head's approval
    case_act_approve(actor=people["reviewer"], event=decided, step="review", outcome="approved")
    decided.refresh_from_db()
    before = _violations(decided)
    # when the head looks at the preview, then approves
    preview = approval_preview(case=decided.case, event=decided)
    case_act_approve(actor=people["approver"], event=decided, step="approve", outcome="approved")
    decided.refresh_from_db()
    assert decided.status == EventStatus.EFFECTIVE
    # then the preview named each violation the approval added, with regulation and article
    added = sorted((f.rule, f.regulation, f.article) for f in preview.violations)
    assert added
    assert sorted(before + added) == _violations(decided)
    assert any(f.regulation == "dehong-record" and f.article for f in preview.violations)


def test_the_preview_reads_only(decided: CaseEvent) -> None:
    # given a decision awaiting review
    events_before = list(decided.case.events.values_list("pk", "status", "at"))
    # when its preview is computed
    approval_preview(case=decided.case, event=decided)
    # then nothing was written
    assert list(decided.case.events.values_list("pk", "status", "at")) == events_before
