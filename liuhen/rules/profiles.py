"""Jurisdiction profiles: which regulations bind an agency.

An agency is bound by every regulation of the jurisdictions it sits in (芒市 is the seat of 德宏州,
so a 芒市 bureau obeys both 德宏州's measures and its own; 方城县 is in 河南省).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    regulations: tuple[str, ...]


PROFILES: dict[str, Profile] = {
    profile.id: profile
    for profile in (
        Profile("dehong", "德宏州", ("dehong-record",)),
        Profile("mangshi", "芒市（德宏州）", ("dehong-record", "mangshi-record")),
        Profile("baijiantan", "克拉玛依市白碱滩区", ("baijiantan-record",)),
        Profile("guangdong", "广东省", ("guangdong-record",)),
        Profile("henan", "河南省", ("henan-record", "henan-publicity", "henan-review")),
        Profile(
            "fangcheng",
            "方城县（河南省）",
            ("henan-record", "henan-publicity", "henan-review", "fangcheng-plan"),
        ),
    )
}


def profile_choices() -> list[tuple[str, str]]:
    """(id, label) pairs for forms and model choices."""
    return [(p.id, f"{p.id} · {p.name}") for p in PROFILES.values()]
