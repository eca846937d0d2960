"""A demo case under review, so that a demo log-in sees the gate and the reviewer's queue:
方城县 (fangcheng profile), an expired-food penalty, the materials submitted yesterday, the legal
reviewer (fangcheng.legal) half-way through the eight points; the decision cannot be recorded
until the review passes. The agency's 重大执法决定法制审核目录清单 (第七条) comes with it."""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, Officer, OfficerStatus
from liuhen.cases.services import PartyInput, case_event_record, case_open
from liuhen.evidence.services import evidence_ingest
from liuhen.review.models import MajorDecisionCriterion
from liuhen.review.rules import MAJOR_SITUATIONS, REPORT_ITEMS, REVIEW_POINTS
from liuhen.review.services import (
    CriterionInput,
    ReviewMaterials,
    review_catalogue_set,
    review_point_record,
    review_start,
    review_submit,
)

TITLE = "方城县某食品商行销售超过保质期食品案"
_REPORT = {
    "facts": "2026年执法人员现场检查发现该商行货架陈列超过保质期的预包装食品12件。",
    "law": "《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条第一款第（五）项。",
    "discretion": "适用《河南省市场监督管理行政处罚裁量基准》一般情形，初次违法、货值较小。",
    "investigation": "现场检查笔录、询问笔录、照片6张、进货票据复印件。",
    "hearing_appraisal": "未达听证标准，未经鉴定、评估。",
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


# A market-regulation bureau's catalogue as such bureaus publish them: the measures that bear
# directly on a party's major rights, the fine that entitles a hearing, and the situations of
# henan-review 第六条.
_RIGHTS = "henan-review 第六条（三）"


def _measure(label: str, *measures: str) -> CriterionInput:
    return CriterionInput(kind="measure", label=label, measures=list(measures), basis=_RIGHTS)


def _situation(key: str) -> CriterionInput:
    item = next(i for i in MAJOR_SITUATIONS if i.key == key)
    return CriterionInput(kind="situation", label=item.label, situation=key, basis=item.article)


_CATALOGUE = (
    _measure("责令停产停业", "suspend_business"),
    _measure("吊销许可证或者执照", "revoke_license"),
    _measure("查封经营场所、扣押财物", "seal", "seize"),
    CriterionInput(
        kind="fine",
        label="较大数额罚款（达到听证标准：十万元以上）",
        action="penalty",
        fine_threshold=100_000,
        basis=_RIGHTS,
    ),
    *(_situation(key) for key in ("public_interest", "social_impact", "hearing", "complex")),
)


def demo_review_fangcheng(agency: Agency, now: dt.datetime) -> None:
    handler, legal = _user("fangcheng.handler"), _user("fangcheng.legal")
    if legal is not None and not MajorDecisionCriterion.objects.filter(agency=agency).exists():
        review_catalogue_set(actor=legal, agency=agency, criteria=_CATALOGUE)
    record = evidence_ingest(
        actor=handler,
        agency=agency,
        source=io.BytesIO("现场检查笔录（演示）\n检查地点：方城县某食品商行\n".encode()),
        filename="现场检查笔录.txt",
        description="现场检查笔录扫描件（演示）",
    )
    officers = Officer.objects.filter(agency=agency, status=OfficerStatus.ACTIVE).order_by("pk")
    with transaction.atomic():
        case = case_open(
            actor=handler,
            agency=agency,
            title=TITLE,
            action="penalty",
            source="ex_officio",
            parties=[PartyInput(kind="organisation", name="方城县某某食品商行")],
            officers=list(officers[:2]),
            first_event_type="case.initiated",
            at=now - dt.timedelta(days=6),
            fields={"urgent": True},
        )
        case_event_record(
            actor=handler,
            case=case,
            type="decision.drafted",
            at=now - dt.timedelta(days=1, hours=2),
            fields={
                "drafter": True,
                "reviewer": True,
                "legal_basis": True,
                "evidence": True,
                "discretion": True,
            },
        )
        if handler is None or legal is None:
            return
        review = review_submit(
            actor=handler,
            case=case,
            materials=ReviewMaterials(
                decision_text="拟没收超过保质期的食品，并处罚款五千元",
                measures=["confiscation", "fine"],
                fine_amount=5000,
                report={k.key: _REPORT[k.key] for k in REPORT_ITEMS},
                evidence=[record],
            ),
        )
        review = review_start(actor=legal, review=review)
        for point in REVIEW_POINTS[:3]:
            review_point_record(
                actor=legal,
                review=review,
                point=point.key,
                sound=True,
                opinion="经审查，符合规定。",
            )
