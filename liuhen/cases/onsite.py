"""The acts done on site that the law requires at least two enforcement officers for.

The packaged regulations assume it (dehong-record 第十二条 has the record state the number of
officers) but state it in national law: 行政处罚法 第四十二条 (执法人员不得少于两人) and 行政强制法
第十八条（二） (由两名以上行政执法人员实施). Citations live here as data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OfficerRule:
    regulation: str
    article: str
    quote: str
    minimum: int


PENALTY_LAW = OfficerRule(
    "xingzheng-chufa-fa", "第四十二条", "执法人员不得少于两人，法律另有规定的除外", 2
)
COMPULSION_LAW = OfficerRule("xingzheng-qiangzhi-fa", "第十八条", "由两名以上行政执法人员实施", 2)

# event type -> the rule that sets its minimum number of officers
ONSITE_ACTS: dict[str, OfficerRule] = {
    "inquiry": PENALTY_LAW,
    "onsite_inspection": PENALTY_LAW,
    "survey": PENALTY_LAW,
    "random_inspection": PENALTY_LAW,
    "evidence_collection": PENALTY_LAW,
    "sampling": PENALTY_LAW,
    "evidence_preservation": PENALTY_LAW,
    "reinspection": PENALTY_LAW,
    "compulsory_measure": COMPULSION_LAW,
}
