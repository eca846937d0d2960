"""行政执法主体 (agencies), the supervision relation between them, and 执法人员 (officers).

Models hold data and database constraints only; every change goes through `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from liuhen.rules.profiles import profile_choices


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    JUSTICE = "justice", "司法行政机关"
    DEPARTMENT = "department", "行政执法部门"
    AUTHORISED = "authorised", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    PREFECTURE = "prefecture", "地市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇级"


LEVEL_ORDER = {
    AgencyLevel.PROVINCE: 0,
    AgencyLevel.PREFECTURE: 1,
    AgencyLevel.COUNTY: 2,
    AgencyLevel.TOWNSHIP: 3,
}


class Agency(models.Model):
    """A 行政执法主体, or a people's government, in the government tree.

    `parent` is the organisational tree (a department's government, a government's superior
    government). Supervision is deliberately NOT derived from it at query time: see `Supervision`.
    """

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    kind = models.CharField("主体类别", max_length=16, choices=AgencyKind.choices)
    level = models.CharField("层级", max_length=16, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    system = models.CharField(
        "执法系统", max_length=40, blank=True, help_text="如 应急管理、市场监管；人民政府留空"
    )
    division_code = models.CharField("行政区划代码", max_length=6, blank=True)
    profile = models.CharField(
        "适用规定组合",
        max_length=20,
        choices=profile_choices(),
        blank=True,
        help_text="留空表示本平台收录的规定均不约束该主体",
    )
    entrusted_by = models.ForeignKey(
        "self",
        verbose_name="委托机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_organisations",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政执法主体"
        verbose_name_plural = "行政执法主体"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="agency_entrusted_has_principal",
                condition=(Q(kind="entrusted") & Q(entrusted_by__isnull=False))
                | (~Q(kind="entrusted") & Q(entrusted_by__isnull=True)),
            ),
            models.CheckConstraint(
                name="agency_not_own_parent", condition=~Q(parent=models.F("pk"))
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_entrusted(self) -> bool:
        return self.kind == AgencyKind.ENTRUSTED


class SupervisionBasis(models.TextChoices):
    JUSTICE = "justice", "司法行政部门监督"
    SUPERIOR_DEPARTMENT = "superior_department", "上级主管部门监督"
    ENTRUSTING = "entrusting", "委托机关监督"


class Supervision(models.Model):
    """`supervisor` supervises the enforcement of `supervised` (行政执法监督).

    Its own relation, not the agency tree: the justice bureau of a government supervises that
    government's enforcement agencies and those of the governments below it; a superior
    department supervises the lower departments of its own system; an entrusting agency
    supervises the organisation it entrusted. A row is ended, never deleted, so that who could see
    what, and when, stays answerable.
    """

    supervisor = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="supervising"
    )
    supervised = models.ForeignKey(
        Agency, verbose_name="被监督主体", on_delete=models.PROTECT, related_name="supervised_by"
    )
    basis = models.CharField("监督依据", max_length=24, choices=SupervisionBasis.choices)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "执法监督关系"
        verbose_name_plural = "执法监督关系"
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "supervised"],
                condition=Q(ended_at__isnull=True),
                name="supervision_one_active_per_pair",
            ),
            models.CheckConstraint(
                name="supervision_not_self", condition=~Q(supervisor=models.F("supervised"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} → {self.supervised}（{self.get_basis_display()}）"


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Officer(models.Model):
    """A 执法人员 holding an enforcement certificate (执法证).

    The fields are those henan-publicity 第九条 publishes: name, position, certificate number and
    enforcement area. A person who logs in may be linked to their officer record.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="所属主体", on_delete=models.PROTECT, related_name="officers"
    )
    name = models.CharField("姓名", max_length=40)
    certificate_number = models.CharField("执法证号", max_length=30, unique=True)
    position = models.CharField("职务", max_length=60, blank=True)
    enforcement_area = models.CharField("执法区域", max_length=100)
    status = models.CharField(
        "证件状态", max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE
    )
    status_reason = models.CharField("状态说明", max_length=200, blank=True)
    status_changed_at = models.DateTimeField("状态变更时间")
    certificate_valid_until = models.DateField("证件有效期至", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["agency__name", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"
