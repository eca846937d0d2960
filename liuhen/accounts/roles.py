"""The roles a person can hold in one agency, as the regulations name them."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    HANDLER = "handler", "承办人"
    REVIEWER = "reviewer", "审核人"
    APPROVER = "approver", "负责人（批准人）"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    ARCHIVIST = "archivist", "档案管理员"
    SUPERVISOR = "supervisor", "监督人员"
    SYSADMIN = "sysadmin", "系统管理员"
