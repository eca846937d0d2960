"""Demo cases: a few cases per jurisdiction, at every stage, some compliant, some not, so that a
demo log-in sees live deadlines, violations with their articles and an act awaiting approval.

Cases older than today come in as imports from "the previous system" (their times kept, marked
imported), exactly as an agency moving to Liuhen would bring its open cases; the current ones
are recorded through the services with today's times, a recording uploaded into the evidence
store. Idempotent: a demo case already present (by agency and 案由) is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, Officer
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import (
    PartyInput,
    case_act_approve,
    case_event_record,
    case_import,
    case_open,
    case_recording_attach,
)
from liuhen.evidence.services import evidence_ingest
from liuhen.review.demo import TITLE as REVIEW_DEMO_TITLE
from liuhen.review.demo import demo_review_fangcheng
from liuhen.rules.clock import CHINA, format_time
from liuhen.rules.vocabulary import FORMAT

DEMO_SOURCE = "演示数据（原执法办案系统导出）"


def _at(now: dt.datetime, days: float, hour: int = 9, minute: int = 0) -> str:
    """A China-time RFC 3339 moment `days` before today, at hour:minute."""
    day = (now - dt.timedelta(days=days)).astimezone(CHINA)
    return format_time(day.replace(hour=hour, minute=minute, second=0, microsecond=0))


def _imported(number: str, action: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "case": {"id": number, "action": action, "procedure": "general", "source": "ex_officio"},
        "events": events,
    }


def _filmed(
    t: Callable[..., str], act: str, av_id: str, days: float, hour: int, **fields: Any
) -> list[dict[str, Any]]:
    """An act filmed from start to end, the recording stored, catalogued and backed up the
    same afternoon."""
    return [
        {
            "type": "av.recorded",
            "id": av_id,
            "start": t(days, hour),
            "at": t(days, hour + 1),
            "notice_given": True,
            "statement_given": True,
        },
        {"type": act, "at": t(days, hour, 10), "av": [av_id], **fields},
        {"type": "av.stored", "of": av_id, "at": t(days, 16)},
        {"type": "av.catalogued", "of": av_id, "at": t(days, 16, 30)},
        {"type": "av.backed_up", "of": av_id, "at": t(days, 17)},
    ]


def _archived_penalty(now: dt.datetime, number: str) -> dict[str, Any]:
    """A general-procedure penalty case done by the book, closed and archived."""
    t = lambda days, hour=9, minute=0: _at(now, days, hour, minute)  # noqa: E731
    return _imported(
        number,
        "penalty",
        [
            {"type": "initiation.approved", "at": t(60, 9), "legal_opinion": True},
            {"type": "case.initiated", "at": t(60, 10), "id": "start"},
            *_filmed(t, "onsite_inspection", "av1", 59, 9),
            *_filmed(t, "inquiry", "av2", 57, 10),
            *_filmed(t, "rights_notice", "av3", 50, 10),
            {
                "type": "decision.drafted",
                "at": t(45, 10),
                "drafter": True,
                "reviewer": True,
                "legal_basis": True,
                "evidence": True,
                "discretion": True,
            },
            {"type": "org_review", "at": t(44, 10)},
            {"type": "decision.approved", "at": t(43, 10)},
            *_filmed(t, "decision.pre_notice", "av4", 43, 11),
            *_filmed(t, "statement", "av5", 41, 10, waived=True),
            {"type": "decision.made", "at": t(38, 15), "measures": ["fine"], "fine_amount": 20000},
            *_filmed(t, "service", "av6", 37, 10, method="direct", receipt=True),
            {"type": "fulfilled", "at": t(30, 10)},
            {"type": "case.closed", "at": t(30, 16)},
            {"type": "case.archived", "at": t(20, 10)},
        ],
    )


def _late_storage(now: dt.datetime, number: str) -> dict[str, Any]:
    """An inspection whose recording was stored days late: a violation to show."""
    t = lambda days, hour=9, minute=0: _at(now, days, hour, minute)  # noqa: E731
    return _imported(
        number,
        "inspection",
        [
            {"type": "case.initiated", "at": t(12), "urgent": True},
            {"type": "initiation.approved", "at": t(12, 15)},
            {
                "type": "av.recorded",
                "id": "av1",
                "start": t(11, 14),
                "at": t(11, 15, 30),
                "notice_given": True,
                "statement_given": False,
            },
            {"type": "onsite_inspection", "at": t(11, 14, 30), "av": ["av1"]},
            {"type": "av.stored", "of": "av1", "at": t(6, 10)},
            {"type": "rectification.ordered", "at": t(11, 16), "due": t(-5, 17)},
        ],
    )


def _closed_not_archived(now: dt.datetime, number: str) -> dict[str, Any]:
    """Closed some weeks ago, the file not yet made: the archiving deadline runs."""
    t = lambda days, hour=9, minute=0: _at(now, days, hour, minute)  # noqa: E731
    return _imported(
        number,
        "penalty",
        [
            {"type": "case.initiated", "at": t(50)},
            {"type": "inquiry", "at": t(48, 10)},
            {"type": "rights_notice", "at": t(40, 10)},
            {"type": "decision.made", "at": t(35, 10), "measures": ["warning"]},
            {"type": "service", "at": t(35, 11), "method": "direct", "receipt": True},
            {"type": "case.closed", "at": t(25, 16)},
        ],
    )


def _officers(agency: Agency) -> list[Officer]:
    return list(Officer.objects.filter(agency=agency, status="active").order_by("pk")[:2])


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _demo_video(taken: dt.datetime) -> bytes:
    """Two seconds of a small MPEG-4 video stamped with its creation time, so the evidence page
    shows real media facts (duration, creation time) read from the file."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        container.metadata["creation_time"] = taken.astimezone(dt.UTC).strftime(
            "%Y-%m-%dT%H:%M:%S.000000Z"
        )
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        for n in range(20):
            frame = av.VideoFrame(160, 120, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([(n * 12) % 250]) * plane.buffer_size)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


