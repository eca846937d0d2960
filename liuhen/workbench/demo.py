"""Demo data: real government trees for every jurisdiction profile, their justice bureaus as
supervisors, realistic officers, every role filled and a log-in per role.

Loading is idempotent: what exists (matched by name, username or certificate number) is kept.
Every write goes through the services, exactly as a user's would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.accounts.services import membership_add, role_grant, user_create
from liuhen.agencies.credit_code import credit_code_build
from liuhen.agencies.models import Agency, AgencyKind, Officer, OfficerStatus
from liuhen.agencies.services import (
    agency_create,
    officer_link_user,
    officer_register,
    officer_set_status,
    supervision_derive,
)

DEMO_PASSWORD = "Liuhen-Demo-2026"  # noqa: S105 - printed for the demo log-ins on purpose


@dataclass(frozen=True)
class AgencySpec:
    name: str
    kind: str
    level: str
    division: str
    parent: str | None = None
    system: str = ""
    profile: str = ""
    entrusted_by: str | None = None
    short_name: str = ""


G, J, D, E = AgencyKind.GOVERNMENT, AgencyKind.JUSTICE, AgencyKind.DEPARTMENT, AgencyKind.ENTRUSTED
P, C, K = "province", "prefecture", "county"

AGENCIES: list[AgencySpec] = [
    # 云南省 → 德宏州 → 芒市 → 芒市应急管理局 (profiles dehong / mangshi)
    AgencySpec("云南省人民政府", G, P, "530000"),
    AgencySpec(
        "德宏傣族景颇族自治州人民政府",
        G,
        C,
        "533100",
        "云南省人民政府",
        profile="dehong",
        short_name="德宏州人民政府",
    ),
    AgencySpec(
        "德宏州司法局", J, C, "533100", "德宏傣族景颇族自治州人民政府", "司法行政", "dehong"
    ),
    AgencySpec(
        "德宏州应急管理局", D, C, "533100", "德宏傣族景颇族自治州人民政府", "应急管理", "dehong"
    ),
    AgencySpec("芒市人民政府", G, K, "533103", "德宏傣族景颇族自治州人民政府", profile="dehong"),
    AgencySpec("芒市司法局", J, K, "533103", "芒市人民政府", "司法行政", "dehong"),
    AgencySpec("芒市应急管理局", D, K, "533103", "芒市人民政府", "应急管理", "mangshi"),
    AgencySpec(
        "芒市应急管理综合行政执法大队",
        E,
        K,
        "533103",
        "芒市应急管理局",
        "应急管理",
        "mangshi",
        entrusted_by="芒市应急管理局",
        short_name="芒市应急执法大队",
    ),
    # 河南省 → 南阳市 → 方城县 → 方城县市场监督管理局 (profiles henan / fangcheng)
    AgencySpec("河南省人民政府", G, P, "410000", profile="henan"),
    AgencySpec("河南省司法厅", J, P, "410000", "河南省人民政府", "司法行政", "henan"),
    AgencySpec("河南省市场监督管理局", D, P, "410000", "河南省人民政府", "市场监管", "henan"),
    AgencySpec("南阳市人民政府", G, C, "411300", "河南省人民政府", profile="henan"),
    AgencySpec("南阳市司法局", J, C, "411300", "南阳市人民政府", "司法行政", "henan"),
    AgencySpec("南阳市市场监督管理局", D, C, "411300", "南阳市人民政府", "市场监管", "henan"),
    AgencySpec("方城县人民政府", G, K, "411322", "南阳市人民政府", profile="henan"),
    AgencySpec("方城县司法局", J, K, "411322", "方城县人民政府", "司法行政", "henan"),
    AgencySpec(
        "方城县市场监督管理局",
        D,
        K,
        "411322",
        "方城县人民政府",
        "市场监管",
        "fangcheng",
        short_name="方城县市场监管局",
    ),
    # 广东省 → 广州市 → 广州市应急管理局 (profile guangdong)
    AgencySpec("广东省人民政府", G, P, "440000", profile="guangdong"),
    AgencySpec("广东省司法厅", J, P, "440000", "广东省人民政府", "司法行政", "guangdong"),
    AgencySpec("广东省应急管理厅", D, P, "440000", "广东省人民政府", "应急管理", "guangdong"),
    AgencySpec("广州市人民政府", G, C, "440100", "广东省人民政府", profile="guangdong"),
    AgencySpec("广州市司法局", J, C, "440100", "广州市人民政府", "司法行政", "guangdong"),
    AgencySpec("广州市应急管理局", D, C, "440100", "广州市人民政府", "应急管理", "guangdong"),
    # 新疆 → 克拉玛依市 → 白碱滩区 → 白碱滩区发展和改革委员会 (profile baijiantan)
    AgencySpec("新疆维吾尔自治区人民政府", G, P, "650000"),
    AgencySpec("克拉玛依市人民政府", G, C, "650200", "新疆维吾尔自治区人民政府"),
    AgencySpec("克拉玛依市司法局", J, C, "650200", "克拉玛依市人民政府", "司法行政"),
    AgencySpec("克拉玛依市白碱滩区人民政府", G, K, "650204", "克拉玛依市人民政府"),
    AgencySpec(
        "克拉玛依市白碱滩区司法局", J, K, "650204", "克拉玛依市白碱滩区人民政府", "司法行政"
    ),
    AgencySpec(
        "克拉玛依市白碱滩区发展和改革委员会",
        D,
        K,
        "650204",
        "克拉玛依市白碱滩区人民政府",
        "发展改革",
        "baijiantan",
        short_name="白碱滩区发改委",
    ),
]


@dataclass(frozen=True)
class OfficerSpec:  # 执法人员
    agency: str
    name: str
    certificate: str
    position: str
    area: str
    valid_until: dt.date
    status: str = OfficerStatus.ACTIVE
    status_reason: str = ""


@dataclass(frozen=True)
class UserSpec:  # a log-in, its agency, title and roles; `officer` names its certificate
    username: str
    full_name: str
    agency: str
    title: str
    roles: tuple[str, ...]
    officer: str | None = None


_D = dt.date
OFFICERS: list[OfficerSpec] = [
    OfficerSpec(
        "芒市应急管理局", "李明", "53310320190015", "执法股股长", "芒市行政区域", _D(2028, 6, 30)
    ),
    OfficerSpec(
        "芒市应急管理局", "杨建国", "53310320200032", "执法股科员", "芒市行政区域", _D(2027, 1, 15)
    ),
    OfficerSpec(
        "芒市应急管理局", "赵磊", "53310320180007", "执法股负责人", "芒市行政区域", _D(2028, 3, 31)
    ),
    OfficerSpec(
        "芒市应急管理局", "刀国华", "53310320160001", "局长", "芒市行政区域", _D(2028, 12, 31)
    ),
    OfficerSpec(
        "芒市应急管理局", "杨丽", "53310320210041", "法制股股长", "芒市行政区域", _D(2029, 5, 31)
    ),
    OfficerSpec(
        "芒市应急管理局",
        "排晓东",
        "53310320220058",
        "执法股科员",
        "芒市行政区域",
        _D(2029, 8, 31),
        OfficerStatus.SUSPENDED,
        "年度执法考核不合格，暂扣执法证并参加离岗培训",
    ),
    OfficerSpec(
        "芒市应急管理综合行政执法大队",
        "岳红梅",
        "53310320230063",
        "大队长",
        "芒市行政区域",
        _D(2029, 9, 30),
    ),
    OfficerSpec(
        "方城县市场监督管理局",
        "王磊",
        "41132220190102",
        "执法大队队长",
        "方城县行政区域",
        _D(2028, 10, 31),
    ),
    OfficerSpec(
        "方城县市场监督管理局",
        "刘洋",
        "41132220210117",
        "执法大队队员",
        "方城县行政区域",
        _D(2027, 12, 31),
    ),
    OfficerSpec(
        "方城县市场监督管理局", "陈静", "41132220150011", "局长", "方城县行政区域", _D(2028, 4, 30)
    ),
    OfficerSpec(
        "方城县市场监督管理局",
        "周敏",
        "41132220200125",
        "法制股股长",
        "方城县行政区域",
        _D(2029, 2, 28),
    ),
    OfficerSpec(
        "广州市应急管理局",
        "黄志强",
        "44010020180231",
        "执法支队一大队大队长",
        "广州市行政区域",
        _D(2028, 7, 31),
    ),
    OfficerSpec(
        "广州市应急管理局",
        "梁嘉欣",
        "44010020220376",
        "执法支队一大队队员",
        "广州市行政区域",
        _D(2029, 3, 31),
    ),
    OfficerSpec(
        "广州市应急管理局", "陈伟文", "44010020140019", "副局长", "广州市行政区域", _D(2027, 9, 30)
    ),
    OfficerSpec(
        "克拉玛依市白碱滩区发展和改革委员会",
        "艾力·买买提",
        "65020420190008",
        "价格监督检查股股长",
        "白碱滩区行政区域",
        _D(2028, 11, 30),
    ),
    OfficerSpec(
        "克拉玛依市白碱滩区发展和改革委员会",
        "王娟",
        "65020420210013",
        "价格监督检查股科员",
        "白碱滩区行政区域",
        _D(2029, 6, 30),
    ),
    OfficerSpec(
        "克拉玛依市白碱滩区发展和改革委员会",
        "古丽娜尔·吐尔逊",
        "65020420170002",
        "主任",
        "白碱滩区行政区域",
        _D(2028, 1, 31),
    ),
]

H, RV, AP, LR, AR, SU, SA = (
    Role.HANDLER,
    Role.REVIEWER,
    Role.APPROVER,
    Role.LEGAL_REVIEWER,
    Role.ARCHIVIST,
    Role.SUPERVISOR,
    Role.SYSADMIN,
)
MS, FC = "芒市应急管理局", "方城县市场监督管理局"
GZ, BJT = "广州市应急管理局", "克拉玛依市白碱滩区发展和改革委员会"
USERS: list[UserSpec] = [
    UserSpec("mangshi.handler", "李明", MS, "执法股股长", (H,), "53310320190015"),
    UserSpec("mangshi.handler2", "杨建国", MS, "执法股科员", (H,), "53310320200032"),
    UserSpec("mangshi.reviewer", "赵磊", MS, "执法股负责人", (RV,), "53310320180007"),
    UserSpec("mangshi.head", "刀国华", MS, "局长", (AP,), "53310320160001"),
    UserSpec("mangshi.legal", "杨丽", MS, "法制股股长", (LR,), "53310320210041"),
    UserSpec("mangshi.archivist", "段红", MS, "办公室档案员", (AR,)),
    UserSpec("mangshi.admin", "孙伟", MS, "信息中心工程师", (SA,)),
    UserSpec("dehong.supervisor", "李娜", "德宏州司法局", "行政执法协调监督科科长", (SU,)),
    UserSpec("dehong.yjj.supervisor", "张涛", "德宏州应急管理局", "政策法规科科长", (SU,)),
    UserSpec("mangshi.supervisor", "王海", "芒市司法局", "行政执法协调监督股股长", (SU,)),
    UserSpec("fangcheng.handler", "王磊", FC, "执法大队队长", (H,), "41132220190102"),
    UserSpec("fangcheng.handler2", "刘洋", FC, "执法大队队员", (H,), "41132220210117"),
    UserSpec("fangcheng.head", "陈静", FC, "局长", (AP, RV), "41132220150011"),
    UserSpec("fangcheng.legal", "周敏", FC, "法制股股长", (LR,), "41132220200125"),
    UserSpec("fangcheng.admin", "郭鹏", FC, "办公室", (SA, AR)),
    UserSpec("nanyang.supervisor", "马超", "南阳市司法局", "行政执法协调监督科科长", (SU,)),
    UserSpec("guangdong.handler", "黄志强", GZ, "执法支队一大队大队长", (H,), "44010020180231"),
    UserSpec("guangdong.handler2", "梁嘉欣", GZ, "执法支队一大队队员", (H,), "44010020220376"),
    UserSpec("guangdong.head", "陈伟文", GZ, "副局长", (AP, RV), "44010020140019"),
    UserSpec(
        "baijiantan.handler", "艾力·买买提", BJT, "价格监督检查股股长", (H,), "65020420190008"
    ),
    UserSpec("baijiantan.handler2", "王娟", BJT, "价格监督检查股科员", (H,), "65020420210013"),
    UserSpec("baijiantan.head", "古丽娜尔·吐尔逊", BJT, "主任", (AP, RV), "65020420170002"),
]


def demo_credit_code(agency: AgencySpec) -> str:
    """A valid-looking code derived from the name, so that reloading gives the same code."""
    digits = str(int(hashlib.sha256(agency.name.encode()).hexdigest(), 16))[-6:]
    category = "2" if agency.kind == AgencyKind.ENTRUSTED else "1"  # 事业单位 / 机关
    return credit_code_build(
        registry="1", category=category, division=agency.division, org_body=f"MB{digits}"
    )


@dataclass
class DemoResult:
    created_agencies: int = 0
    created_officers: int = 0
    created_users: int = 0


@transaction.atomic
def demo_load() -> DemoResult:
    """Load the demo data (idempotent). Side effects: agencies, supervision relations, officers,
    users, memberships and roles, all through the services, in one transaction."""
    result = DemoResult()
    by_name: dict[str, Agency] = {}
    for spec in AGENCIES:
        existing = Agency.objects.filter(name=spec.name).first()
        if existing is None:
            existing = agency_create(
                actor=None,
                name=spec.name,
                short_name=spec.short_name,
                credit_code=demo_credit_code(spec),
                kind=spec.kind,
                level=spec.level,
                parent=by_name[spec.parent] if spec.parent else None,
                system=spec.system,
                division_code=spec.division,
                profile=spec.profile,
                entrusted_by=by_name[spec.entrusted_by] if spec.entrusted_by else None,
            )
            result.created_agencies += 1
        by_name[spec.name] = existing
    for agency in by_name.values():
        supervision_derive(actor=None, agency=agency)

    for officer_spec in OFFICERS:
        if Officer.objects.filter(certificate_number=officer_spec.certificate).exists():
            continue
        officer = officer_register(
            actor=None,
            agency=by_name[officer_spec.agency],
            name=officer_spec.name,
            certificate_number=officer_spec.certificate,
            position=officer_spec.position,
            enforcement_area=officer_spec.area,
            certificate_valid_until=officer_spec.valid_until,
        )
        if officer_spec.status != OfficerStatus.ACTIVE:
            officer_set_status(
                actor=None,
                officer=officer,
                status=officer_spec.status,
                reason=officer_spec.status_reason,
            )
        result.created_officers += 1

    for user_spec in USERS:
        user = User.objects.filter(username=user_spec.username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=user_spec.username,
                full_name=user_spec.full_name,
                password=DEMO_PASSWORD,
            )
            result.created_users += 1
        agency = by_name[user_spec.agency]
        membership_add(actor=None, user=user, agency=agency, title=user_spec.title)
        if user_spec.officer:
            officer = Officer.objects.get(certificate_number=user_spec.officer)
            if officer.user_id is None:
                officer_link_user(actor=None, officer=officer, user=user)
        for role in user_spec.roles:
            role_grant(actor=None, user=user, agency=agency, role=role)

    if not User.objects.filter(username="admin").exists():
        user_create(
            actor=None,
            username="admin",
            full_name="平台管理员",
            password=DEMO_PASSWORD,
            is_superuser=True,
        )
        result.created_users += 1
    return result


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, name, roles and agency) for every demo log-in, for printing."""
    rows = [("admin", "平台管理员", "平台管理员（系统管理）")]
    for spec in USERS:
        roles = "、".join(Role(r).label for r in spec.roles)
        rows.append((spec.username, spec.full_name, f"{roles} · {spec.agency}"))
    return rows
