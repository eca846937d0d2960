"""How a case reads on screen: events in plain Chinese, findings with their quotes and the time
left, masked personal data, the stage bar and the to-do list. Presentation only: every fact
comes from the models, the rules engine or the domain's tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from liuhen.cases.access import CaseRights
from liuhen.cases.approvals import approval_step_next
from liuhen.cases.event_marks import (
    correctable,
    correction_marks,
    ledger_marks,
    review_held_events,
)
from liuhen.cases.models import (
    ApprovalOutcome,
    ApprovalStep,
    Case,
    CaseCompliance,
    CaseEvent,
    EventStatus,
    Party,
    Stage,
)
from liuhen.cases.services.approval import STEP_ROLES
from liuhen.cases.stages import ORDER, TRANSITIONS, failing_guards
from liuhen.rules import load_packs
from liuhen.rules import vocabulary as v
from liuhen.rules.calendar import current_calendar
from liuhen.rules.clock import CHINA, parse_time
from liuhen.workbench.regulation_texts import REGULATIONS

if TYPE_CHECKING:
    from liuhen.cases.approval_preview import ApprovalPreview

SEVERITY_LABELS = {"violation": "违规", "pending": "待办期限", "advice": "提示"}


def enum_labels(type_name: str, field_name: str) -> Mapping[str, str]:
    """The Chinese labels of an enum field's values."""
    if field_name == "method":
        return v.SERVICE_METHODS if type_name == "service" else v.ENFORCEMENT_METHODS
    return {
        "measure": v.MEASURES,
        "for": v.COPY_PURPOSES,
        "av_exempt": v.AV_EXEMPTIONS,
        "measures": v.DECISION_MEASURES,
        "action": v.ACTIONS,
        "procedure": v.PROCEDURES,
        "source": v.SOURCES,
    }.get(field_name, {})


