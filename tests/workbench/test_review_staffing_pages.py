"""henan-review 第五条 on the head's dashboard and the supervisor's page: legal reviewers against
the agency's officers, the number required, highlighted when short, with the article cited."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, AgencyKind
from liuhen.agencies.services import supervision_derive
from tests.cases.web.conftest import client_for
from tests.factories import department, government, officer, staff

BASIS = "henan-review 第五条"


@dataclass
class Henan:
    bureau: Agency
    head: User
    supervisor: User


@pytest.fixture
def henan(db: None) -> Henan:
    # given a 河南 county bureau with 30 officers (5% rounds up to 2 reviewers) and one reviewer
    seat = government("测试县人民政府", level="county", profile="henan")
    justice = department(
        "测试县司法局", government=seat, kind=AgencyKind.JUSTICE, system="司法行政", profile="henan"
    )
    bureau = department("测试县市场监管局", government=seat, system="市场监管", profile="henan")
    for agency in Agency.objects.all():
        supervision_derive(actor=None, agency=agency)
    for n in range(30):
        officer(bureau, name=f"执法员{n}")
    staff(bureau, Role.LEGAL_REVIEWER)
    return Henan(
        bureau=bureau,
        head=staff(bureau, Role.APPROVER),
        supervisor=staff(justice, Role.SUPERVISOR),
    )


def _dashboard(henan: Henan) -> str:
    page = client_for(henan.head).get(reverse("cases:dashboard"), {"agency": henan.bureau.pk})
    assert page.status_code == 200
    return page.content.decode()


def _supervision(henan: Henan) -> str:
    page = client_for(henan.supervisor).get(reverse("workbench:supervision"))
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize("read", [_dashboard, _supervision], ids=["head", "supervisor"])
def test_a_short_review_body_is_highlighted_citing_article_5(henan: Henan, read) -> None:  # type: ignore[no-untyped-def]
    text = read(henan)
    assert f'class="staffing short" id="review-staffing-{henan.bureau.pk}"' in text
    assert "法制审核人员 <strong>1</strong> 名，执法人员 30 名，应不少于 2 名" in text
    assert "不足：缺 1 名" in text
    assert BASIS in text


@pytest.mark.parametrize("read", [_dashboard, _supervision], ids=["head", "supervisor"])
def test_a_staffed_review_body_is_shown_as_meeting_the_ratio(henan: Henan, read) -> None:  # type: ignore[no-untyped-def]
    staff(henan.bureau, Role.LEGAL_REVIEWER)
    text = read(henan)
    assert f'class="staffing" id="review-staffing-{henan.bureau.pk}"' in text
    assert "应不少于 2 名" in text
    assert "不足" not in text


def test_no_staffing_is_shown_where_no_regulation_sets_a_ratio(db: None) -> None:
    seat = government("德宏测试人民政府", level="county", profile="dehong")
    bureau = department("德宏测试应急管理局", government=seat, profile="dehong")
    head = staff(bureau, Role.APPROVER)
    page = client_for(head).get(reverse("cases:dashboard")).content.decode()
    assert "法制审核人员配置" not in page
