"""The check kinds a pack's duties use, one module per family; importing registers them."""

from liuhen.rules.mechanisms import (
    contents,
    deadlines,
    followup,
    recording,
    retention,
    review,
    sequence,
)
from liuhen.rules.mechanisms.base import MECHANISMS, NEEDS_DEADLINE, TRIGGERS

__all__ = [
    "MECHANISMS",
    "NEEDS_DEADLINE",
    "TRIGGERS",
    "contents",
    "deadlines",
    "followup",
    "recording",
    "retention",
    "review",
    "sequence",
]
