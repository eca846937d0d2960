"""A small government tree with every supervision relation, for service and access tests.

云南省人民政府
├── 德宏州人民政府 ── 德宏州司法局, 德宏州应急管理局, 德宏州市场监管局
│   └── 芒市人民政府 ── 芒市司法局, 芒市应急管理局 (entrusts 芒市应急执法大队), 芒市市场监管局
└── 保山市人民政府 ── 保山市应急管理局
"""

from __future__ import annotations

from dataclasses import dataclass

from liuhen.agencies.models import Agency, AgencyKind
from liuhen.agencies.services import agency_create, supervision_derive
from tests.factories import credit_code, department, government


@dataclass
class World:
    yunnan: Agency
    dehong: Agency
    dehong_justice: Agency
    dehong_emergency: Agency
    dehong_market: Agency
    mangshi: Agency
    mangshi_justice: Agency
    mangshi_emergency: Agency
    mangshi_market: Agency
    mangshi_brigade: Agency
    baoshan: Agency
    baoshan_emergency: Agency


def build_world() -> World:
    yunnan = government("云南省人民政府", level="province")
    dehong = government("德宏州人民政府", level="prefecture", parent=yunnan, profile="dehong")
    mangshi = government("芒市人民政府", level="county", parent=dehong, profile="dehong")
    baoshan = government("保山市人民政府", level="prefecture", parent=yunnan)
    mangshi_emergency = department("芒市应急管理局", government=mangshi)
    world = World(
        yunnan=yunnan,
        dehong=dehong,
        dehong_justice=department(
            "德宏州司法局",
            government=dehong,
            kind=AgencyKind.JUSTICE,
            system="司法行政",
            profile="dehong",
        ),
        dehong_emergency=department("德宏州应急管理局", government=dehong, profile="dehong"),
        dehong_market=department(
            "德宏州市场监管局", government=dehong, system="市场监管", profile="dehong"
        ),
        mangshi=mangshi,
        mangshi_justice=department(
            "芒市司法局",
            government=mangshi,
            kind=AgencyKind.JUSTICE,
            system="司法行政",
            profile="dehong",
        ),
        mangshi_emergency=mangshi_emergency,
        mangshi_market=department(
            "芒市市场监管局", government=mangshi, system="市场监管", profile="dehong"
        ),
        mangshi_brigade=agency_create(
            actor=None,
            name="芒市应急执法大队",
            credit_code=credit_code(),
            kind=AgencyKind.ENTRUSTED,
            level="county",
            parent=mangshi_emergency,
            system="应急管理",
            profile="mangshi",
            entrusted_by=mangshi_emergency,
        ),
        baoshan=baoshan,
        baoshan_emergency=department("保山市应急管理局", government=baoshan, profile=""),
    )
    for agency in Agency.objects.all():
        supervision_derive(actor=None, agency=agency)
    return world
