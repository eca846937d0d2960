"""The case-timeline vocabulary as data: event types, their fields, types, enums and defaults.

This table is the single source of truth read by the timeline validator, the property-test
strategies, the regulation-pack checker (a pack may only name fields that exist here) and the
platform's forms. It transcribes `docs/spec/case-timeline.md`; change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

FORMAT: Final = "liuhen.case-timeline/1"
FINDINGS_FORMAT: Final = "liuhen.findings/1"

FieldKind = Literal[
    "bool", "str", "number", "time", "enum", "enum_list", "ref", "ref_list", "interruptions"
]

STAGES: Final = ("程序启动", "调查取证", "审查决定", "送达执行", "归档管理", "公示")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the case, an event or an interruption."""

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    values: tuple[str, ...] = ()  # enum / enum_list
    default: str | None = None  # enum default; booleans default to False, lists to ()
    refs: tuple[str, ...] = ()  # ref / ref_list: the event types an id may name ("*act" = any act)
    nullable: bool = False

    @property
    def empty(self) -> object:
        """The value an absent field takes: false, the enum default, an empty list, or None."""
        if self.kind == "bool":
            return False
        if self.kind in ("enum_list", "ref_list", "interruptions"):
            return ()
        return self.default


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    stage: str
    label: str
    fields: tuple[FieldSpec, ...] = ()
    act: bool = False  # an act recorded in writing, which a party may be asked to sign


def _b(name: str, label: str) -> FieldSpec:
    return FieldSpec(name, "bool", label)


def _e(name: str, label: str, values: tuple[str, ...], *, required: bool = False) -> FieldSpec:
    return FieldSpec(name, "enum", label, required=required, values=values)


ACTIONS: Final = {
    "license": "行政许可",
    "penalty": "行政处罚",
    "compulsory": "行政强制",
    "levy": "行政征收",
    "requisition": "行政征用",
    "fee": "行政收费",
    "payment": "行政给付",
    "confirmation": "行政确认",
    "registration": "行政登记",
    "adjudication": "行政裁决",
    "inspection": "行政检查",
    "other": "其他行政执法行为",
}
PROCEDURES: Final = {"general": "一般程序", "simple": "简易程序"}
SOURCES: Final = {"ex_officio": "依职权", "application": "依申请", "complaint": "投诉举报"}
AV_EXEMPTIONS: Final = {
    "state_secret": "涉及国家秘密",
    "hazard_area": "爆炸危险区域",
    "privacy": "涉及秘密或个人隐私",
    "other": "其他不适宜音像记录的情形",
}
MEASURES: Final = {
    "restrict_freedom": "限制人身自由",
    "seal": "查封",
    "seize": "扣押",
    "freeze": "冻结",
    "demolish": "强制拆除",
    "other": "其他",
}
COPY_PURPOSES: Final = {
    "party": "当事人",
    "superior": "上级机关",
    "supervision": "监察、法制等监督部门",
    "judicial": "司法机关",
    "petition": "信访部门",
    "other": "其他",
}
DECISION_MEASURES: Final = {
    "warning": "警告",
    "fine": "罚款",
    "confiscation": "没收",
    "suspend_business": "责令停产停业",
    "revoke_license": "吊销许可证或执照",
    "license_granted": "准予许可",
    "license_denied": "不予许可",
    "seal": "查封",
    "seize": "扣押",
    "other": "其他",
}
# The kind of act a decision measure belongs to (行政处罚法, 行政许可法, 行政强制法 list them), so
# that a decision's measures tell its kind whatever the case is labelled. `other` tells nothing.
MEASURE_KINDS: Final = {
    "warning": "penalty",
    "fine": "penalty",
    "confiscation": "penalty",
    "suspend_business": "penalty",
    "revoke_license": "penalty",
    "license_granted": "license",
    "license_denied": "license",
    "seal": "compulsory",
    "seize": "compulsory",
}
SERVICE_METHODS: Final = {
    "direct": "直接送达",
    "mail": "邮寄送达",
    "entrusted": "委托送达",
    "transferred": "转交送达",
    "left": "留置送达",
    "fax": "传真送达",
    "announcement": "公告送达",
}
ENFORCEMENT_METHODS: Final = {
    "surcharge": "加处罚款或滞纳金",
    "deposit_transfer": "划拨存款、汇款",
    "auction": "拍卖或依法处理",
    "remove_obstruction": "排除妨碍",
    "restore": "恢复原状",
    "substitute": "代履行",
    "other": "其他",
}

CASE_FIELDS: Final = (
    FieldSpec("id", "str", "案号", required=True),
    _e("action", "执法行为类别", tuple(ACTIONS), required=True),
    FieldSpec("procedure", "enum", "程序", values=tuple(PROCEDURES), default="general"),
    _e("source", "案件来源", tuple(SOURCES), required=True),
    _b("major", "列入重大执法决定目录"),
    _b("major_incident", "处置重大突发事件、群体性事件"),
    _b("complex", "重大、疑难、复杂执法活动"),
)

