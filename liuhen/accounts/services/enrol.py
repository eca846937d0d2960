"""Enrolling a new member of staff: a log-in and a membership, together or not at all."""

from __future__ import annotations

from django.db import transaction

from liuhen.accounts.models import Membership, User
from liuhen.accounts.services.people import membership_add, user_create
from liuhen.agencies.models import Agency


@transaction.atomic
def member_enrol(
    *,
    actor: User | None,
    agency: Agency,
    username: str,
    full_name: str,
    password: str,
    title: str = "",
    phone: str = "",
) -> Membership:
    """Side effects: one User and one Membership row, in one transaction."""
    user = user_create(
        actor=actor, username=username, full_name=full_name, password=password, phone=phone
    )
    return membership_add(actor=actor, user=user, agency=agency, title=title)
