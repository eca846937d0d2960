"""The case page: header, masked parties, the timeline by stage, the live compliance panel."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from liuhen.cases.models import Case, Stage
from liuhen.cases.services import case_event_record, case_recording_attach, case_stage_advance
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules import load_packs
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case


def test_a_handler_sees_the_header_the_parties_in_full_and_the_timeline(
    handled: Case, people: People
) -> None:
    # given a case opened by an urgent start
    # when its handler opens the case page
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    # then the header, the parties in full and the first event in Chinese are shown
    text = page.content.decode()
    assert page.status_code == 200
    assert handled.number in text
    assert "行政处罚" in text
    assert "依职权" in text
    assert "533103199001011234" in text
    assert "13800001234" in text
    assert "立案（程序启动）" in text
    assert "✓ 情况紧急先行启动" in text
    assert "dehong-record" in text
    assert "mangshi-record" in text


def test_a_supervisor_sees_the_case_with_personal_data_masked_and_no_recording_menu(
    handled: Case, people: People
) -> None:
    page = client_for(people.supervisor).get(reverse("cases:detail", args=[handled.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "533103199001011234" not in text
    assert "5331************34" in text
    assert "13800001234" not in text
    assert "记录执法行为" not in text


def test_another_agencys_user_is_refused(handled: Case, people: People) -> None:
    page = client_for(people.outsider).get(reverse("cases:detail", args=[handled.pk]))
    assert page.status_code in (403, 404)
    assert handled.number not in page.content.decode()


def test_a_pending_deadline_shows_its_due_time_and_the_time_left(
    handled: Case, people: People
) -> None:
    # given a case started urgently just now: its approval is due within 24 hours
    # (the fixture case started ten days ago is already late, so a fresh case is used)
    fresh = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    due = fresh.dues.get(article="第十条").due_at.astimezone(CHINA)
    # when the handler opens it
    text = client_for(people.handler).get(reverse("cases:detail", args=[fresh.pk])).content
    # then the compliance panel and the to-do list show the exact due time, and time left
    page = text.decode()
    assert due.strftime("%Y-%m-%d %H:%M") in page
    assert "剩余 22 小时" in page or "剩余 23 小时" in page
    assert "第十条" in page


def test_a_late_storage_shows_a_violation_with_its_article_and_quote(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    # given a recording that ended three days ago, received by the server only now
    recording = case_recording_attach(
        actor=people.handler,
        case=handled,
        holding=holding,
        start=days_ago(8, hours=1),
        end=days_ago(8),
        notice_given=True,
        statement_given=True,
    )
    case_event_record(
        actor=people.handler,
        case=handled,
        type="onsite_inspection",
        at=days_ago(8, hours=0.5),
        av=[recording.event_id],
    )
    # when the compliance panel is fetched (as htmx does after recording)
    panel = client_for(people.handler).get(reverse("cases:compliance", args=[handled.pk]))
    # then it lists the storage violation citing dehong-record 第二十九条 with its quote
    text = panel.content.decode()
    quote = next(
        d.quote for d in load_packs()["dehong-record"].duties if d.id == "av-stored-2-working-days"
    )
    assert "违规" in text
    assert "第二十九条" in text
    assert quote in text
    assert "已超期" in text


def test_a_deadline_passed_since_the_cache_was_computed_reads_as_overdue(
    handled: Case, people: People, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # given a fresh urgent start: its approval is pending in the compliance cache
    fresh = case(handled.agency, actor=people.handler, at=days_ago(0, hours=1))
    assert fresh.compliance.pending >= 1
    # when the panel is read two days later, with no write in between
    later = timezone.now() + dt.timedelta(days=2)
    monkeypatch.setattr("liuhen.cases.views.detail.timezone.now", lambda: later)
    text = client_for(people.handler).get(reverse("cases:compliance", args=[fresh.pk])).content
    # then the passed deadline is shown as a violation, overdue by about a day
    page = text.decode()
    violations = page.split("<h3>违规</h3>")[1].split("<h3>")[0]
    assert "情况紧急先行启动的，应当在启动后24小时内补办审批手续" in violations
    assert "已超期 1 天" in violations


def test_a_deadline_counted_in_days_shows_as_the_last_days_2400(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    # given a recording stored on the platform: its cataloguing is due within working days
    end = timezone.now() - dt.timedelta(hours=1)
    case_recording_attach(
        actor=people.handler,
        case=handled,
        holding=holding,
        start=end - dt.timedelta(minutes=20),
        end=end,
        device="DSJ-V9",
        notice_given=True,
        statement_given=True,
    )
    due = handled.dues.filter(due_at__gt=timezone.now()).order_by("due_at").first()
    assert due is not None
    local = due.due_at.astimezone(CHINA)
    assert (local.hour, local.minute) == (0, 0)
    # when the handler opens the case page
    text = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    # then the due time reads as the end of the last day, not the start of the next
    last_day = (local - dt.timedelta(days=1)).strftime("%Y-%m-%d")
    shown = f'<time datetime="{local.isoformat()}">{last_day} 24:00</time>'
    assert f"期限：{shown}" in text.content.decode()


def test_the_header_names_the_heads_role_without_nested_brackets(
    handled: Case, people: People
) -> None:
    # given a head whose role's own name carries brackets (负责人（批准人）)
    people.approver.full_name = "刀国华"
    people.approver.save(update_fields=["full_name"])
    # when they open a page
    text = client_for(people.approver).get(reverse("cases:detail", args=[handled.pk]))
    html = text.content.decode()
    # then the role reads beside the name, not in a second pair of brackets
    assert "（负责人（批准人））" not in html
    assert re.search(r"刀国华 · <span[^>]*>负责人（批准人）</span>", html)


def test_the_next_steps_and_stage_moves_name_no_internal_types_or_guards(
    handled: Case, people: People
) -> None:
    # given a case at 审查决定 without a decision
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(1))
    case_stage_advance(actor=people.handler, case=handled, target=Stage.DECISION)
    # when the handler opens the case page
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    text = page.content.decode()
    # then 下一步 and the stage moves say what is missing in Chinese only
    assert "尚未作出决定：须有已生效（审批通过）的“作出决定”记录" in text
    assert "尚未结案：须先记录“结案”" in text
    for internal in (
        "（decision.made）",
        "（decision_made）",
        "（case.closed）",
        "（case_closed）",
    ):
        assert internal not in text


def test_a_false_flag_reads_neutrally_and_a_true_one_is_ticked(
    handled: Case, people: People
) -> None:
    # given a case started without urgency, and the urgent start of `handled`
    calm = case(handled.agency, actor=people.handler, fields={}, at=days_ago(1))
    # when the handler opens both case pages
    client = client_for(people.handler)
    calm_page = client.get(reverse("cases:detail", args=[calm.pk])).content.decode()
    urgent_page = client.get(reverse("cases:detail", args=[handled.pk])).content.decode()
    # then the false flag is a muted 否 (not a red ✗ that reads as a defect), the true one a ✓
    assert '<li class="unstated muted">否：情况紧急先行启动</li>' in calm_page
    assert "未载明：情况紧急先行启动" not in calm_page
    assert '<li class="stated">✓ 情况紧急先行启动</li>' in urgent_page
