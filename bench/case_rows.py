"""The pieces of generated case data: names, places (agency and officers), and the rows of one
batch before they are written (bench/case_data.py)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from liuhen.agencies.models import Agency, Officer
    from liuhen.cases.models import Case, CaseDue, CaseEvent

SOURCE_NAME = "bench/case_data.py"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红玉兰志文斌浩宇欣怡子涵"
TRADES = ("商贸", "建材", "化工", "食品", "餐饮", "物流", "烟花爆竹", "加油站", "药房", "超市")
MATTERS = (
    "未按规定开展安全生产教育和培训",
    "未如实记录安全生产教育和培训情况",
    "销售不符合食品安全标准的食品",
    "未按规定明码标价",
    "擅自改变经营场所",
    "未按规定设置安全警示标志",
    "无证经营",
    "未按规定进行检验检测",
)


class Regenerate(Exception):
    """The cut at the present left a timeline that is no case (nothing yet happened)."""


@dataclass
class Place:
    """An agency cases are generated in: its officers and who records for it."""

    agency: Agency
    officers: list[Officer]
    actor_id: int | None  # a handler's user: the ledger actor of the import


@dataclass
class Pending:
    """One ledger entry to write: the entry's content but not yet its place in the chain."""

    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    payload: dict[str, Any]


@dataclass
class Batch:
    cases: list[Case] = field(default_factory=list)
    parties: list[Any] = field(default_factory=list)
    officers: list[Any] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    compliance: list[Any] = field(default_factory=list)
    dues: list[CaseDue] = field(default_factory=list)
    ledger: list[Pending] = field(default_factory=list)
    # CaseEvent of each ledger entry that records an event (its ledger_sequence), by entry index
    event_entries: dict[int, CaseEvent] = field(default_factory=dict)


@dataclass
class Totals:
    cases: int = 0
    open_cases: int = 0
    events: int = 0
    awaiting: int = 0
    dues: int = 0
    entries: int = 0
    regenerated: int = 0
    stages: Counter[str] = field(default_factory=Counter)


class Ids:
    """Primary keys handed out in Python, so ledger entries can name rows before they exist."""

    def __init__(self, model: Any) -> None:
        from django.db.models import Max

        self.next = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def places_load() -> list[Place]:
    from liuhen.agencies.models import Officer, OfficerStatus

    by_agency: dict[int, list[Officer]] = {}
    officers = Officer.objects.filter(status=OfficerStatus.ACTIVE).select_related("agency")
    for officer in officers.exclude(agency__profile="").order_by("agency_id", "id"):
        by_agency.setdefault(officer.agency_id, []).append(officer)
    places = []
    for found in by_agency.values():
        if len(found) < 2:
            continue
        actor = next((o.user_id for o in found if o.user_id is not None), None)
        places.append(Place(found[0].agency, found, actor))
    if not places:
        raise SystemExit(
            "no agency with a profile and two active officers: run `liuhen demo` first"
        )
    return places


def party_row(rng: random.Random, case_id: int) -> dict[str, str]:
    from liuhen.cases.models import PartyKind

    if rng.random() < 0.4:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        birth = datetime(1960, 1, 1) + timedelta(days=rng.randrange(15000))  # noqa: DTZ001
        id_number = f"533103{birth:%Y%m%d}{rng.randrange(1000):03d}{rng.choice('0123456789X')}"
        kind = PartyKind.PERSON
    else:
        name = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(TRADES)}有限公司"
        id_number = f"91533103MA{case_id:07d}{rng.choice('ABCDEFGHJK')}"
        kind = PartyKind.ORGANISATION
    return {
        "kind": kind,
        "name": name,
        "id_number": id_number,
        "address": f"{rng.choice(SURNAMES)}家村{rng.randint(1, 300)}号",
        "contact": f"13{rng.randrange(10**9):09d}",
    }
