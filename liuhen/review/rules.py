"""The legal-review rules as data: which regulation imposes a review on which decision, the
materials (henan-review 第八条), the review points (第九条), the powers (第十条), the grounds for a
return (第十一条), the staffing ratio (第五条) and the situations making a decision major (第六条).

Code holds the mechanisms (liuhen.review.gate, classification, services); article numbers, quotes
and numbers live only here and in the regulation packs (the review period is read from the
henan-review pack, the same period the rules engine checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from liuhen.rules.profiles import PROFILES

Scope = Literal["major", "general_penalty"]


@dataclass(frozen=True, slots=True)
class ReviewRule:
    """A regulation's requirement that an act wait for a passed legal review."""

    regulation: str
    article: str
    quote: str
    event_type: str  # the act refused until the review has passed
    scope: Scope  # major decisions only, or every general-procedure penalty
    discussion_suffices: bool = False  # a return then 集体讨论 (第十四条) also opens the way
    # the review counts only if given at or after the first of these acts of the decision's
    # window, where one is recorded (as the pack's `reviewed_after`): a pass before the draft
    # reviewed no intended decision
    reviewed_after: tuple[str, ...] = ()

    def binds(self, profile: str) -> bool:
        known = PROFILES.get(profile)
        return known is not None and self.regulation in known.regulations


REVIEW_RULES: tuple[ReviewRule, ...] = (
    ReviewRule(
        "henan-review",
        "第三条",
        "作出重大行政执法决定之前，应当进行法制审核；未经法制审核或者审核未通过的，不得作出决定",
        "decision.made",
        "major",
    ),
    ReviewRule(
        "henan-review",
        "第十八条",
        "应当依法对其他适用一般程序作出的行政处罚决定进行法制审核",
        "decision.made",
        "general_penalty",
        discussion_suffices=True,
    ),
    ReviewRule(
        "fangcheng-plan",
        "三（一）1",
        "要严格进行法制审核，未经法制审核或者审核未通过的，不得作出决定",
        "decision.made",
        "major",
    ),
    ReviewRule(
        "fangcheng-plan",
        "三（一）6",
        "应当在拟作出行政决定后，未告知管理相对人前进行法制审核",
        "decision.pre_notice",
        "major",
        reviewed_after=("decision.drafted",),
    ),
)

# The period of 第十三条, read from the pack so that the platform's clock and the rules engine's
# finding are one rule: (regulation id, duty id).
REVIEW_PERIOD_DUTY = ("henan-review", "review-within-5-working-days")


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    label: str
    article: str


# 第八条第一款: what the 承办机构 sends. 第（四）项 is required where the case records an appraisal
# or assessment (the event types in APPRAISAL_EVENTS).
MATERIALS: tuple[Item, ...] = (
    Item("decision", "拟作出的行政执法决定", "henan-review 第八条（一）"),
    Item("report", "调查（审查）终结报告", "henan-review 第八条（二）"),
    Item("evidence", "调查取证相关材料", "henan-review 第八条（三）"),
    Item("appraisals", "鉴定报告、评估报告等相关材料", "henan-review 第八条（四）"),
    Item("others", "其他需要提交的材料", "henan-review 第八条（五）"),
)
APPRAISAL_EVENTS: tuple[str, ...] = ("testing", "expert_review")

# 第八条第二款: the contents of the 调查（审查）终结报告; the last is optional (“其他需要说明的”).
REPORT_ITEMS: tuple[Item, ...] = (
    Item("facts", "基本事实", "henan-review 第八条第二款"),
    Item("law", "适用法律、法规、规章情况", "henan-review 第八条第二款"),
    Item("discretion", "运用行政裁量基准情况", "henan-review 第八条第二款"),
    Item("investigation", "调查取证情况", "henan-review 第八条第二款"),
    Item("hearing_appraisal", "听证、评估、鉴定等情况", "henan-review 第八条第二款"),
)
REPORT_OPTIONAL: tuple[Item, ...] = (
    Item("other", "其他需要说明的情况", "henan-review 第八条第二款"),
)

