"""Read-side queries for the case pages and dashboards, always scoped by the access functions.

Nothing here writes; dashboards read the compliance cache (CaseCompliance, CaseDue), never the
rules engine, so a list of a thousand cases costs a few queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from liuhen.accounts.access import (
    AccessDenied,
    AgencyAction,
    access_agencies,
    access_officers,
    agency_ids_with_roles,
)
from liuhen.accounts.models import RoleGrant, User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer, OfficerStatus
from liuhen.cases.access import (
    CaseAction,
    access_case_compliance,
    access_case_dues,
    access_cases,
)
from liuhen.cases.models import (
    Case,
    CaseCompliance,
    CaseDue,
    CaseEvent,
    CaseEventDocument,
    CaseOfficer,
    EventStatus,
    Stage,
)
from liuhen.evidence.access import CASE_WORK_ROLES, access_holdings
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules import vocabulary as v

DUE_SOON = dt.timedelta(days=3)
# rows a dashboard list shows at once; the rest are a page link away
LIST_ROWS = 50

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, slots=True)
class RowsPage(Generic[M]):
    """One page of a list, read as `size + 1` rows (no COUNT over a large list)."""

    rows: list[M]
    number: int
    size: int
    has_next: bool

    @property
    def paged(self) -> bool:
        return self.has_next or self.number > 1


def rows_page(rows: QuerySet[M], page: str | None, size: int | None = None) -> RowsPage[M]:
    """Page `page` (a GET parameter: 1 when missing or not a page number) of `rows`."""
    size = size or LIST_ROWS
    number = int(page) if page and page.isdigit() and 0 < int(page) <= 10_000 else 1
    start = (number - 1) * size
    got = list(rows[start : start + size + 1])
    return RowsPage(got[:size], number, size, len(got) > size)


# window name -> (label, how far ahead of now a due may be; None: overdue only, or no bound)
DUE_WINDOWS: dict[str, tuple[str, dt.timedelta | None]] = {
    "overdue": ("已逾期", None),
    "3d": ("3 日内到期（含已逾期）", dt.timedelta(days=3)),
    "7d": ("7 日内到期（含已逾期）", dt.timedelta(days=7)),
    "30d": ("30 日内到期（含已逾期）", dt.timedelta(days=30)),
    "all": ("全部未完成期限", None),
}


@dataclass(frozen=True, slots=True)
class CaseFilter:
    stage: str = ""
    action: str = ""
    agency: int | None = None
    officer: int | None = None
    due: str = ""  # "", "overdue" or "soon"
    query: str = ""


CASE_LIST_COLUMNS = (
    "number",
    "imported_from",
    "title",
    "action",
    "stage",
    "archived_at",
    "opened_at",
    "agency__name",
    "agency__short_name",
    "compliance__next_due_at",
    "compliance__violations",
)


def case_rows(
    *, user: User | AnonymousUser, filters: CaseFilter, now: dt.datetime | None = None
) -> QuerySet[Case]:
    """The cases `user` may view, filtered; each with its compliance cache joined."""
    now = now or timezone.now()
    cases = (
        access_cases(user=user, action=CaseAction.VIEW)
        .select_related("compliance")
        # the columns the list shows: never the findings documents
        .only(*CASE_LIST_COLUMNS)
    )
    if filters.stage in Stage.values:
        cases = cases.filter(stage=filters.stage)
    if filters.agency is not None:
        cases = cases.filter(agency_id=filters.agency)
    if filters.action in v.ACTIONS:
        cases = cases.filter(action=filters.action)
    # semi-joins rather than joins: no duplicate rows, so no DISTINCT over a large list
    if filters.officer is not None:
        on_case = CaseOfficer.objects.filter(
            officer_id=filters.officer, released_at__isnull=True
        ).values("case_id")
        cases = cases.filter(pk__in=on_case)
    if filters.due == "overdue":
        cases = cases.filter(pk__in=CaseDue.objects.filter(due_at__lte=now).values("case_id"))
    elif filters.due == "soon":
        soon = CaseDue.objects.filter(due_at__gt=now, due_at__lte=now + DUE_SOON)
        cases = cases.filter(pk__in=soon.values("case_id"))
    if filters.query:
        cases = cases.filter(Q(number__icontains=filters.query) | Q(title__icontains=filters.query))
    return cases.order_by("-opened_at", "-id")


def officers_on_cases(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    """The officers of the agencies whose cases `user` may view (the list's officer filter)."""
    return access_officers(user=user, action=AgencyAction.VIEW).order_by("agency__name", "name")


def recording_agencies(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """The agencies where `user` may open and record cases."""
    ids = agency_ids_with_roles(user=user, roles=CASE_WORK_ROLES)
    agencies = Agency.objects.order_by("name")
    return agencies if ids is None else agencies.filter(pk__in=ids)


def legal_reviewer_mark(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    """Officers annotated `is_legal_reviewer`: whose log-in is a 法制审核人员 of their agency. A
    form offering them as case officers says so: who handles a case may not review it (henan-review
    第十五条、第十七条), and an agency may have a single reviewer."""
    grants = RoleGrant.objects.filter(
        membership__user=OuterRef("user_id"),
        membership__agency=OuterRef("agency_id"),
        role=Role.LEGAL_REVIEWER,
    )
    return officers.annotate(is_legal_reviewer=Exists(grants))


def active_officers(agencies: QuerySet[Agency]) -> QuerySet[Officer]:
    return legal_reviewer_mark(
        Officer.objects.filter(agency__in=agencies, status=OfficerStatus.ACTIVE)
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def due_rows(
    *,
    user: User | AnonymousUser,
    window: str = "7d",
    case_id: int | None = None,
    mine: bool = True,
    now: dt.datetime | None = None,
) -> QuerySet[CaseDue]:
    """Unmet dated duties (the CaseDue rows) across the cases `user` may view — only those the
    user handles as an officer when `mine` — in one query, soonest first."""
    now = now or timezone.now()
    dues = (
        access_case_dues(user=user)
        .select_related(None)
        .select_related("case")
        .only(*DUE_COLUMNS, "case__number", "case__title")
    )
    if mine and isinstance(user, User):
        # a semi-join: a DISTINCT over the officer join would sort all the user's dues
        dues = dues.filter(Exists(officer_on_case(user, OuterRef("case_id"))))
    if case_id is not None:
        dues = dues.filter(case_id=case_id)
    _label, ahead = DUE_WINDOWS.get(window, DUE_WINDOWS["7d"])
    if window == "overdue":
        dues = dues.filter(due_at__lte=now)
    elif ahead is not None:
        dues = dues.filter(due_at__lte=now + ahead)
    return dues.order_by("due_at", "id")


DUE_COLUMNS = ("case_id", "due_at", "label", "message", "regulation", "article")


def officer_on_case(user: User, case_id: OuterRef) -> QuerySet[CaseOfficer]:
    return CaseOfficer.objects.filter(case_id=case_id, officer__user=user, released_at__isnull=True)


def due_filter_cases(*, user: User | AnonymousUser, mine: bool) -> QuerySet[Case]:
    """The cases 我的待办's case filter offers (newest first): number and id only."""
    cases = access_cases(user=user, action=CaseAction.VIEW).select_related(None)
    if mine and isinstance(user, User):
        cases = cases.filter(Exists(officer_on_case(user, OuterRef("pk"))))
    return cases.only("pk", "number").order_by("-opened_at", "-id")


@dataclass
class AgencyDashboard:
    agency: Agency
    by_stage: list[tuple[str, str, int]]
    total: int
    overdue: RowsPage[CaseDue]
    with_violations: RowsPage[CaseCompliance]
    awaiting: RowsPage[CaseEvent]


def dashboard_agencies(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """The agencies whose cases `user` may view (a head's own, a supervisor's supervised): the
    cases' view right is the agency's (liuhen.cases.access)."""
    return access_agencies(user=user, action=AgencyAction.VIEW).order_by("name")


def dashboard_default_agency(*, user: User | AnonymousUser) -> Agency | None:
    """The agency a dashboard opens on: the first by name that has cases `user` may view (a
    supervisor's own justice bureau has none), else the first by name."""
    agencies = dashboard_agencies(user=user)
    with_cases = access_cases(user=user, action=CaseAction.VIEW).filter(agency_id=OuterRef("pk"))
    return agencies.filter(Exists(with_cases)).first() or agencies.first()


def agency_dashboard(
    *,
    user: User | AnonymousUser,
    agency: Agency,
    now: dt.datetime | None = None,
    pages: dict[str, str | None] | None = None,
) -> AgencyDashboard:
    """The agency's counts by stage and three lists, LIST_ROWS rows a page (`pages`: the page
    of each list by name: overdue, violations, awaiting). Each list is read from its own index
    (agency first), never by visiting the agency's cases."""
    now = now or timezone.now()
    pages = pages or {}
    if not access_agencies(user=user, action=AgencyAction.VIEW).filter(pk=agency.pk).exists():
        raise AccessDenied("无权查看该执法主体的案件")
    cases = access_cases(user=user, action=CaseAction.VIEW).filter(agency=agency)
    counts = dict(
        cases.order_by().values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    overdue = (
        access_case_dues(user=user)
        .filter(agency_id=agency.pk, due_at__lte=now)
        .select_related(None)
        .select_related("case")
        .only(*DUE_COLUMNS, "case__number")
    )

    worst = (
        access_case_compliance(user=user)
        .filter(agency_id=agency.pk, violations__gt=0)
        .select_related(None)
        .select_related("case")
        .only("case_id", "violations", "pending", "case__number", "case__title", "case__stage")
    )

    # whoever may view the agency's cases sees its acts awaiting approval (a supervisor too,
    # who does not approve): the (status, recorded_at) index, joined to the case for its agency
    awaiting = (
        CaseEvent.objects.filter(status=EventStatus.AWAITING, case__agency_id=agency.pk)
        .select_related("case", "recorded_by")
        .order_by("recorded_at", "id")
        .only(
            "case_id",
            "event_id",
            "type",
            "recorded_at",
            "case__number",
            "recorded_by__full_name",
        )
    )
    board = AgencyDashboard(
        agency=agency,
        by_stage=[(s.value, s.label, counts.get(s.value, 0)) for s in Stage],
        total=sum(counts.values()),
        overdue=rows_page(overdue, pages.get("overdue")),
        with_violations=rows_page(worst, pages.get("violations")),
        awaiting=rows_page(awaiting, pages.get("awaiting")),
    )
    for event in board.awaiting.rows:
        event.label = v.label(event.type)  # type: ignore[attr-defined]
    return board


def assignable_officers(case: Case) -> QuerySet[Officer]:
    """Active officers of the case's agency not on the case now."""
    on_case = case.officers.filter(released_at__isnull=True).values("officer_id")
    return legal_reviewer_mark(
        Officer.objects.filter(agency_id=case.agency_id, status=OfficerStatus.ACTIVE)
        .exclude(pk__in=on_case)
        .select_related("agency")
        .order_by("name")
    )


def case_events(case: Case) -> list[CaseEvent]:
    """Every recorded event of the case (awaiting and returned included), by time."""
    return list(
        case.events.select_related("recorded_by")
        .prefetch_related("documents__holding__object", "approvals__decided_by")
        .order_by("at", "position")
    )


def eligible_events(
    case: Case, types: Iterable[str], *, exclude: CaseEvent | None = None
) -> list[CaseEvent]:
    """The case's effective events of these types: what a reference field may name (`exclude`:
    the event being corrected, which cannot name itself)."""
    events = case.events.filter(status=EventStatus.EFFECTIVE, type__in=list(types))
    if exclude is not None:
        events = events.exclude(pk=exclude.pk)
    return list(events.order_by("at", "position"))


def attachable_holdings(
    *, user: User | AnonymousUser, case: Case, limit: int = 50
) -> QuerySet[EvidenceHolding]:
    """The agency's audio and video files not yet linked to any event of this case nor to
    another case, newest first (what the recording form offers)."""
    linked = CaseEventDocument.objects.filter(event__case=case).values("holding_id")
    holdings = (
        access_holdings(user=user)
        .filter(agency_id=case.agency_id)
        .filter(_audio_video())
        .exclude(pk__in=linked)
    )
    return _newest(_free_or_of(holdings, case), limit)


def agency_holdings(
    *, user: User | AnonymousUser, case: Case, limit: int = 200, also: Iterable[int] = ()
) -> QuerySet[EvidenceHolding]:
    """The agency's newest `limit` holdings `user` may reach that no other case uses (this
    case's own included), and those of `also` (the files of an event being corrected, however
    old)."""
    holdings = access_holdings(user=user).filter(agency_id=case.agency_id)
    free = _free_or_of(holdings, case)
    ids = list(free.order_by("-added_at", "-id").values_list("pk", flat=True)[:limit])
    return holdings.filter(pk__in=[*ids, *also]).order_by("-added_at", "-id")


# Audio and video by name, for a recording whose facts could not be read (a device's own
# container, a store without random access): the name is what the officer sees in the list.
AV_SUFFIX_PATTERN = (
    r"\.(mp4|m4v|mov|avi|mkv|wmv|flv|3gp|ts|mts|m2ts|mpg|mpeg|webm|asf"
    r"|wav|mp3|m4a|aac|amr|ogg|oga|opus|flac|wma)$"
)


def _audio_video() -> Q:
    """Holdings that are audio or video: by the file's facts (a readable audio or video
    stream, liuhen.evidence.store.media), or by its name's suffix."""
    return Q(object__media__readable=True) | Q(filename__iregex=AV_SUFFIX_PATTERN)


def _free_or_of(holdings: QuerySet[EvidenceHolding], case: Case) -> QuerySet[EvidenceHolding]:
    """`holdings` not linked to another case — by an event's documents or a legal review's
    materials — unless also linked to this one: evidence belongs to one case."""
    # imported lazily: the review app builds on cases
    from liuhen.review.models import ReviewMaterial

    own = CaseEventDocument.objects.filter(event__case=case).values("holding_id")
    own_review = ReviewMaterial.objects.filter(review__case=case).values("holding_id")
    other = CaseEventDocument.objects.exclude(event__case=case).values("holding_id")
    other_review = ReviewMaterial.objects.exclude(review__case=case).values("holding_id")
    return holdings.filter(
        ~(Q(pk__in=other) | Q(pk__in=other_review)) | Q(pk__in=own) | Q(pk__in=own_review)
    )


def _newest(holdings: QuerySet[EvidenceHolding], limit: int) -> QuerySet[EvidenceHolding]:
    """The newest `limit` holdings as a queryset that can still be filtered (a form's choices)."""
    ids = list(holdings.order_by("-added_at", "-id").values_list("pk", flat=True)[:limit])
    return holdings.filter(pk__in=ids).order_by("-added_at", "-id")