def _live_mangshi(agency: Agency, now: dt.datetime) -> None:
    """Opened three days ago; inspected this morning on camera; decision proposed, reviewed,
    waiting for the head's approval (dehong-record 第三十九条)."""
    handler, reviewer = _user("mangshi.handler"), _user("mangshi.reviewer")
    start = now - dt.timedelta(hours=3)
    # stored (and committed) first, outside the case's transaction, as an upload is
    video = evidence_ingest(
        actor=handler,
        agency=agency,
        source=io.BytesIO(_demo_video(start)),
        filename="DSJ_现场检查_加油站.mp4",
        description="执法记录仪 DSJ-V9，现场检查全程",
    )
    with transaction.atomic():
        _live_mangshi_case(agency, now, handler, reviewer, video, start)


def _live_mangshi_case(
    agency: Agency,
    now: dt.datetime,
    handler: User | None,
    reviewer: User | None,
    video: Any,
    start: dt.datetime,
) -> None:
    three_days = now - dt.timedelta(days=3)
    case = case_open(
        actor=handler,
        agency=agency,
        title="芒市某加油站未按规定设置安全警示标志案",
        action="penalty",
        source="complaint",
        parties=[
            PartyInput(
                kind="organisation",
                name="芒市某某能源有限公司",
                id_number="91533103MA6K3X2Y1B",
                address="芒市勐焕路 88 号",
                contact="0692-2120000",
            )
        ],
        officers=_officers(agency),
        first_event_type="complaint.received",
        at=three_days,
        fields={"real_name": True},
    )
    case_event_record(
        actor=handler, case=case, type="case.initiated", at=three_days, fields={"urgent": True}
    )
    recording = case_recording_attach(
        actor=handler,
        case=case,
        holding=video,
        start=start,
        end=start + dt.timedelta(minutes=40),
        device="DSJ-V9 SN 53310300021",
        notice_given=True,
        statement_given=True,
    )
    case_event_record(
        actor=handler,
        case=case,
        type="onsite_inspection",
        at=start + dt.timedelta(minutes=5),
        av=[recording.event_id],
    )
    case_event_record(
        actor=handler,
        case=case,
        type="decision.made",
        at=now - dt.timedelta(minutes=30),
        fields={"measures": ["warning"]},
    )
    pending = CaseEvent.objects.filter(
        case=case, type="decision.made", status=EventStatus.AWAITING
    ).first()
    if pending is not None and reviewer is not None:
        case_act_approve(
            actor=reviewer,
            event=pending,
            step="review",
            outcome="approved",
            comment="事实清楚，证据确凿，同意",
        )


@transaction.atomic
def _live_fangcheng(agency: Agency, now: dt.datetime) -> None:
    """A complaint received yesterday: the deadlines to decide on it are running."""
    case_open(
        actor=_user("fangcheng.handler"),
        agency=agency,
        title="方城县某超市销售过期食品投诉案",
        action="penalty",
        source="complaint",
        parties=[
            PartyInput(kind="organisation", name="方城县某某超市", address="方城县释之路 16 号")
        ],
        officers=_officers(agency),
        first_event_type="complaint.received",
        at=now - dt.timedelta(days=1),
        fields={"real_name": True},
    )


CaseMaker = Callable[[Agency, dt.datetime], None]


def _imports(maker: Callable[[dt.datetime, str], dict[str, Any]], number: str, title: str) -> Any:
    def make(agency: Agency, now: dt.datetime) -> None:
        case_import(
            actor=None,
            agency=agency,
            document=maker(now, number),
            source_name=DEMO_SOURCE,
            title=title,
        )

    return make


DEMO_CASES: tuple[tuple[str, str, CaseMaker], ...] = (
    (
        "芒市应急管理局",
        "芒市某化工有限公司未按规定开展安全生产教育培训案",
        _imports(
            _archived_penalty,
            "芒应急罚〔2026〕0101号",
            "芒市某化工有限公司未按规定开展安全生产教育培训案",
        ),
    ),
    (
        "芒市应急管理局",
        "芒市某烟花爆竹经营部储存场所安全检查",
        _imports(_late_storage, "芒应急检〔2026〕0102号", "芒市某烟花爆竹经营部储存场所安全检查"),
    ),
    ("芒市应急管理局", "芒市某加油站未按规定设置安全警示标志案", _live_mangshi),
    ("方城县市场监督管理局", "方城县某超市销售过期食品投诉案", _live_fangcheng),
    ("方城县市场监督管理局", REVIEW_DEMO_TITLE, demo_review_fangcheng),
    (
        "广州市应急管理局",
        "广州市某物流公司危险化学品储存不规范案",
        _imports(
            _closed_not_archived, "穗应急罚〔2026〕0031号", "广州市某物流公司危险化学品储存不规范案"
        ),
    ),
    (
        "克拉玛依市白碱滩区发展和改革委员会",
        "白碱滩区某供热企业价格行为检查",
        _imports(_late_storage, "白发改检〔2026〕0007号", "白碱滩区某供热企业价格行为检查"),
    ),
)


def demo_cases_load() -> int:
    """Create the demo cases that are missing; returns how many were created.
    Side effects: those of the case and evidence services (cases, events, evidence, ledger)."""
    now = timezone.now()
    created = 0
    for agency_name, title, make in DEMO_CASES:
        agency = Agency.objects.filter(name=agency_name).first()
        if agency is None or Case.objects.filter(agency=agency, title=title).exists():
            continue
        make(agency, now)
        created += 1
    return created
