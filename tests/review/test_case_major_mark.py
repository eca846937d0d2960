"""case_major_mark: a handler marks a case major by hand, with a reason; the timeline says so."""

from __future__ import annotations

import json

import pytest

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case
from liuhen.cases.services import case_timeline_document
from liuhen.ledger.models import LedgerEntry
from liuhen.review.models import MajorMark
from liuhen.review.services import case_major_mark
from tests.review.conftest import Desk


def test_marking_sets_the_case_fact_the_timeline_exports(henan: Desk) -> None:
    # given a case not major
    opened = henan.case()
    assert case_timeline_document(case=opened)["case"].get("major", False) is False
    # when a handler marks it major with a reason
    mark = case_major_mark(actor=henan.handler, case=opened, reason="涉及重大公共利益")
    # then the case is major, the export says so, the reason is kept and ledgered
    opened = Case.objects.get(pk=opened.pk)
    assert opened.major
    assert case_timeline_document(case=opened)["case"]["major"] is True
    assert MajorMark.objects.get(pk=mark.pk).reason == "涉及重大公共利益"
    entry = LedgerEntry.objects.filter(action="case.major_mark").latest("sequence")
    assert json.loads(entry.payload)["reason"] == "涉及重大公共利益"


def test_a_reason_is_required(henan: Desk) -> None:
    opened = henan.case()
    with pytest.raises(CaseInputError, match="说明理由"):
        case_major_mark(actor=henan.handler, case=opened, reason="  ")
    assert not Case.objects.get(pk=opened.pk).major


def test_a_member_without_a_case_role_cannot_mark(henan: Desk) -> None:
    with pytest.raises(CaseStateError):
        case_major_mark(actor=henan.outsider, case=henan.case(), reason="x")
