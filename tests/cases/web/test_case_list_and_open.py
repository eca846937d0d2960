"""The case list (scoped, filtered) and the opening form."""

from __future__ import annotations

from django.urls import reverse

from liuhen.agencies.models import Officer
from liuhen.cases.models import Case, Party
from liuhen.cases.services import case_event_record
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case
from tests.world import World


def test_the_list_shows_the_users_cases_with_stage_due_and_violations(
    world: World, handled: Case, people: People
) -> None:
    # given a case of the bureau (its urgent start was never approved: a violation) and one
    # of another agency
    foreign = case(world.baoshan_emergency)
    # when the handler lists cases
    text = client_for(people.handler).get(reverse("cases:list")).content.decode()
    # then only the bureau's case is listed, with its stage and violations count
    assert handled.number in text
    assert foreign.number not in text
    assert "程序启动" in text
    assert f'<span class="tag bad">{handled.compliance.violations}</span>' in text


def test_the_list_filters_by_stage_and_overdue(handled: Case, people: People) -> None:
    # given a second case moved to 调查取证 by an inspection, started just now (nothing overdue)
    fresh = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    case_event_record(actor=people.handler, case=fresh, type="inquiry", at=days_ago(0, hours=0.5))
    client = client_for(people.handler)
    by_stage = client.get(reverse("cases:list"), {"stage": "investigation"}).content.decode()
    assert fresh.number in by_stage
    assert handled.number not in by_stage
    overdue = client.get(reverse("cases:list"), {"due": "overdue"}).content.decode()
    assert handled.number in overdue
    assert fresh.number not in overdue


def test_opening_a_case_through_the_form(world: World, people: People) -> None:
    lead = Officer.objects.get(user=people.handler)
    partner = Officer.objects.get(user=people.partner)
    at = days_ago(0, hours=1).astimezone(CHINA)
    response = client_for(people.handler).post(
        reverse("cases:open"),
        {
            "agency": world.mangshi_emergency.pk,
            "title": "某加油站安全检查",
            "action": "inspection",
            "procedure": "general",
            "source": "ex_officio",
            "lead": lead.pk,
            "assistants": [partner.pk],
            "first_event_type": "onsite_inspection",
            "at": at.strftime("%Y-%m-%dT%H:%M"),
            "party-TOTAL_FORMS": "2",
            "party-INITIAL_FORMS": "0",
            "party-0-kind": "organisation",
            "party-0-name": "芒市某加油站",
            "party-0-id_number": "91533103MA6N111111",
            "party-1-kind": "person",
        },
    )
    opened = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[opened.pk])
    assert opened.officers.get(role="lead").officer == lead
    assert opened.officers.get(role="assistant").officer == partner
    assert Party.objects.get(case=opened).name == "芒市某加油站"
    assert opened.events.get().type == "onsite_inspection"


def test_an_opening_without_a_party_is_refused_and_creates_nothing(
    world: World, people: People
) -> None:
    response = client_for(people.handler).post(
        reverse("cases:open"),
        {
            "agency": world.mangshi_emergency.pk,
            "title": "无当事人",
            "action": "penalty",
            "procedure": "general",
            "source": "ex_officio",
            "lead": Officer.objects.get(user=people.handler).pk,
            "first_event_type": "case.initiated",
            "at": days_ago(1).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M"),
            "party-TOTAL_FORMS": "1",
            "party-INITIAL_FORMS": "0",
            "party-0-kind": "person",
        },
    )
    assert response.status_code == 200
    assert "至少填写一名当事人" in response.content.decode()
    assert not Case.objects.exists()


def test_an_on_site_first_act_with_one_officer_is_refused_by_the_service(
    world: World, people: People
) -> None:
    response = client_for(people.handler).post(
        reverse("cases:open"),
        {
            "agency": world.mangshi_emergency.pk,
            "title": "一人现场检查",
            "action": "inspection",
            "procedure": "general",
            "source": "ex_officio",
            "lead": Officer.objects.get(user=people.handler).pk,
            "first_event_type": "onsite_inspection",
            "at": days_ago(0, hours=1).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M"),
            "party-TOTAL_FORMS": "1",
            "party-INITIAL_FORMS": "0",
            "party-0-kind": "person",
            "party-0-name": "李四",
        },
    )
    text = response.content.decode()
    assert "须由2名以上执法人员实施" in text
    assert "第四十二条" in text
    assert not Case.objects.exists()


def test_a_supervisor_cannot_open_cases(people: People) -> None:
    assert client_for(people.supervisor).get(reverse("cases:open")).status_code == 403


def test_a_supervisor_filters_the_list_by_agency(world: World, people: People) -> None:
    # given cases of two agencies the 芒市司法局 supervises
    bureau_case = case(world.mangshi_emergency)
    market_case = case(world.mangshi_market)
    client = client_for(people.supervisor)
    both = client.get(reverse("cases:list")).content.decode()
    assert bureau_case.number in both
    assert market_case.number in both
    one = client.get(reverse("cases:list"), {"agency": world.mangshi_market.pk}).content.decode()
    assert market_case.number in one
    assert bureau_case.number not in one
