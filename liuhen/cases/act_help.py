"""What an officer should know before recording an act: the requirements the regulations attach
to it, in plain words. Guidance only; the rules engine judges the record."""

from __future__ import annotations

from typing import Final

ONSITE = (
    "须由两名以上执法人员实施，出示执法证件，并同步音像记录；"
    "当事人拒绝签字的，另行记录“拒绝签字或盖章”。"
)

# (type, field) -> when the field applies, shown under it
FIELD_HINTS: Final[dict[tuple[str, str], str]] = {
    ("service", "receipt"): "直接、委托、转交送达：受送达人在送达回证上签收",
    ("service", "registered"): "邮寄送达时",
    ("service", "refusal_reason"): "留置送达时：送达回证上记明拒收事由和日期",
    ("service", "witness"): "留置送达时：由见证人签名或盖章",
    ("service", "other_methods_failed"): "公告送达时：记明其他方式无法送达",
    ("service", "returned"): "邮寄送达时",
    ("decision.made", "fine_amount"): "罚款时填写，单位：元",
    ("rectification.ordered", "due"): "责令改正的期限（北京时间）",
}

# (type, field) -> the values of the act's `method` for which the field matters (the page dims
# the others once a method is chosen; nothing is hidden, so the plain form says everything)
FIELD_METHODS: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("service", "receipt"): ("direct", "entrusted", "transferred", "mail"),
    ("service", "registered"): ("mail",),
    ("service", "returned"): ("mail",),
    ("service", "refusal_reason"): ("left",),
    ("service", "witness"): ("left",),
    ("service", "other_methods_failed"): ("announcement",),
}

ACT_HELP: Final[dict[str, list[str]]] = {
    "case.initiated": [
        "依职权启动一般程序须先经程序启动审批；情况紧急先行启动的，应在 24 小时内补办审批手续。"
    ],
    "inquiry": [ONSITE, "询问笔录应交被询问人核对、签名。"],
    "onsite_inspection": [ONSITE],
    "survey": [ONSITE],
    "sampling": [ONSITE],
    "evidence_collection": [ONSITE],
    "random_inspection": [ONSITE],
    "reinspection": [ONSITE],
    "evidence_preservation": [ONSITE, "保全文书应载明启动理由、具体标的和保全形式。"],
    "compulsory_measure": [
        "实施行政强制措施须两名以上执法人员，当场告知理由、依据和救济途径，并全程音像记录。"
    ],
    "signature_refused": ["选择当事人拒绝签字的那份笔录；应在笔录中注明情况，并有音像记录佐证。"],
    "service": [
        "留置送达：须记明拒收事由和日期，由见证人签名，并对留置过程音像记录。",
        "公告送达：仅在其他方式均无法送达时使用，须记明已尝试的其他送达方式无法送达。",
        "邮寄送达：以挂号信或特快专递寄出，保存回执；邮件退回的应勾选“邮件被退回”。",
        "直接送达：由受送达人在送达回证上签收。",
    ],
    "decision.made": [
        "一般程序的决定由承办人提出，经审核人审核、负责人批准后生效；提交后进入待审批状态。",
        "重大执法决定须先经法制审核。",
    ],
    "decision.drafted": ["决定草稿应载明起草人、审查人、法律依据、证据材料和裁量权适用。"],
    "legal_review.rejected": ["书面审核意见退回的，应说明理由。"],
    "rectification.ordered": ["填写改正期限，期满后应对改正情况进行核查。"],
    "case.closed": ["结案后仍须完成音像记录的分类整理、异地备份等后续义务。"],
    "case.archived": ["须先结案，才能立卷归档；归档后案件不能再记录。"],
    "av.copied": ["复制或调取音像记录须经批准，并写明用途。"],
    "av.published": ["对外发布音像记录须经批准。"],
    "decision.published": ["公开决定应隐去依法应当隐去的个人信息。"],
}
