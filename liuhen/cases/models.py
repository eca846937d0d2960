"""Cases, their parties and officers, the recorded events, approvals and the compliance cache.

Models hold data and database constraints only; every change goes through `services/`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from liuhen.agencies.models import Agency, Officer
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.vocabulary import ACTIONS, PROCEDURES, SOURCES


class Stage(models.TextChoices):
    START = "start", "程序启动"
    INVESTIGATION = "investigation", "调查取证"
    DECISION = "decision", "审查决定"
    EXECUTION = "execution", "送达执行"
    ARCHIVE = "archive", "归档管理"


class CaseNumberCounter(models.Model):
    """The last sequence number given out for one agency and year: gap-free 案号."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "案号计数"
        verbose_name_plural = "案号计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="case_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class Case(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField("案号", max_length=80)
    title = models.CharField("案由", max_length=200)
    action = models.CharField("执法行为类别", max_length=16, choices=list(ACTIONS.items()))
    procedure = models.CharField(
        "程序", max_length=10, choices=list(PROCEDURES.items()), default="general"
    )
    source = models.CharField("案件来源", max_length=12, choices=list(SOURCES.items()))
    major = models.BooleanField("列入重大执法决定目录", default=False)
    major_incident = models.BooleanField("处置重大突发事件、群体性事件", default=False)
    complex = models.BooleanField("重大、疑难、复杂执法活动", default=False)
    profile = models.CharField("适用规定组合", max_length=20, blank=True)
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.START)
    opened_at = models.DateTimeField("登记时间")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_from = models.CharField("导入来源", max_length=200, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="case_number_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "stage"], name="case_agency_stage"),
            # a list page: an agency's newest cases without sorting all of them
            models.Index(fields=["agency", "-opened_at", "-id"], name="case_agency_opened"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Party(models.Model):
    """A party (当事人). `id_number`, `address` and `contact` are personal data: shown only to
    those `access.party_details_visible` allows."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField("类别", max_length=12, choices=PartyKind.choices)
    name = models.CharField("姓名或名称", max_length=100)
    id_number = models.CharField("身份证号或统一社会信用代码", max_length=30, blank=True)
    address = models.CharField("住所", max_length=200, blank=True)
    contact = models.CharField("联系方式", max_length=60, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class OfficerRole(models.TextChoices):
    LEAD = "lead", "主办"
    ASSISTANT = "assistant", "协办"


class CaseOfficer(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField("分工", max_length=10, choices=OfficerRole.choices)
    assigned_at = models.DateTimeField("指派时间")
    released_at = models.DateTimeField("退出时间", null=True, blank=True)

    class Meta:
        verbose_name = "承办人员"
        verbose_name_plural = "承办人员"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "officer"],
                condition=Q(released_at__isnull=True),
                name="case_officer_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.officer_id} {self.role}"


class EventStatus(models.TextChoices):
    EFFECTIVE = "effective", "已生效"
    AWAITING = "awaiting", "待审批"
    RETURNED = "returned", "已退回"
    # superseded by an effective correction (CaseEvent.corrects): kept as recorded, out of the
    # timeline
    CORRECTED = "corrected", "已更正"


class CaseEvent(models.Model):
    """One recorded fact of the timeline vocabulary.

    `fields` holds exactly the vocabulary fields of the type other than type/at/id, as JSON
    (times as RFC 3339 text in +08:00); only effective events belong to the case's timeline.

    A correction is a new row that `corrects` an effective one and takes over its spec id (so
    references to it stay valid); once the correction is effective the original is `corrected`,
    its content untouched. At most one row per spec id is effective.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    position = models.PositiveIntegerField("录入顺序")
    type = models.CharField("事件类型", max_length=40)
    event_id = models.CharField("事件编号", max_length=64)
    at = models.DateTimeField("发生时间")
    fields = models.JSONField("内容", default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("录入时间")
    imported = models.BooleanField("外部导入", default=False)
    status = models.CharField(
        "状态", max_length=10, choices=EventStatus.choices, default=EventStatus.EFFECTIVE
    )
    ledger_sequence = models.PositiveBigIntegerField("留痕序号", null=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name="所更正的记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.TextField("更正理由", blank=True)

    class Meta:
        verbose_name = "执法过程记录"
        verbose_name_plural = "执法过程记录"
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_event_position"),
            # a correction shares its original's spec id; only one of them is in the timeline
            models.UniqueConstraint(
                fields=["case", "event_id"],
                condition=Q(status="effective"),
                name="case_event_id_effective",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "status", "type"], name="case_event_type"),
            # acts awaiting approval, oldest first, without visiting every case of the agency
            models.Index(fields=["status", "recorded_at", "id"], name="case_event_status_at"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.position} {self.type} {self.event_id}"


class CaseEventDocument(models.Model):
    """A written record or recording (an evidence holding) behind an event."""

    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="documents")
    holding = models.ForeignKey(EvidenceHolding, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "记录文件"
        verbose_name_plural = "记录文件"
        constraints = [
            models.UniqueConstraint(fields=["event", "holding"], name="case_event_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.holding_id}"


class ApprovalStep(models.TextChoices):
    REVIEW = "review", "审核"
    APPROVE = "approve", "批准"


class ApprovalOutcome(models.TextChoices):
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回"


class ActApproval(models.Model):
    """One decision of the 承办人 → 审核人 → 批准人 chain on an event awaiting approval."""

    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="approvals")
    step = models.CharField("环节", max_length=10, choices=ApprovalStep.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间")
    outcome = models.CharField("结果", max_length=10, choices=ApprovalOutcome.choices)
    comment = models.TextField("意见", blank=True)
    ledger_sequence = models.PositiveBigIntegerField("留痕序号", null=True)

    class Meta:
        verbose_name = "审批记录"
        verbose_name_plural = "审批记录"
        ordering = ["event", "decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.step} {self.outcome}"


class CaseCompliance(models.Model):
    """The case's findings as of `computed_at`, refreshed by every write (never on view)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="compliance")
    # the case's agency, copied on write: a dashboard's worst cases come from one index
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField("计算时间")
    violations = models.PositiveIntegerField("违规", default=0)
    pending = models.PositiveIntegerField("待办", default=0)
    advice = models.PositiveIntegerField("提示", default=0)
    next_due_at = models.DateTimeField("最近期限", null=True, blank=True)
    findings = models.JSONField("检查结果", default=dict)

    class Meta:
        verbose_name = "合规状态"
        verbose_name_plural = "合规状态"
        indexes = [
            models.Index(fields=["violations"], name="case_compliance_violations"),
            models.Index(
                fields=["agency", "-violations", "-case"], name="case_compliance_agency_worst"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.violations} violations"


class DueStatus(models.TextChoices):
    PENDING = "pending", "待办"
    OVERDUE = "overdue", "已逾期"


class CaseDue(models.Model):
    """A dated duty of the case not yet met: what a dashboard lists as due soon or overdue."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dues")
    # the case's agency, copied on write: a dashboard reads an agency's dues in due order from
    # one index instead of visiting each of its cases
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    duty = models.CharField("义务编号", max_length=80)
    regulation = models.CharField("规定", max_length=40)
    article = models.CharField("条款", max_length=40)
    label = models.CharField("义务", max_length=200)
    message = models.CharField("说明", max_length=500, blank=True)
    events = models.JSONField("所涉事件", default=list)
    due_at = models.DateTimeField("期限")
    status = models.CharField("状态", max_length=10, choices=DueStatus.choices)

    class Meta:
        verbose_name = "办案期限"
        verbose_name_plural = "办案期限"
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["due_at"], name="case_due_at"),
            models.Index(fields=["case", "due_at"], name="case_due_case_at"),
            models.Index(fields=["agency", "due_at", "id"], name="case_due_agency_at"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.regulation} {self.article} {self.due_at}"