# 第九条: the eight points the review examines; each gets an opinion.
REVIEW_POINTS: tuple[Item, ...] = (
    Item(
        "subject", "行政执法主体是否合法，行政执法人员是否具备执法资格", "henan-review 第九条（一）"
    ),
    Item("procedure", "行政执法程序是否合法", "henan-review 第九条（二）"),
    Item("facts", "案件事实是否清楚，证据是否合法充分", "henan-review 第九条（三）"),
    Item(
        "law",
        "适用法律、法规、规章是否准确，裁量基准运用是否适当",
        "henan-review 第九条（四）",
    ),
    Item("authority", "是否超越法定权限", "henan-review 第九条（五）"),
    Item("documents", "行政执法文书是否规范、完备", "henan-review 第九条（六）"),
    Item("crime", "违法行为是否涉嫌犯罪、需要移送司法机关", "henan-review 第九条（七）"),
    Item("other", "其他应当审核的内容", "henan-review 第九条（八）"),
)

# 第十条: the measures the review body may take.
REVIEW_POWERS: tuple[Item, ...] = (
    Item("materials", "查阅、复制、调取有关材料", "henan-review 第十条（一）"),
    Item("explanation", "要求承办机构及其执法人员说明有关情况", "henan-review 第十条（二）"),
    Item("meeting", "组织召开座谈会、专家论证会", "henan-review 第十条（三）"),
)

# 第十一条: the grounds on which a review does not pass.
RETURN_GROUNDS: tuple[Item, ...] = (
    Item(
        "subject", "行政执法主体不合法，行政执法人员不具备执法资格", "henan-review 第十一条（一）"
    ),
    Item("procedure", "违反法定程序", "henan-review 第十一条（二）"),
    Item("facts", "主要事实不清，证据不足", "henan-review 第十一条（三）"),
    Item("law", "法律、法规、规章适用错误", "henan-review 第十一条（四）"),
    Item("discretion", "裁量基准运用不当", "henan-review 第十一条（五）"),
    Item("authority", "超越法定权限", "henan-review 第十一条（六）"),
    Item("documents", "行政执法文书不规范、不完备", "henan-review 第十一条（七）"),
    Item("crime", "涉嫌犯罪需要移送司法机关", "henan-review 第十一条（八）"),
)

# 第六条: situations that make a decision major (the catalogue's flags).
MAJOR_SITUATIONS: tuple[Item, ...] = (
    Item("public_interest", "涉及重大公共利益", "henan-review 第六条（一）"),
    Item("social_impact", "可能造成重大社会影响或者引发社会风险", "henan-review 第六条（二）"),
    Item("party_rights", "直接关系行政相对人或者第三人重大权益", "henan-review 第六条（三）"),
    Item("hearing", "经过听证程序作出行政执法决定", "henan-review 第六条（四）"),
    Item("complex", "案件情况疑难复杂、涉及多个法律关系", "henan-review 第六条（五）"),
)
# The situations the case record itself shows: a flag is set when the case has this fact.
SITUATION_FACTS: dict[str, str] = {
    "hearing": "event:hearing",
    "complex": "case:complex",
    "social_impact": "case:major_incident",
}


@dataclass(frozen=True, slots=True)
class StaffingRule:
    regulation: str
    article: str
    quote: str
    ratio: Decimal
    minimum: int


STAFFING = StaffingRule(
    "henan-review",
    "第五条",
    "原则上法制审核人员的配置不少于本单位执法人员总数的5%，且不少于1人",
    Decimal("0.05"),
    1,
)

# Who reviews must not be one who handles the case: 第十七条 names the 承办人员, the
# 负责法制审核的人员 and the 审批负责人 as separate posts, each answerable for its own part, and
# 第十五条 gives the 承办机构 and the 法制审核机构 separate responsibilities.
SEPARATION = ("henan-review", "第十五条、第十七条")


def label_of(items: tuple[Item, ...], key: str) -> str:
    return next((i.label for i in items if i.key == key), key)