def china(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(CHINA)


def china_text(moment: dt.datetime | None) -> str:
    return china(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def deadline_text(moment: dt.datetime | None) -> str:
    """A due time as officers read a deadline: one falling at midnight China time (the end of a
    period counted in days) is the last day's 24:00, not the next day's 00:00, which reads as
    if that whole day were still allowed."""
    if moment is None:
        return ""
    local = china(moment)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return (local - dt.timedelta(days=1)).strftime("%Y-%m-%d 24:00")
    return local.strftime("%Y-%m-%d %H:%M")


def span_text(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    if hours:
        return f"{hours} 小时 {minutes} 分钟" if minutes else f"{hours} 小时"
    return f"{max(minutes, 1)} 分钟"


def working_days_left(due: dt.datetime, now: dt.datetime) -> int:
    """Working days after today up to the deadline's date (a deadline at 24:00 of D is D's)."""
    last = china(due - dt.timedelta(microseconds=1)).date()
    day = china(now).date()
    calendar = current_calendar()
    count = 0
    while day < last:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day, set()):
            count += 1
    return count


def time_left(due: dt.datetime, now: dt.datetime) -> str:
    """剩余 2 个工作日（2 天 5 小时） / 剩余 3 小时 / 已超期 3 小时."""
    if due <= now:
        return f"已超期 {span_text(now - due)}"
    delta = due - now
    if delta < dt.timedelta(days=1):
        return f"剩余 {span_text(delta)}"
    return f"剩余 {working_days_left(due, now)} 个工作日（{span_text(delta)}）"


# ---- personal data -------------------------------------------------------------------------


def mask(text: str, keep_start: int, keep_end: int) -> str:
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    tail = text[len(text) - keep_end :] if keep_end else ""
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + tail


@dataclass(frozen=True, slots=True)
class PartyView:
    kind: str
    name: str
    id_number: str
    address: str
    contact: str


def party_view(party: Party, *, visible: bool) -> PartyView:
    if visible:
        return PartyView(
            party.get_kind_display(), party.name, party.id_number, party.address, party.contact
        )
    return PartyView(
        party.get_kind_display(),
        party.name,
        mask(party.id_number, 4, 2),
        mask(party.address, 6, 0),
        mask(party.contact, 3, 2),
    )


# ---- events --------------------------------------------------------------------------------


@dataclass
class FieldLine:
    label: str
    value: str
    stated: bool | None = None  # a boolean: whether the record states it


@dataclass
class ApprovalLine:
    step: str
    outcome: str
    returned: bool
    by: str
    at: dt.datetime
    comment: str


@dataclass
class EventView:
    event: CaseEvent
    label: str
    stage: str
    lines: list[FieldLine]
    av_refs: list[tuple[str, str]]  # (event id, its label)
    approvals: list[ApprovalLine]
    next_step: str = ""  # awaiting: the step that decides next ("review" or "approve")
    anchor: str = ""
    corrected_by: CaseEvent | None = None  # the correction of this row (effective or awaiting)
    corrects: CaseEvent | None = None  # the row this correction replaces
    correctable: bool = False
    device: str = ""  # a recording's device, from its ledger entry
    # an act that took effect on its approval later than proposed: when it was proposed
    proposed_at: dt.datetime | None = None
    links: dict[str, str] = field(default_factory=dict)  # "corrects"/"corrected_by": anchors
    # awaiting a step the user may decide: what approving it would add (approval_preview)
    preview: ApprovalPreview | None = None

    @property
    def next_step_label(self) -> str:
        return ApprovalStep(self.next_step).label if self.next_step else ""


def _value_text(type_name: str, spec: v.FieldSpec, value: Any, names: Mapping[str, str]) -> str:
    if spec.kind == "time":
        return china_text(parse_time(value)) if isinstance(value, str) else "—"
    if spec.kind == "enum":
        return str(enum_labels(type_name, spec.name).get(str(value), value))
    if spec.kind == "enum_list":
        labels = enum_labels(type_name, spec.name)
        return "、".join(str(labels.get(x, x)) for x in value) or "（无）"
    if spec.kind == "ref":
        return f"{names.get(str(value), '')}（{value}）"
    if spec.kind == "interruptions":
        parts = []
        for item in value:
            resumed = item.get("resumed_at")
            when = china_text(parse_time(item["at"]))
            back = f"{china_text(parse_time(resumed))} 恢复" if resumed else "未恢复"
            said = [f.label for f in v.INTERRUPTION_FIELDS if f.kind == "bool" and item.get(f.name)]
            parts.append(f"{when} 中止，{back}" + (f"（{'；'.join(said)}）" if said else ""))
        return "；".join(parts)
    if spec.kind == "number":
        return f"{value:,}" if isinstance(value, int | float) else str(value)
    return str(value)


def event_lines(event: CaseEvent, names: Mapping[str, str]) -> list[FieldLine]:
    lines: list[FieldLine] = []
    specs = v.event_fields(event.type) if event.type in v.EVENT_TYPES else {}
    for spec in specs.values():
        if spec.name in ("id", "at", "av"):
            continue
        value = event.fields.get(spec.name)
        if spec.kind == "bool":
            lines.append(FieldLine(spec.label, "", stated=value is True))
        elif value is not None and value != [] and value != "":
            lines.append(FieldLine(spec.label, _value_text(event.type, spec, value, names)))
    return lines


def event_view(event: CaseEvent, names: Mapping[str, str]) -> EventView:
    kind = v.EVENT_TYPES.get(event.type)
    approvals = [
        ApprovalLine(
            a.get_step_display(),
            a.get_outcome_display(),
            a.outcome == ApprovalOutcome.RETURNED,
            a.decided_by.full_name or a.decided_by.username,
            a.decided_at,
            a.comment,
        )
        for a in event.approvals.all()
    ]
    view = EventView(
        event=event,
        label=kind.label if kind else event.type,
        stage=kind.stage if kind else "",
        lines=event_lines(event, names),
        av_refs=[(ref, names.get(ref, "")) for ref in event.fields.get("av", [])],
        approvals=approvals,
    )
    if event.status == EventStatus.AWAITING:
        view.next_step = approval_step_next(event)
    return view


# the vocabulary's stage names -> the case's five stages (公示 is listed after 归档管理)
STAGE_BY_LABEL = {s.label: s.value for s in Stage}


@dataclass
class StageGroup:
    value: str
    label: str
    events: list[EventView] = field(default_factory=list)
    current: bool = False


def timeline_groups(case: Case, events: Sequence[CaseEvent]) -> list[StageGroup]:
    # a reference names the row in the timeline, not a corrected original sharing its id
    in_timeline = sorted(events, key=lambda e: e.status == EventStatus.EFFECTIVE)
    names = {e.event_id: f"{v.label(e.type)} {china_text(e.at)}" for e in in_timeline}
    marks = correction_marks(events)
    held = review_held_events(case)
    from_ledger = ledger_marks(events)
    devices, proposed = from_ledger.devices, from_ledger.proposed
    groups = {s.value: StageGroup(s.value, s.label, current=case.stage == s.value) for s in Stage}
    publicity = StageGroup("publicity", "公示")
    for event in events:
        view = event_view(event, names)
        view.anchor = marks.anchors[event.pk]
        view.corrected_by = marks.corrected_by.get(event.pk)
        view.corrects = marks.corrects.get(event.pk)
        view.correctable = correctable(event, marks, held)
        for name, other in (("corrects", view.corrects), ("corrected_by", view.corrected_by)):
            if other is not None:
                view.links[name] = marks.anchors.get(other.pk, "")
        view.device = devices.get(event.pk, "")
        view.proposed_at = proposed.get(event.pk)
        target = STAGE_BY_LABEL.get(view.stage)
        (groups[target] if target else publicity).events.append(view)
    return [*groups.values(), *([publicity] if publicity.events else [])]


def stage_bar(case: Case) -> list[tuple[str, str]]:
    """(label, done|current|todo) for the five stages."""
    current = ORDER[Stage(case.stage)]
    return [
        (s.label, "done" if ORDER[s] < current else "current" if ORDER[s] == current else "todo")
        for s in Stage
    ]


def recording_row(recording: CaseEvent) -> dict[str, Any]:
    """A recording with its start and whether it was catalogued and backed up."""
    marks = set(
        CaseEvent.objects.filter(
            case_id=recording.case_id,
            status=EventStatus.EFFECTIVE,
            type__in=("av.catalogued", "av.backed_up"),
            fields__of=recording.event_id,
        ).values_list("type", flat=True)
    )
    return {
        "r": recording,
        "start": parse_time(recording.fields["start"]),
        "catalogued": "av.catalogued" in marks,
        "backed_up": "av.backed_up" in marks,
    }


# ---- findings ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FindingView:
    severity: str
    severity_label: str
    regulation: str
    regulation_title: str
    article: str
    quote: str
    duty: str
    message: str
    due: dt.datetime | None
    left: str
    events: tuple[str, ...]
    rule: str = ""  # the duty's id in its pack ("" in a cache written before ids were kept)


def duty_quote(regulation: str, article: str, duty: str, rule: str = "") -> str:
    """The pack's short quote of the duty a finding names: by the duty's id (`rule`, which the
    compliance cache keeps), else — a cache written before it kept ids — by regulation, article
    and duty text."""
    pack = load_packs().get(regulation)
    if pack is None:
        return ""
    if rule:
        return next((d.quote for d in pack.duties if d.id == rule), "")
    return next((d.quote for d in pack.duties if d.article == article and d.info.duty == duty), "")


def finding_views(findings: Iterable[Mapping[str, Any]], *, now: dt.datetime) -> list[FindingView]:
    """Findings as the findings document writes them (the compliance cache), seen at `now`:
    a pending deadline that has passed since the cache was computed reads as a violation."""
    order = {"violation": 0, "pending": 1, "advice": 2}
    rows = []
    for f in findings:
        due = parse_time(f["due"]) if f.get("due") else None
        severity = str(f["severity"])
        if severity == "pending" and due is not None and due <= now:
            severity = "violation"
        regulation, article, duty = str(f["regulation"]), str(f["article"]), str(f["duty"])
        rows.append(
            FindingView(
                severity=severity,
                severity_label=SEVERITY_LABELS[severity],
                regulation=regulation,
                regulation_title=REGULATIONS[regulation].title if regulation in REGULATIONS else "",
                article=article,
                quote=duty_quote(regulation, article, duty, str(f.get("rule") or "")),
                rule=str(f.get("rule") or ""),
                duty=duty,
                message=str(f.get("message", "")),
                due=due,
                left=time_left(due, now) if due is not None and severity != "advice" else "",
                events=tuple(f.get("events", ())),
            )
        )
    return sorted(rows, key=lambda r: (order[r.severity], r.due is None, r.due or now))


def cached_findings(case: Case) -> tuple[list[dict[str, Any]], list[str], dt.datetime | None]:
    """(findings, warnings, computed_at) from the case's compliance cache."""
    compliance = CaseCompliance.objects.filter(case=case).first()
    if compliance is None:
        return [], [], None
    entries = compliance.findings.get("cases", [])
    entry = entries[0] if entries else {}
    return list(entry.get("findings", [])), list(entry.get("warnings", [])), compliance.computed_at


# ---- what to do next -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ToDo:
    text: str
    due: dt.datetime | None = None
    left: str = ""
    cite: str = ""
    overdue: bool = False


def next_steps(
    case: Case,
    *,
    findings: Sequence[FindingView],
    events: Sequence[CaseEvent],
    types: frozenset[str],
) -> list[ToDo]:
    """Pending deadlines first, then acts awaiting approval, then what the stage machine needs."""
    todo = [
        ToDo(f.duty, f.due, f.left, f"{f.regulation} {f.article}")
        for f in findings
        if f.severity == "pending"
    ]
    for event in events:
        if event.status == EventStatus.AWAITING:
            step = ApprovalStep(approval_step_next(event))
            role = STEP_ROLES[step].label
            todo.append(ToDo(f"“{v.label(event.type)}”待{step.label}（由{role}作出）"))
    if case.archived_at is not None:
        return todo
    if case.stage == Stage.ARCHIVE:
        todo.append(ToDo("立卷归档（记录“立卷归档”）"))
        return todo
    forward = [
        t for t in TRANSITIONS if t.source == case.stage and ORDER[t.target] == ORDER[t.source] + 1
    ]
    for transition in forward:
        for guard in failing_guards(transition, types):
            todo.append(ToDo(f"进入“{transition.target.label}”前：{guard.failure}"))
    return todo


# ---- who may decide what ------------------------------------------------------------------


def approvable_steps(rights: CaseRights) -> set[str]:
    """The approval steps whose role the user holds in the case's agency."""
    if not rights.approve:
        return set()
    return {step.value for step, role in STEP_ROLES.items() if rights.holds(role.value)}


@dataclass(frozen=True, slots=True)
class StageMove:
    target: str
    label: str
    refusals: tuple[str, ...]


def stage_moves(case: Case, types: frozenset[str]) -> list[StageMove]:
    """The transitions out of the current stage, each with the guards that refuse it now."""
    if case.archived_at is not None:
        return []
    return [
        StageMove(
            t.target.value,
            t.target.label,
            tuple(g.failure for g in failing_guards(t, types)),
        )
        for t in TRANSITIONS
        if t.source == case.stage
    ]
