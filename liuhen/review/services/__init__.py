"""Every write of legal review goes through these functions (each one transaction with its ledger
entries; review events are recorded in the case timeline through the cases services)."""

from liuhen.review.services.catalogue import CriterionInput, case_major_mark, review_catalogue_set
from liuhen.review.services.outcome import review_escalate, review_pass, review_return
from liuhen.review.services.override import case_decision_record_without_review
from liuhen.review.services.reviewing import (
    review_extend,
    review_point_record,
    review_power_record,
    review_start,
)
from liuhen.review.services.submission import ReviewMaterials, review_submit

__all__ = [
    "CriterionInput",
    "ReviewMaterials",
    "case_decision_record_without_review",
    "case_major_mark",
    "review_catalogue_set",
    "review_escalate",
    "review_extend",
    "review_pass",
    "review_point_record",
    "review_power_record",
    "review_return",
    "review_start",
    "review_submit",
]
