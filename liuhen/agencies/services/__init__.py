"""Every write to agencies, supervision and officers goes through these functions."""

from liuhen.agencies.services.agency import agency_create, agency_update
from liuhen.agencies.services.officer import (
    officer_link_user,
    officer_register,
    officer_set_status,
)
from liuhen.agencies.services.supervision import (
    supervision_derive,
    supervision_end,
    supervision_establish,
)

__all__ = [
    "agency_create",
    "agency_update",
    "officer_link_user",
    "officer_register",
    "officer_set_status",
    "supervision_derive",
    "supervision_end",
    "supervision_establish",
]
