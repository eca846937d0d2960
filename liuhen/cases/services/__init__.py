"""Every write to cases goes through these functions (each one transaction with its ledger
entries; each refreshes the case's compliance cache)."""

from liuhen.cases.services.approval import case_act_approve
from liuhen.cases.services.compliance import case_compliance_refresh, case_findings
from liuhen.cases.services.correction import case_event_correct
from liuhen.cases.services.importing import case_import
from liuhen.cases.services.opening import FIRST_EVENTS, PartyInput, case_open
from liuhen.cases.services.people import case_officer_assign, case_officer_release, case_party_add
from liuhen.cases.services.recording import (
    case_event_record,
    case_recording_attach,
    case_recording_backup_mark,
    case_recording_catalogue,
)
from liuhen.cases.services.stage import case_stage_advance
from liuhen.cases.timeline import case_timeline_document

__all__ = [
    "FIRST_EVENTS",
    "PartyInput",
    "case_act_approve",
    "case_compliance_refresh",
    "case_event_correct",
    "case_event_record",
    "case_findings",
    "case_import",
    "case_officer_assign",
    "case_officer_release",
    "case_open",
    "case_party_add",
    "case_recording_attach",
    "case_recording_backup_mark",
    "case_recording_catalogue",
    "case_stage_advance",
    "case_timeline_document",
]
