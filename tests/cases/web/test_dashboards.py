"""我的待办 and the agency dashboard, read from the compliance cache."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liuhen.cases import queries
from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case
from tests.world import World


def test_my_dues_lists_overdue_and_due_soon_items_of_my_cases(
    world: World, handled: Case, people: People
) -> None:
    # given my case whose urgent start was never approved (overdue), a fresh one (due within a
    # day) and another officer's case
    fresh = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    client = client_for(people.handler)
    # when I look at the next three days
    text = client.get(reverse("cases:dues"), {"window": "3d"}).content.decode()
    # then my overdue item shows how late it is; the fresh case's item is not mine
    overdue = handled.dues.get(article="第十条")
    assert overdue.due_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") in text
    assert "已超期 9 天" in text
    assert fresh.number not in text
    # when I ask for every case I may see, the fresh case's due shows with the time left
    everything = client.get(reverse("cases:dues"), {"window": "3d", "scope": "all"})
    assert fresh.number in everything.content.decode()
    assert "剩余 2" in everything.content.decode()


def test_my_dues_filters_by_case(handled: Case, people: People) -> None:
    other = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    text = (
        client_for(people.handler)
        .get(reverse("cases:dues"), {"window": "all", "case": other.pk, "scope": "all"})
        .content.decode()
    )
    assert other.number in text
    assert f">{handled.number}</a>" not in text


def test_the_agency_dashboard_counts_stages_and_lists_violations(
    handled: Case, people: People
) -> None:
    # given one case in 程序启动 with a violation and one moved to 调查取证
    moved = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    case_event_record(actor=people.handler, case=moved, type="inquiry", at=days_ago(0, hours=0.5))
    # when the head opens the dashboard
    text = client_for(people.approver).get(reverse("cases:dashboard")).content.decode()
    # then both stages count one, the late case is listed with its violations
    assert "共 2 件" in text
    assert text.count('">1</a></td>') == 2
    assert handled.number in text.split("存在违规的案件")[1]


def test_a_supervisor_sees_the_supervised_agencys_dashboard(
    world: World, handled: Case, people: People
) -> None:
    page = client_for(people.supervisor).get(reverse("cases:dashboard"))
    assert page.status_code == 200
    assert world.mangshi_emergency.name in page.content.decode()


def test_the_dashboard_shows_only_the_users_own_agencies(
    world: World, handled: Case, people: People
) -> None:
    page = client_for(people.outsider).get(reverse("cases:dashboard"))
    text = page.content.decode()
    assert page.status_code == 200
    assert world.baoshan_emergency.name in text
    assert handled.number not in text
    assert world.mangshi_emergency.name not in text
    other = client_for(people.outsider).get(
        reverse("cases:dashboard"), {"agency": world.mangshi_emergency.pk}
    )
    assert handled.number not in other.content.decode()


def test_my_dues_costs_the_same_queries_for_one_case_or_many(
    handled: Case, people: People, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(people.handler)
    client.get(reverse("cases:dues"), {"window": "all"})  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cases:dues"), {"window": "all", "scope": "all"})
    for _ in range(3):
        case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    with django_assert_max_num_queries(len(one)):
        text = client.get(reverse("cases:dues"), {"window": "all", "scope": "all"}).content
    assert text.decode().count("第十条") >= 4


def test_a_reviewers_to_do_lists_acts_awaiting_approval(handled: Case, people: People) -> None:
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(3))
    case_event_record(
        actor=people.handler,
        case=handled,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["warning"]},
    )
    text = client_for(people.reviewer).get(reverse("cases:dues")).content.decode()
    assert "待审批（1）" in text
    assert "作出决定" in text
    assert "待审批" not in client_for(people.partner).get(reverse("cases:dues")).content.decode()


def test_my_dues_shows_a_page_of_rows_with_a_link_to_the_rest(
    handled: Case, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given three cases with a due each and pages of two rows
    monkeypatch.setattr(queries, "LIST_ROWS", 2)
    others = [case(handled.agency, actor=people.handler, at=days_ago(0, hours=h)) for h in (1, 2)]
    numbers = {handled.number, *(c.number for c in others)}
    client = client_for(people.handler)
    # when I open my dues, every case I may see
    first = client.get(reverse("cases:dues"), {"window": "all", "scope": "all"}).content.decode()
    # then two rows show, with a link to the next page that keeps my filters
    shown_first = {n for n in numbers if f">{n}</a>" in first}
    assert len(shown_first) == 2
    assert "下一页（查看其余）" in first
    assert "window=all&amp;scope=all&amp;page=2" in first
    # and the next page shows the rest, with a link back and none further
    second = client.get(
        reverse("cases:dues"), {"window": "all", "scope": "all", "page": 2}
    ).content.decode()
    shown_second = {n for n in numbers if f">{n}</a>" in second}
    assert shown_first | shown_second == numbers
    assert not shown_first & shown_second
    assert "上一页" in second
    assert "下一页" not in second


def test_the_dashboards_lists_show_a_page_with_a_link_to_the_rest(
    handled: Case, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two late cases (each with an overdue duty and a violation) and pages of one row
    monkeypatch.setattr(queries, "LIST_ROWS", 1)
    late = case(handled.agency, actor=people.handler, at=days_ago(10))
    assert late.compliance.violations
    assert handled.compliance.violations
    client = client_for(people.approver)
    # when the head opens the dashboard
    text = client.get(reverse("cases:dashboard")).content.decode()
    # then each list shows one case and links to its own next page
    violations = text.split("存在违规的案件")[1].split("待审批")[0]
    assert (handled.number in violations) != (late.number in violations)
    assert "violations=2" in violations
    assert "overdue=2" in text.split("存在违规的案件")[0]
    # and the violations list's next page shows the other case; the overdue list stays on its
    # first page
    page = client.get(reverse("cases:dashboard"), {"violations": 2}).content.decode()
    rest = page.split("存在违规的案件")[1].split("待审批")[0]
    assert (handled.number in rest) == (late.number in violations)
    assert "上一页" in rest
    assert "overdue=2" in page.split("存在违规的案件")[0]
    assert "共 2 件" in page


def test_a_supervisors_dashboard_opens_on_the_first_agency_with_cases(
    world: World, handled: Case, people: People
) -> None:
    # given a supervisor at the justice bureau (no cases of its own) over a bureau with a case
    # when they open 办案概况 without choosing an agency
    text = client_for(people.supervisor).get(reverse("cases:dashboard")).content.decode()
    # then it shows the bureau that has cases, the selector still offering the others
    assert f'<option value="{world.mangshi_emergency.pk}" selected>' in text
    assert "共 1 件" in text
    assert f'<option value="{world.mangshi_justice.pk}">' in text