# Fields every event may carry. `type` and `at` are read before these.
COMMON_FIELDS: Final = (
    FieldSpec("id", "str", "编号"),
    FieldSpec("at", "time", "时间", required=True),
    FieldSpec("av", "ref_list", "音像记录", refs=("av.recorded",)),
    FieldSpec("av_exempt", "enum", "不予音像记录的理由", values=tuple(AV_EXEMPTIONS)),
    FieldSpec("note", "str", "备注"),
)

INTERRUPTION_FIELDS: Final = (
    FieldSpec("at", "time", "中止时间", required=True),
    FieldSpec("resumed_at", "time", "恢复时间", required=True, nullable=True),
    _b("reason_stated", "重新开始记录时语音说明中止原因"),
    _b("reported", "立即向负责人报告"),
    _b("written_explanation", "事后书面说明情况"),
)

_OF_AV = FieldSpec("of", "ref", "所涉音像记录", required=True, refs=("av.recorded",))

_START = "程序启动"
_INVEST = "调查取证"
_AV = "归档管理"
_REVIEW = "审查决定"
_SERVE = "送达执行"
_CLOSE = "归档管理"
_PUBLIC = "公示"


def _act(name: str, label: str, *fields: FieldSpec) -> EventType:
    return EventType(name, _INVEST, label, fields, act=True)


