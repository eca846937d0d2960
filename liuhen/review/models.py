"""Legal review of enforcement decisions (重大执法决定法制审核): the agency's catalogue of major
decisions, review rounds with their materials, points, powers and outcome, manual major marks
and decisions recorded without review.

Models hold data and database constraints only; every change goes through `services/`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liuhen.agencies.models import Agency
from liuhen.cases.models import Case, CaseEvent
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.vocabulary import ACTIONS


class CriterionKind(models.TextChoices):
    MEASURE = "measure", "决定措施"
    FINE = "fine", "罚款数额"
    SITUATION = "situation", "情形"


class MajorDecisionCriterion(models.Model):
    """One entry of an agency's 重大执法决定法制审核目录清单 (henan-review 第七条)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="major_criteria")
    kind = models.CharField("类别", max_length=10, choices=CriterionKind.choices)
    label = models.CharField("事项", max_length=200)
    action = models.CharField(
        "执法行为类别（空为不限）", max_length=16, choices=list(ACTIONS.items()), blank=True
    )
    measures = models.JSONField("决定措施", default=list, blank=True)
    fine_threshold = models.DecimalField(
        "罚款数额下限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    situation = models.CharField("情形", max_length=20, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("设定时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    retired_at = models.DateTimeField("停用时间", null=True, blank=True)

    class Meta:
        verbose_name = "重大执法决定目录事项"
        verbose_name_plural = "重大执法决定目录"
        ordering = ["agency", "id"]
        indexes = [models.Index(fields=["agency", "active"], name="review_criterion_active")]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.label}"


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", "已送审"
    IN_REVIEW = "in_review", "审核中"
    PASSED = "passed", "审核通过"
    RETURNED = "returned", "退回"
    ESCALATED = "escalated", "提请集体讨论"


class DiscussionOutcome(models.TextChoices):
    """What the heads' collective discussion decided (henan-review 第十四条第二款: 集体讨论决定)."""

    DECIDE = "decide", "不采纳审核意见，按拟作出的决定办理"
    RESUBMIT = "resubmit", "采纳审核意见，承办机构处理后再次报送法制审核"


class LegalReview(models.Model):
    """One round of legal review of an intended decision: from receipt of the materials to the
    written opinion. A resubmission after a return is a new round."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_reviews")
    round = models.PositiveSmallIntegerField("轮次")
    state = models.CharField("状态", max_length=10, choices=ReviewState.choices)
    major = models.BooleanField("重大执法决定")
    classification = models.JSONField("认定理由", default=list)
    decision = models.JSONField("拟作出的决定", default=dict)
    report = models.JSONField("调查终结报告", default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="送审人", on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("收到送审材料时间")
    due_at = models.DateTimeField("审核期限")
    extended_at = models.DateTimeField("延长时间", null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    extension_reason = models.CharField("延长理由", max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="法制审核人员",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField("开始审核时间", null=True, blank=True)
    decided_at = models.DateTimeField("审核完毕时间", null=True, blank=True)
    grounds = models.JSONField("不予通过的情形", default=list)
    reasons = models.TextField("理由", blank=True)
    suggestions = models.TextField("建议", blank=True)
    opinion_number = models.CharField("意见书文号", max_length=80, blank=True)
    submitted_event = models.ForeignKey(
        CaseEvent, null=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_event = models.ForeignKey(
        CaseEvent, null=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated_at = models.DateTimeField("提请集体讨论时间", null=True, blank=True)
    escalation_reason = models.TextField("异议理由", blank=True)
    discussion_outcome = models.CharField(
        "集体讨论决定", max_length=10, choices=DiscussionOutcome.choices, blank=True
    )
    escalation_event = models.ForeignKey(
        CaseEvent, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="review_round_once"),
            models.UniqueConstraint(
                fields=["opinion_number"],
                condition=~models.Q(opinion_number=""),
                name="review_opinion_number_once",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="review_state_due")]

    def __str__(self) -> str:
        return f"{self.case_id} 第{self.round}轮 {self.state}"


class MaterialKind(models.TextChoices):
    EVIDENCE = "evidence", "调查取证相关材料"
    APPRAISAL = "appraisal", "鉴定报告、评估报告"
    OTHER = "other", "其他材料"
    OPINION = "opinion", "法制审核意见书"


class ReviewMaterial(models.Model):
    """A file of the evidence store sent with the materials, or the opinion issued."""

    review = models.ForeignKey(LegalReview, on_delete=models.PROTECT, related_name="materials")
    holding = models.ForeignKey(EvidenceHolding, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=MaterialKind.choices)

    class Meta:
        verbose_name = "送审材料"
        verbose_name_plural = "送审材料"
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "holding", "kind"], name="review_material_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.holding_id} ({self.kind})"


class ReviewPointOpinion(models.Model):
    """The reviewer's opinion on one point of henan-review 第九条."""

    review = models.ForeignKey(LegalReview, on_delete=models.PROTECT, related_name="points")
    point = models.CharField("审核要点", max_length=20)
    sound = models.BooleanField("无问题")
    opinion = models.TextField("意见")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "审核要点意见"
        verbose_name_plural = "审核要点意见"
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "point"], name="review_point_once"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id} {self.point}: {'是' if self.sound else '否'}"


class ReviewPowerUse(models.Model):
    """A measure of henan-review 第十条 the review body took (materials, explanation, meeting)."""

    review = models.ForeignKey(LegalReview, on_delete=models.PROTECT, related_name="powers")
    power = models.CharField("措施", max_length=20)
    detail = models.TextField("情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "审核措施"
        verbose_name_plural = "审核措施"
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.review_id} {self.power}"


class MajorMark(models.Model):
    """A handler's marking of a case as a major decision by hand (with the reason)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="major_marks")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField("标记时间")
    reason = models.TextField("理由")
    automatic = models.BooleanField("按目录自动认定", default=False)

    class Meta:
        verbose_name = "重大执法决定认定"
        verbose_name_plural = "重大执法决定认定"
        ordering = ["case", "marked_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} 重大（{self.reason[:20]}）"


class ReviewOverride(models.Model):
    """A decision a head recorded without a passed review (a legacy or imported case), with the
    reason; the rules engine still reports the missing review."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="review_overrides")
    event = models.OneToOneField(CaseEvent, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("记录时间")
    reason = models.TextField("理由")
    refusals = models.JSONField("未满足的审核要求", default=list)

    class Meta:
        verbose_name = "未经法制审核记录的决定"
        verbose_name_plural = "未经法制审核记录的决定"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.event_id}"
