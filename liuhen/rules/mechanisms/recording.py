"""Audio-video recording duties: acts that must be filmed, and how recordings are made.

- `av_required`: each selected act is filmed: its `av` lists a recording, or it carries an
  `av_exempt` reason the text allows (`other` only with the reason written in `note`). With
  `covering = true` a listed recording must also span the act's time outside any interruption
  (音像记录 is a 同步记录); with `continuous = true` that recording must have no interruption at
  all (全过程无间断). A recording still running at as_of is not judged yet.
- `interruptions`: each interruption of a recording meets what the text asks when recording
  resumes (语音说明中止原因) or cannot resume (报告, 书面说明); `timing = "at_closing"` for an
  act the text allows afterwards (事后书面说明): pending while the case is open.
"""

from __future__ import annotations

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import format_short
from liuhen.rules.finders import finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.timeline import Event

_INTERRUPTION_LABELS = {f.name: f.label for f in v.INTERRUPTION_FIELDS}
_INTERRUPTION_FLAGS = ("reason_stated", "reported", "written_explanation")


def _exempted(event: Event, exempt: frozenset[str]) -> bool:
    reason = event.values["av_exempt"]
    if reason is None or reason not in exempt:
        return False
    return reason != "other" or bool((event.values["note"] or "").strip())


def _problem(view: CaseView, event: Event, covering: bool, continuous: bool) -> str | None:
    """Why the act is not filmed as required, or None."""
    listed = event.values["av"]
    if not listed:
        return "没有音像记录"
    if not covering and not continuous:
        return None
    problems = []
    for av_id in listed:
        recording = view.by_id.get(av_id)
        if recording is None:
            return None  # still running at as_of
        if not recording.values["start"] <= event.at <= recording.at:
            problems.append(f"{av_id} 的起止时间不包含该行为")
            continue
        if not recording.values["interruptions"]:
            return None  # it spans the act, without a stop
        stops = [s for s in recording.values["interruptions"] if s.at <= view.as_of]
        inside = [
            s
            for s in stops
            if s.at <= event.at and (s.resumed_at is None or event.at < s.resumed_at)
        ]
        if inside:
            problems.append(f"{av_id} 在该行为发生时处于中止状态")
        elif continuous and stops:
            problems.append(f"{av_id} 有中止，不是无间断记录")
        else:
            return None
    return "；".join(problems)


@mechanism("av_required")
def av_required(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    acts = params.selectors("acts")
    exempt = frozenset(params.names("exempt", tuple(v.AV_EXEMPTIONS), default=()))
    covering = params.flag("covering")
    continuous = params.flag("continuous")
    params.done()
    find_acts = finder(acts)
    listed_is_enough = not covering and not continuous

    def check(view: CaseView) -> list[Finding]:
        found = []
        for event in find_acts(view):
            if listed_is_enough and event.values["av"]:
                continue  # filmed, and nothing more is asked of the recording
            if _exempted(event, exempt):
                continue
            problem = _problem(view, event, covering, continuous)
            if problem is None:
                continue
            message = f"{describe(event)}{problem}"
            reason = event.values["av_exempt"]
            if reason is not None:
                message += f"；所称不予记录的理由“{v.AV_EXEMPTIONS[reason]}”不能免除本条义务"
            found.append(
                info.breach(due=None, events=(event.ref, *event.values["av"]), message=message)
            )
        return found

    return check


@mechanism("av_exempt_review")
def av_exempt_review(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    """Acts left unfilmed for a reason of the `other` kind: a reviewer should weigh the note."""
    acts = params.selectors("acts")
    params.done()
    find_acts = finder(acts)

    def check(view: CaseView) -> list[Finding]:
        found = []
        for event in find_acts(view):
            if event.values["av"] or event.values["av_exempt"] != "other":
                continue
            note = (event.values["note"] or "").strip()
            if not note:
                continue
            message = (
                f"{describe(event)}未音像记录，理由为“{note}”：请审核是否属于不适宜音像记录的情形"
            )
            found.append(info.breach(due=None, events=(event.ref,), message=message))
        return found

    return check


@mechanism("interruptions", triggers=frozenset({"av.recorded"}))
def interruptions(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    resumed = params.names("resumed", _INTERRUPTION_FLAGS, default=())
    unresumed = params.names("unresumed", _INTERRUPTION_FLAGS, default=())
    timing = params.choice("timing", ("immediate", "at_closing"), default="immediate")
    forbid = params.flag("forbid")
    params.done()

    def check(view: CaseView) -> list[Finding]:
        found = []
        for recording in view.of_type("av.recorded"):
            for stop in recording.values["interruptions"]:
                if stop.at > view.as_of:
                    continue
                state = (
                    "未恢复"
                    if stop.resumed_at is None
                    else f"于 {format_short(stop.resumed_at)} 恢复"
                )
                if forbid:
                    stopped = f"音像记录 {recording.ref} 于 {format_short(stop.at)} 中止记录"
                    message = f"{stopped}（{state}），记录不连续"
                    found.append(info.breach(due=None, events=(recording.ref,), message=message))
                    break
                wanted = unresumed if stop.resumed_at is None else resumed
                missing = [name for name in wanted if not getattr(stop, name)]
                if not missing:
                    continue
                what = "、".join(_INTERRUPTION_LABELS[name] for name in missing)
                stopped = f"音像记录 {recording.ref} 于 {format_short(stop.at)} 中止记录"
                message = f"{stopped}（{state}），未{what}"
                if timing == "at_closing" and view.closed_at is None:
                    pending = info.pending(due=None, events=(recording.ref,), message=message)
                    if pending is not None:
                        found.append(pending)
                else:
                    found.append(info.breach(due=None, events=(recording.ref,), message=message))
        return found

    return check