EVENT_TYPES: Final[dict[str, EventType]] = {
    t.name: t
    for t in (
        # 程序启动
        EventType("complaint.received", _START, "投诉举报", (_b("real_name", "实名"),)),
        EventType("complaint.declined", _START, "不予立案（投诉举报）"),
        EventType("complainant.notified", _START, "告知投诉举报人"),
        EventType("application.received", _START, "申请登记", (_b("oral", "口头申请"),), act=True),
        EventType(
            "application.correction_requested",
            _START,
            "告知补正",
            (_b("all_at_once", "一次性告知需补正的全部内容"),),
            act=True,
        ),
        EventType("application.accepted", _START, "受理", act=True),
        EventType("application.rejected", _START, "不予受理", act=True),
        EventType(
            "case.initiated", _START, "立案（程序启动）", (_b("urgent", "情况紧急先行启动"),)
        ),
        EventType(
            "initiation.approved",
            _START,
            "程序启动审批",
            (_b("legal_opinion", "载明法制机构合法性审查意见"),),
        ),
        # 调查取证
        _act("inquiry", "询问"),
        _act("onsite_inspection", "现场检查"),
        _act("survey", "勘验"),
        _act("random_inspection", "随机抽查"),
        _act("evidence_collection", "调取书证、物证"),
        _act("sampling", "抽样取证"),
        _act("testing", "检验、检测、检疫、鉴定"),
        _act(
            "evidence_preservation",
            "证据保全",
            _b("reason", "载明启动理由"),
            _b("target", "载明具体标的"),
            _b("form", "载明保全形式"),
        ),
        _act(
            "compulsory_measure",
            "行政强制措施",
            _e("measure", "强制措施", tuple(MEASURES), required=True),
        ),
        _act("rights_notice", "权利告知"),
        _act("statement", "陈述申辩", _b("waived", "放弃陈述申辩")),
        _act("hearing", "听证"),
        _act("expert_review", "专家论证、评审"),
        _act("obstruction", "阻碍、不配合执法"),
        EventType(
            "signature_refused",
            _INVEST,
            "拒绝签字或盖章",
            (FieldSpec("of", "ref", "未签字的笔录", required=True, refs=("*act",)),),
        ),
        _act("license_reception", "窗口受理许可申请"),
        _act("reinspection", "复查"),
        # 音像记录
        EventType(
            "av.recorded",
            _INVEST,
            "音像记录",
            (
                FieldSpec("start", "time", "开始时间", required=True),
                _b("notice_given", "告知正在音像记录"),
                _b("statement_given", "语音说明时间、地点、执法人员和执法行为"),
                FieldSpec("interruptions", "interruptions", "中止记录"),
                _b("hazard_area_without_explosion_proof_device", "在爆炸危险区域使用非防爆设备"),
                _b("privacy_without_consent", "未经同意记录秘密或个人隐私"),
            ),
        ),
        EventType(
            "field.returned", _AV, "执法人员返回单位", (_b("remote", "边远、水上、异地或连续执法"),)
        ),
        EventType("av.stored", _AV, "储存", (_OF_AV, _b("special", "有书面记载的特殊情况"))),
        EventType("av.catalogued", _AV, "分类整理、命名、描述", (_OF_AV,)),
        EventType("av.backed_up", _AV, "异地备份", (_OF_AV,)),
        EventType(
            "av.evidence",
            _AV,
            "作为证据使用",
            (
                _OF_AV,
                _b("description", "制作文字说明（制作人、提取人、时间、地点）"),
                _b("disc_copy", "复制到光盘附卷"),
            ),
        ),
        EventType("av.edited", _AV, "剪接、删改", (_OF_AV,)),
        EventType("av.deleted", _AV, "销毁", (_OF_AV,)),
        EventType(
            "av.copied",
            _AV,
            "复制或调取",
            (
                _OF_AV,
                _e("for", "用途", tuple(COPY_PURPOSES), required=True),
                _b("approved", "经批准"),
            ),
        ),
        EventType("av.published", _AV, "对外发布", (_OF_AV, _b("approved", "经批准"))),
        # 审查决定
        EventType(
            "decision.drafted",
            _REVIEW,
            "草拟决定",
            (
                _b("drafter", "载明起草人"),
                _b("reviewer", "载明起草机构审查人"),
                _b("legal_basis", "载明法律依据"),
                _b("evidence", "载明证据材料"),
                _b("discretion", "载明裁量权适用"),
            ),
        ),
        EventType("org_review", _REVIEW, "承办机构审核"),
        EventType("legal_review.submitted", _REVIEW, "送交法制审核"),
        EventType(
            "legal_review.extended", _REVIEW, "延长法制审核期限", (_b("approved", "经负责人批准"),)
        ),
        EventType("legal_review.passed", _REVIEW, "法制审核通过"),
        EventType("legal_review.rejected", _REVIEW, "法制审核未通过", (_b("reasons", "说明理由"),)),
        EventType("collective_discussion", _REVIEW, "集体讨论"),
        EventType("decision.approved", _REVIEW, "负责人审批"),
        EventType("decision.pre_notice", _REVIEW, "事先告知", act=True),
        EventType(
            "decision.made",
            _REVIEW,
            "作出决定",
            (
                FieldSpec(
                    "measures",
                    "enum_list",
                    "决定内容",
                    required=True,
                    values=tuple(DECISION_MEASURES),
                ),
                FieldSpec("fine_amount", "number", "罚款数额（元）"),
            ),
            act=True,
        ),
        EventType("onspot_fine_collected", _REVIEW, "当场收缴罚款", act=True),
        # 送达执行
        EventType(
            "service",
            _SERVE,
            "送达",
            (
                _e("method", "送达方式", tuple(SERVICE_METHODS), required=True),
                _b("receipt", "送达回证或回执签收留存"),
                _b("registered", "挂号信或特快专递"),
                _b("refusal_reason", "记明拒收事由"),
                _b("witness", "见证人签名"),
                _b("other_methods_failed", "记明其他方式无法送达"),
                _b("returned", "邮件被退回"),
            ),
            act=True,
        ),
        EventType("fulfilled", _SERVE, "当事人履行"),
        EventType(
            "rectification.ordered",
            _SERVE,
            "责令改正",
            (FieldSpec("due", "time", "改正期限"),),
            act=True,
        ),
        EventType("rectification.checked", _SERVE, "改正情况核查", act=True),
        EventType("urge.issued", _SERVE, "催告", act=True),
        EventType(
            "enforcement",
            _SERVE,
            "强制执行",
            (_e("method", "执行方式", tuple(ENFORCEMENT_METHODS), required=True),),
            act=True,
        ),
        EventType("court.applied", _SERVE, "申请法院强制执行"),
        EventType("court.result", _SERVE, "法院强制执行结果"),
        # 归档管理
        EventType("case.closed", _CLOSE, "结案"),
        EventType("case.archived", _CLOSE, "立卷归档"),
        # 公示
        EventType(
            "decision.published",
            _PUBLIC,
            "公开执法决定",
            (_b("redacted", "隐去依法应隐去的信息"), _b("full_text", "全文公开决定文书")),
        ),
        EventType("decision.revoked", _PUBLIC, "决定被撤销、确认违法或重新作出"),
        EventType("publication.withdrawn", _PUBLIC, "撤下公开信息"),
        EventType("publication.error_found", _PUBLIC, "发现公开信息不准确"),
        EventType("publication.corrected", _PUBLIC, "更正公开信息"),
    )
}

ACT_TYPES: Final = frozenset(name for name, t in EVENT_TYPES.items() if t.act)
TOP_LEVEL_FIELDS: Final = ("format", "profile", "case", "events")


def event_fields(type_name: str) -> dict[str, FieldSpec]:
    """Every field an event of this type may carry, the common ones first."""
    fields = {f.name: f for f in COMMON_FIELDS}
    fields.update({f.name: f for f in EVENT_TYPES[type_name].fields})
    return fields


def ref_targets(spec: FieldSpec) -> frozenset[str]:
    """The event types an id in this field may name."""
    if spec.refs == ("*act",):
        return ACT_TYPES
    return frozenset(spec.refs)


def label(type_name: str) -> str:
    """The Chinese name of an event type, for messages and reports."""
    event_type = EVENT_TYPES.get(type_name)
    return event_type.label if event_type else type_name
