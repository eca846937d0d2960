"""Every write to users, memberships, roles and the log-in audit goes through these functions."""

from liuhen.accounts.services.enrol import member_enrol
from liuhen.accounts.services.login import (
    LoginRefused,
    login_attempt,
    login_event_record,
    login_lockout_remaining,
)
from liuhen.accounts.services.people import (
    membership_add,
    role_grant,
    role_revoke,
    user_create,
    user_set_password,
)

__all__ = [
    "LoginRefused",
    "login_attempt",
    "login_event_record",
    "login_lockout_remaining",
    "member_enrol",
    "membership_add",
    "role_grant",
    "role_revoke",
    "user_create",
    "user_set_password",
]
