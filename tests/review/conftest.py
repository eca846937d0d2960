"""Legal review on the database: agencies under each profile with their people, cases, and
complete submission materials."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record, case_officer_assign
from liuhen.evidence.services import evidence_ingest
from liuhen.evidence.stores import evidence_stores_reset
from liuhen.review.models import LegalReview
from liuhen.review.rules import REPORT_ITEMS, REVIEW_POINTS
from liuhen.review.services import (
    ReviewMaterials,
    review_point_record,
    review_start,
    review_submit,
)
from tests.cases.conftest import days_ago
from tests.factories import case, department, government, staff


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    evidence_stores_reset()
    yield tmp_path / "evidence"
    evidence_stores_reset()


@dataclass
class Desk:
    """An agency under one profile: a handler (an officer of its cases), a legal reviewer, a
    head (负责人), and a member with no case-work role."""

    agency: Agency
    handler: User
    reviewer: User
    head: User
    outsider: User

    def case(self, **options: object) -> Case:
        opened = case(self.agency, at=days_ago(10), **options)  # type: ignore[arg-type]
        officer = Officer.objects.get(user=self.handler)
        case_officer_assign(actor=None, case=opened, officer=officer, role="assistant")
        return opened

    def materials(self, **changes: object) -> ReviewMaterials:
        holding = evidence_ingest(
            actor=self.handler,
            agency=self.agency,
            source=io.BytesIO(b"inquiry record " + str(id(changes)).encode()),
            filename="询问笔录.pdf",
        )
        complete = ReviewMaterials(
            decision_text="拟给予警告并处罚款",
            measures=["warning", "fine"],
            fine_amount=3000,
            report={item.key: f"{item.label}：详见报告" for item in REPORT_ITEMS},
            evidence=[holding],
        )
        return replace(complete, **changes)  # type: ignore[arg-type]

    def submit(self, opened: Case, **changes: object) -> LegalReview:
        return review_submit(actor=self.handler, case=opened, materials=self.materials(**changes))

    def in_review(self, opened: Case, *, sound: bool = True, **changes: object) -> LegalReview:
        review = review_start(actor=self.reviewer, review=self.submit(opened, **changes))
        for point in REVIEW_POINTS:
            review_point_record(
                actor=self.reviewer,
                review=review,
                point=point.key,
                sound=sound,
                opinion=f"经审查，{point.label}：符合规定",
            )
        return review


def decide(opened: Case, measures: list[str], **fields: object) -> CaseEvent:
    """Record the case's decision now (what the gate is asked about)."""
    return case_event_record(
        actor=None,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": measures, **fields},
    )


_counter = iter(range(1, 10_000))


def desk(profile: str) -> Desk:
    n = next(_counter)
    seat = government(f"测试{profile}人民政府{n}", level="county", profile=profile)
    agency = department(
        f"测试{profile}市场监管局{n}", government=seat, system="市场监管", profile=profile
    )
    return Desk(
        agency=agency,
        handler=staff(agency, Role.HANDLER),
        reviewer=staff(agency, Role.LEGAL_REVIEWER),
        head=staff(agency, Role.APPROVER),
        outsider=staff(agency),
    )


@pytest.fixture
def henan(db: None) -> Desk:
    return desk("henan")


@pytest.fixture
def fangcheng(db: None) -> Desk:
    return desk("fangcheng")


@pytest.fixture
def dehong(db: None) -> Desk:
    return desk("dehong")


@pytest.fixture
def guangdong(db: None) -> Desk:
    return desk("guangdong")
