"""Recording an act through its form: fields from the vocabulary, the service's refusals shown."""

from __future__ import annotations

from django.urls import reverse

from liuhen.accounts.roles import Role
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case, department, staff
from tests.world import World


def _local(days: float) -> str:
    return days_ago(days).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")


def test_the_form_has_the_vocabulary_fields_with_chinese_labels(
    handled: Case, people: People
) -> None:
    # when the handler opens the 送达 form
    page = client_for(people.handler).get(reverse("cases:act", args=[handled.pk, "service"]))
    text = page.content.decode()
    # then the method is a select with Chinese labels, booleans read as what the record states,
    # and the help for 留置送达 and 公告送达 is shown
    assert page.status_code == 200
    assert '<option value="left">留置送达</option>' in text
    assert "记明拒收事由" in text
    assert "见证人签名" in text
    assert "留置送达：须记明拒收事由" in text
    assert "公告送达：仅在其他方式均无法送达时使用" in text
    assert 'type="datetime-local"' in text


def test_an_onsite_inspection_is_recorded_in_china_time(handled: Case, people: People) -> None:
    # when the handler records an on-site inspection at 09:30 China time yesterday
    when = days_ago(1).astimezone(CHINA).replace(hour=9, minute=30, second=0, microsecond=0)
    response = client_for(people.handler).post(
        reverse("cases:act", args=[handled.pk, "onsite_inspection"]),
        {"at": when.strftime("%Y-%m-%dT%H:%M"), "note": "检查仓库"},
    )
    # then it is on the case at exactly that instant, and the page says so
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=handled, type="onsite_inspection")
    assert event.at == when
    assert event.fields["note"] == "检查仓库"
    handled.refresh_from_db()
    assert handled.stage == "investigation"
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    assert f'现场检查</strong>\n    <time datetime="{when.isoformat()}">{when:%Y-%m-%d} 09:30' in (
        page.content.decode()
    )


def test_a_refused_form_shows_the_services_message_and_changes_nothing(
    handled: Case, people: People
) -> None:
    # given an act on the case
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(1))
    before = CaseEvent.objects.filter(case=handled).count()
    # when a refusal to sign is recorded without naming the record
    response = client_for(people.handler).post(
        reverse("cases:act", args=[handled.pk, "signature_refused"]), {"at": _local(0.5)}
    )
    # then the form comes back naming the field in Chinese, and nothing was written
    text = response.content.decode()
    assert response.status_code == 400
    assert "未签字的笔录" in text
    assert "必须填写" in text
    assert CaseEvent.objects.filter(case=handled).count() == before


def test_the_refusal_to_sign_lists_the_cases_acts(handled: Case, people: People) -> None:
    inquiry = case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(1))
    page = client_for(people.handler).get(
        reverse("cases:act", args=[handled.pk, "signature_refused"])
    )
    text = page.content.decode()
    assert f'<option value="{inquiry.event_id}">询问' in text
    assert "立案（程序启动）" not in text.split('name="of"')[1].split("</select>")[0]


def test_a_future_act_is_refused(handled: Case, people: People) -> None:
    response = client_for(people.handler).post(
        reverse("cases:act", args=[handled.pk, "inquiry"]), {"at": _local(-1)}
    )
    assert response.status_code == 400
    assert "晚于当前时间" in response.content.decode()
    assert not CaseEvent.objects.filter(case=handled, type="inquiry").exists()


def test_a_supervisor_may_view_but_not_record(handled: Case, people: People) -> None:
    client = client_for(people.supervisor)
    assert client.get(reverse("cases:detail", args=[handled.pk])).status_code == 200
    response = client.post(reverse("cases:act", args=[handled.pk, "inquiry"]), {"at": _local(1)})
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(case=handled, type="inquiry").exists()


def test_another_agencys_handler_cannot_record(handled: Case, people: People) -> None:
    response = client_for(people.outsider).post(
        reverse("cases:act", args=[handled.pk, "inquiry"]), {"at": _local(1)}
    )
    assert response.status_code in (403, 404)
    assert not CaseEvent.objects.filter(case=handled, type="inquiry").exists()


def test_the_steps_the_approval_chain_records_are_not_offered_by_hand(
    handled: Case, people: People
) -> None:
    # given a 芒市 case, whose decisions go through 审核 and 批准 (dehong-record 第三十九条)
    client = client_for(people.handler)
    page = client.get(reverse("cases:detail", args=[handled.pk])).content.decode()
    # then 承办机构审核 and 负责人审批 are not in the menu, and their forms do not exist
    menu = page.split('class="card act-menu"')[1].split("</div>\n  </div>")[0]
    assert "作出决定" in menu
    assert "负责人审批" not in menu
    assert "承办机构审核" not in menu
    response = client.get(reverse("cases:act", args=[handled.pk, "decision.approved"]))
    assert response.status_code == 404


def test_the_service_form_marks_which_statements_belong_to_which_method(
    handled: Case, people: People
) -> None:
    text = (
        client_for(people.handler)
        .get(reverse("cases:act", args=[handled.pk, "service"]))
        .content.decode()
    )
    assert 'name="witness" data-when-method="left"' in text
    assert 'name="other_methods_failed" data-when-method="announcement"' in text
    assert "liuhen/act_form.js" in text


def test_the_decision_form_says_when_a_legal_review_is_still_needed(world: World) -> None:
    # given a 河南 agency, where a general-procedure penalty decision waits for a passed review
    henan = department("方城县应急管理局", government=world.mangshi, profile="fangcheng")
    handler = staff(henan, Role.HANDLER)
    opened = case(henan, actor=handler)
    # when its handler opens the decision form
    page = client_for(handler).get(reverse("cases:act", args=[opened.pk, "decision.made"]))
    # then the page says the review is still needed before the decision can be recorded
    text = page.content.decode()
    assert "review-box" in text
    assert "法制审核" in text.split('class="card review-box"')[1].split("</div>")[0]


def test_an_absurd_fine_on_the_decision_form_is_a_chinese_field_error(
    handled: Case, people: People
) -> None:
    # when the handler types a fine of 10^20 yuan on the decision form
    response = client_for(people.handler).post(
        reverse("cases:act", args=[handled.pk, "decision.made"]),
        {"at": _local(0.5), "measures": ["fine"], "fine_amount": "100000000000000000000"},
    )
    # then the form comes back naming the field in Chinese (not a 500), and nothing was written
    text = response.content.decode()
    assert response.status_code == 400
    assert "“罚款数额（元）”过大" in text
    assert not CaseEvent.objects.filter(case=handled, type="decision.made").exists()
