"""The demo cases: one per situation a demo log-in should see, loaded once, through the services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.evidence.stores import evidence_stores_reset
from liuhen.ledger.verification import ledger_verify
from liuhen.workbench.demo import demo_load
from liuhen.workbench.demo_cases import DEMO_CASES, demo_cases_load


@pytest.fixture
def demo(db: None, settings, tmp_path: Path) -> Iterator[int]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    evidence_stores_reset()
    demo_load()
    yield demo_cases_load()
    evidence_stores_reset()


def test_every_demo_case_is_created(demo: int) -> None:
    assert demo == len(DEMO_CASES)
    assert set(Case.objects.values_list("title", flat=True)) == {t for _, t, _ in DEMO_CASES}


def test_loading_again_creates_nothing(demo: int) -> None:
    events = CaseEvent.objects.count()
    assert demo_cases_load() == 0
    assert CaseEvent.objects.count() == events


def test_the_case_done_by_the_book_has_no_finding(demo: int) -> None:
    clean = Case.objects.get(title="芒市某化工有限公司未按规定开展安全生产教育培训案")
    assert clean.archived_at is not None
    assert (clean.compliance.violations, clean.compliance.pending) == (0, 0)


def test_the_late_storage_shows_a_violation_citing_its_article(demo: int) -> None:
    late = Case.objects.get(title="芒市某烟花爆竹经营部储存场所安全检查")
    (entry,) = late.compliance.findings["cases"]
    violations = {
        (f["regulation"], f["article"]) for f in entry["findings"] if f["severity"] == "violation"
    }
    # stored five days after the recording: late under both texts, each citing its own article
    assert {("dehong-record", "第二十九条"), ("mangshi-record", "第十六条")} <= violations


def test_the_live_decision_waits_for_the_heads_approval(demo: int) -> None:
    live = Case.objects.get(title="芒市某加油站未按规定设置安全警示标志案")
    decision = CaseEvent.objects.get(case=live, type="decision.made")
    assert decision.status == EventStatus.AWAITING
    assert [a.step for a in decision.approvals.all()] == ["review"]


def test_the_live_recording_is_stored_at_the_servers_ingest_time(demo: int) -> None:
    live = Case.objects.get(title="芒市某加油站未按规定设置安全警示标志案")
    recorded = CaseEvent.objects.get(case=live, type="av.recorded")
    stored = CaseEvent.objects.get(case=live, type="av.stored")
    assert stored.at == recorded.documents.get().holding.added_at
    assert recorded.documents.get().holding.object.media["readable"] is True
    assert not stored.imported


def test_the_ledger_stays_valid(demo: int) -> None:
    assert ledger_verify().ok
