"""The rules engine: case timelines, the working-day calendar, regulation packs and findings.

Plain Python with no Django import, so it runs and is tested without a database. The platform
calls:

    timeline = parse_timeline(data, source="…")          # TimelineError on bad input
    result = check_timeline(timeline, profile="henan", as_of=now)
    result.findings, result.warnings, result.to_json()
"""

from liuhen.rules.evaluator import UnknownProfile, check_timeline
from liuhen.rules.findings import CaseFindings, Finding, findings_document
from liuhen.rules.packs import load_packs
from liuhen.rules.timeline import Timeline, TimelineError, parse_timeline

__all__ = [
    "CaseFindings",
    "Finding",
    "Timeline",
    "TimelineError",
    "UnknownProfile",
    "check_timeline",
    "findings_document",
    "load_packs",
    "parse_timeline",
]
