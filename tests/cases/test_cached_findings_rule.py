"""The compliance cache keeps each finding's duty id, and the page finds the quote by it; a cache
written before ids were kept still reads (by regulation, article and duty text)."""

from __future__ import annotations

from django.utils import timezone

from liuhen.cases.models import CaseDue
from liuhen.cases.presenters import finding_views
from liuhen.cases.services import case_event_record
from liuhen.rules import load_packs
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


def test_each_cached_finding_carries_its_duty_id(world: World) -> None:
    # given a case with a recording not yet catalogued or backed up (findings with deadlines)
    opened = case(world.mangshi_emergency, at=days_ago(3))
    case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(2))
    opened.compliance.refresh_from_db()
    findings = opened.compliance.findings["cases"][0]["findings"]
    assert findings
    # then every cached finding names a duty of its regulation's pack
    packs = load_packs()
    for f in findings:
        assert f["rule"] in {d.id for d in packs[f["regulation"]].duties}
    # and the dated ones are the CaseDue rows' duties
    dated = {f["rule"] for f in findings if f["due"] and f["severity"] != "advice"}
    assert dated == set(CaseDue.objects.filter(case=opened).values_list("duty", flat=True))


def _finding(**changes: object) -> dict[str, object]:
    duty = load_packs()["dehong-record"].duties[0]
    return {
        "regulation": "dehong-record",
        "article": duty.article,
        "severity": "advice",
        "duty": duty.info.duty,
        "due": None,
        "events": [],
        "message": "",
        "rule": duty.id,
        **changes,
    }


def test_the_quote_is_found_by_the_duty_id() -> None:
    duty = load_packs()["dehong-record"].duties[0]
    # a duty text reworded in the pack since the cache was written still finds its quote
    (view,) = finding_views([_finding(duty="（旧的义务描述）")], now=timezone.now())
    assert (view.rule, view.quote) == (duty.id, duty.quote)


def test_an_old_cache_without_ids_still_finds_the_quote_by_text() -> None:
    duty = load_packs()["dehong-record"].duties[0]
    old = _finding()
    del old["rule"]
    (view,) = finding_views([old], now=timezone.now())
    assert (view.rule, view.quote) == ("", duty.quote)
