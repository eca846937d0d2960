"""Officers and parties of a case, changed from the case page through the services."""

from __future__ import annotations

import re

from django.urls import reverse

from liuhen.accounts.roles import Role
from liuhen.agencies.models import Officer
from liuhen.cases.models import Case, CaseOfficer, Party
from tests.cases.web.conftest import People, client_for
from tests.factories import officer, staff


def test_an_officer_is_assigned_and_released(handled: Case, people: People) -> None:
    newcomer = officer(handled.agency, name="王五")
    client = client_for(people.handler)
    client.post(
        reverse("cases:officer_assign", args=[handled.pk]),
        {"officer": newcomer.pk, "role": "assistant"},
    )
    assignment = CaseOfficer.objects.get(case=handled, officer=newcomer)
    assert assignment.released_at is None
    client.post(reverse("cases:officer_release", args=[handled.pk, assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.released_at is not None


def test_an_officer_of_another_agency_cannot_be_chosen(
    handled: Case, people: People, world
) -> None:  # type: ignore[no-untyped-def]
    stranger = officer(world.baoshan_emergency, name="赵六")
    response = client_for(people.handler).post(
        reverse("cases:officer_assign", args=[handled.pk]),
        {"officer": stranger.pk, "role": "assistant"},
        follow=True,
    )
    assert "请选择要指派的执法人员" in response.content.decode()
    assert not CaseOfficer.objects.filter(officer=stranger).exists()


def test_a_party_is_added(handled: Case, people: People) -> None:
    client_for(people.handler).post(
        reverse("cases:party_add", args=[handled.pk]),
        {"new-party-kind": "person", "new-party-name": "李四", "new-party-contact": "13900000000"},
    )
    assert Party.objects.get(case=handled, name="李四").contact == "13900000000"


def test_a_supervisor_cannot_change_the_people(handled: Case, people: People) -> None:
    lead = CaseOfficer.objects.get(case=handled, officer=Officer.objects.get(user=people.handler))
    client = client_for(people.supervisor)
    response = client.post(reverse("cases:officer_release", args=[handled.pk, lead.pk]))
    assert response.status_code == 403
    lead.refresh_from_db()
    assert lead.released_at is None
    response = client.post(
        reverse("cases:party_add", args=[handled.pk]),
        {"new-party-kind": "person", "new-party-name": "李四"},
    )
    assert response.status_code == 403
    assert not Party.objects.filter(name="李四").exists()


def test_the_agencys_legal_reviewer_is_marked_among_the_officers_offered(
    handled: Case, people: People
) -> None:
    # given an officer whose log-in is the agency's 法制审核人员, and one who is not
    reviewer = staff(handled.agency, Role.LEGAL_REVIEWER)
    officer(handled.agency, name="周敏", linked_user=reviewer)
    officer(handled.agency, name="赵强")
    # when the handler opens the case page (its assign form) and the opening form
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    opening = client_for(people.handler).get(reverse("cases:open"))
    # then the reviewer is marked as one who may not review a case they handle; the other not
    for text in (page.content.decode(), opening.content.decode()):
        assert re.search(r"周敏（[^<]*）【法制审核人员：承办后不能审核本案】", text)
        assert re.search(r"赵强（[^<]*）</", text)
