"""bench/case_data.py writes what the services write: a valid ledger chain and the compliance
cache exactly as `case_compliance_refresh` stores it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from bench.case_data import generate
from liuhen.accounts.roles import Role
from liuhen.cases.models import Case, CaseCompliance, CaseDue, CaseEvent, CaseNumberCounter
from liuhen.cases.services import case_findings
from liuhen.cases.services.compliance import cached_document, compliance_dues
from liuhen.ledger.models import LedgerEntry
from liuhen.ledger.verification import ledger_verify
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(settings: Any, tmp_path: Path) -> None:
    settings.LIUHEN_LEDGER_PUBLISH_DIR = tmp_path / "published"
    city = factories.government("芒市人民政府", level="county", profile="mangshi")
    for name, profile in (("芒市应急管理局", "mangshi"), ("芒市市场监督管理局", "henan")):
        agency = factories.department(name, government=city, profile=profile)
        factories.staff(agency, Role.HANDLER)
        factories.officer(agency, name="张强")


def test_generated_cases_keep_the_ledger_chain_valid(agencies: None) -> None:
    # given a ledger that already has entries (the agencies, users and officers)
    before = LedgerEntry.objects.count()
    assert before > 0

    # when 200 cases are generated in batches of 64
    totals = generate(200, seed=7, batch_size=64)

    # then every case and event has its entry, and the chain verifies from genesis
    assert Case.objects.count() == totals.cases == 200
    assert CaseEvent.objects.count() == totals.events > 200 * 20
    assert LedgerEntry.objects.count() == before + totals.entries
    assert totals.entries > totals.cases + totals.events
    assert not CaseEvent.objects.filter(ledger_sequence__isnull=True).exists()
    report = ledger_verify()
    assert report.ok, report.problems[:3]


def test_stored_compliance_is_what_the_rules_engine_says(agencies: None) -> None:
    as_of = timezone.now() - dt.timedelta(minutes=1)
    generate(200, seed=11, batch_size=100, as_of=as_of)

    cases = list(Case.objects.select_related("compliance").order_by("id"))
    open_cases = [c for c in cases if c.closed_at is None]
    assert open_cases, "some cases are still running"
    for case in [*cases[:20], *open_cases[:20]]:
        stored = case.compliance
        findings = case_findings(case=case, as_of=stored.computed_at)
        assert stored.findings == cached_document(findings)
        expected = {
            (d.duty, d.due_at, d.status) for d in compliance_dues(case, findings, as_of=as_of)
        }
        assert set(CaseDue.objects.filter(case=case).values_list("duty", "due_at", "status")) == (
            expected
        )
    assert CaseCompliance.objects.count() == 200


def test_case_numbers_continue_the_agency_counters(agencies: None) -> None:
    generate(30, seed=3, batch_size=30)

    numbers = list(Case.objects.values_list("agency_id", "number"))
    assert len(set(numbers)) == 30
    for counter in CaseNumberCounter.objects.all():
        mine = Case.objects.filter(agency_id=counter.agency_id, number__contains=str(counter.year))
        assert counter.last == mine.count()
