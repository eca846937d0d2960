"""Bulk case data for the page benchmarks: N cases of ~30 events with a valid ledger chain.

    export LIUHEN_DATA_DIR=/tmp/bench-cases-sqlite      # or DATABASE_URL=postgres://…
    .venv/bin/liuhen migrate && .venv/bin/liuhen demo   # agencies, officers, users
    .venv/bin/python bench/case_data.py                 # 100,000 cases (~3.3M events)
    .venv/bin/python bench/case_data.py --cases 2000 --batch 500
    .venv/bin/liuhen verify --skip-objects

Every case is what `case_import` writes for one of `bench/check_throughput.py`'s timelines, cut
at the present (events still in the future are dropped, so about a fifth of the cases are open
with deadlines ahead), with a real 案号 from `LIUHEN_CASE_NUMBER_PATTERN`, 1–2 parties and two
officers of the agency added as `case_party_add` / `case_officer_assign` record them, and, on
open cases whose agency's profile makes a decision wait for approval, the decision recorded live
by the lead officer and awaiting the chain. Cases are spread over the agencies that have a
profile and at least two active officers (the demo has five).

Rows are computed in Python and bulk-inserted one batch (default 1,000 cases) per transaction,
so memory stays flat: the Case, Party, CaseOfficer and CaseEvent rows; the compliance cache
(CaseCompliance and CaseDue) from the rules engine through the very functions
`case_compliance_refresh` stores with (`timeline_findings`, `compliance_values`,
`compliance_dues`); and one ledger entry per write the services would make (`case.import`,
`case.party_add`, `case.officer_assign`, `case.event_record`, `case.stage_advance`), hashed with
`entry_new`/`entry_hash`, continuing the chain from its head read inside the batch's transaction
(under the append lock on PostgreSQL), inserted with the ledger's own `_INSERT_SQL`. Afterwards
the 案号 counters are advanced, the id sequences reset (PostgreSQL) and one checkpoint signed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench.case_rows import (  # noqa: E402 (after the path is set)
    MATTERS,
    SOURCE_NAME,
    Batch,
    Ids,
    Pending,
    Place,
    Regenerate,
    Totals,
    party_row,
    places_load,
)
from bench.check_throughput import timeline  # noqa: E402

if TYPE_CHECKING:
    from liuhen.cases.models import CaseEvent


class Generator:
    def __init__(self, *, seed: int, as_of: datetime) -> None:
        from django.conf import settings

        from liuhen.cases.models import Case, CaseEvent, CaseNumberCounter, CaseOfficer, Party

        self.rng = random.Random(seed)
        self.as_of = as_of
        self.pattern = str(settings.LIUHEN_CASE_NUMBER_PATTERN)
        self.places = places_load()
        self.case_ids = Ids(Case)
        self.party_ids = Ids(Party)
        self.officer_ids = Ids(CaseOfficer)
        self.event_ids = Ids(CaseEvent)
        self.counters: dict[tuple[int, int], int] = {
            (c.agency_id, c.year): c.last for c in CaseNumberCounter.objects.all()
        }
        self.totals = Totals()

    def case_into(self, batch: Batch, number: int) -> None:
        """Generate one case (regenerating a timeline the cut made invalid) into `batch`."""
        from liuhen.rules.timeline import TimelineError

        place = self.rng.choice(self.places)
        while True:
            document = timeline(self.rng, number)
            try:
                self._case(batch, place, document)
            except (TimelineError, Regenerate):
                self.totals.regenerated += 1
                continue
            return

    def _case(self, batch: Batch, place: Place, document: dict[str, Any]) -> None:
        from liuhen.cases.approvals import approval_rule_for
        from liuhen.cases.models import (
            Case,
            CaseCompliance,
            CaseEvent,
            CaseOfficer,
            EventStatus,
            OfficerRole,
            Party,
            Stage,
        )
        from liuhen.cases.numbering import ACTION_CHARS
        from liuhen.cases.services.compliance import (
            compliance_dues,
            compliance_values,
            timeline_findings,
        )
        from liuhen.cases.stages import stage_auto_advance
        from liuhen.cases.timeline import event_json, fields_normalise
        from liuhen.ledger.services import _json_value
        from liuhen.rules.clock import CHINA, format_time, parse_time

        rng, as_of = self.rng, self.as_of
        # the timelines start in 2026-01..11 (a few are closed); a fifth are moved to have
        # started in the last six weeks, so they are still running today
        if rng.random() < 0.2:
            began = min(parse_time(raw["at"]) for raw in document["events"])
            shift = as_of - timedelta(days=rng.uniform(1, 42)) - began
        else:
            shift = timedelta(days=rng.randrange(21))
        for raw in document["events"]:
            for name in ("at", "start"):
                if name in raw:
                    raw[name] = format_time(parse_time(raw[name]) + shift)
        raws = sorted(
            ((parse_time(raw["at"]), raw) for raw in document["events"]), key=lambda p: p[0]
        )
        cut = as_of - timedelta(hours=1)
        kept = [(at, raw) for at, raw in raws if at <= cut]
        dropped = [raw for at, raw in raws if at > cut]
        if not kept:
            raise Regenerate("no event before the present")
        agency = place.agency
        facts = document["case"]
        first = kept[0][0]
        year = first.astimezone(CHINA).year
        seq = self.counters.get((agency.pk, year), 0) + 1
        case = Case(
            id=self.case_ids.next,
            agency=agency,
            number=self.pattern.format(
                agency_short=agency.short_name or agency.name,
                action_char=ACTION_CHARS.get(facts["action"], "执"),
                year=year,
                seq=seq,
            ),
            action=facts["action"],
            procedure=facts.get("procedure", "general"),
            source=facts["source"],
            profile=agency.profile,
            opened_at=first,
            opened_by_id=place.actor_id,
            imported_from=SOURCE_NAME,
        )
        events: list[CaseEvent] = []
        taken = {raw["id"] for _, raw in kept if raw.get("id")}
        for position, (at, raw) in enumerate(kept, start=1):
            event_id = raw.get("id") or ""
            if not event_id:
                n = position
                while f"e{n}" in taken:
                    n += 1
                event_id = f"e{n}"
                taken.add(event_id)
            fields = {k: x for k, x in raw.items() if k not in ("type", "at", "id")}
            events.append(
                CaseEvent(
                    id=self.event_ids.next + position - 1,
                    case=case,
                    position=position,
                    type=raw["type"],
                    event_id=event_id,
                    at=at,
                    fields=fields_normalise(raw["type"], fields),
                    recorded_by_id=place.actor_id,
                    recorded_at=as_of,
                    imported=True,
                    status=EventStatus.EFFECTIVE,
                )
            )
        # the same check the services store: raises TimelineError when the cut broke the file
        result = timeline_findings(case=case, events=events, as_of=as_of)

        # from here on the case is kept: hand out its numbers
        self.counters[(agency.pk, year)] = seq
        self.case_ids.take()
        self.event_ids.next += len(events)
        parties = [
            Party(id=self.party_ids.take(), case=case, **party_row(rng, case.pk))
            for _ in range(rng.choice((1, 1, 1, 2)))
        ]
        case.title = f"{parties[0].name}{rng.choice(MATTERS)}案"
        lead, assistant = rng.sample(place.officers, 2)
        assigned = [
            CaseOfficer(
                id=self.officer_ids.take(),
                case=case,
                officer=officer,
                role=role,
                assigned_at=first,
            )
            for officer, role in ((lead, OfficerRole.LEAD), (assistant, OfficerRole.ASSISTANT))
        ]
        closed = [e.at for e in events if e.type == "case.closed"]
        archived = [e.at for e in events if e.type == "case.archived"]
        case.closed_at = min(closed, default=None)
        case.archived_at = min(archived, default=None)
        case.stage = Stage.START
        moved = stage_auto_advance(case, frozenset(e.type for e in events))

        actor = place.actor_id
        ledger = batch.ledger
        case_id = str(case.pk)
        ledger.append(
            Pending(
                actor,
                "case.import",
                "cases.case",
                case_id,
                {
                    "number": case.number,
                    "agency": str(agency.pk),
                    "source": SOURCE_NAME,
                    "events": len(events),
                },
            )
        )
        for party in parties:
            ledger.append(
                Pending(
                    actor,
                    "case.party_add",
                    "cases.party",
                    str(party.pk),
                    {"case": case.number, "kind": party.kind, "name": party.name},
                )
            )
        for assignment in assigned:
            ledger.append(
                Pending(
                    actor,
                    "case.officer_assign",
                    "cases.caseofficer",
                    str(assignment.pk),
                    {
                        "case": case.number,
                        "officer": assignment.officer.certificate_number,
                        "role": assignment.role,
                    },
                )
            )

        def record(event: CaseEvent, approval: str | None, by: int | None) -> None:
            payload = {
                "case": case.number,
                "agency": agency.pk,
                **event_json(event),
                "status": event.status,
                "imported": event.imported,
                "documents": [],
                "approval": approval,
            }
            batch.event_entries[len(ledger)] = event
            ledger.append(
                Pending(
                    by,
                    "case.event_record",
                    "cases.caseevent",
                    str(event.pk),
                    {str(k): _json_value(v) for k, v in payload.items()},
                )
            )

        for event in events:
            record(event, None, actor)
        if moved:
            ledger.append(
                Pending(
                    actor,
                    "case.stage_advance",
                    "cases.case",
                    case_id,
                    {"from": Stage.START.value, "to": str(case.stage), "automatic": True},
                )
            )
        decision = next((raw for raw in dropped if raw["type"] == "decision.made"), None)
        rule = (
            approval_rule_for(
                event_type="decision.made",
                profile=case.profile,
                procedure=case.procedure,
                fields=decision,
            )
            if decision is not None
            else None
        )
        if decision is not None and rule is not None:
            # the lead officer proposed the decision in the last days; it waits for the chain
            proposed = as_of - timedelta(hours=rng.randint(2, 96))
            fields = {k: x for k, x in decision.items() if k not in ("type", "at", "id")}
            awaiting = CaseEvent(
                id=self.event_ids.take(),
                case=case,
                position=len(events) + 1,
                type="decision.made",
                event_id="dec" if "dec" not in taken else f"e{len(events) + 1}",
                at=proposed,
                fields=fields_normalise("decision.made", fields),
                recorded_by_id=lead.user_id or actor,
                recorded_at=proposed,
                imported=False,
                status=EventStatus.AWAITING,
            )
            record(awaiting, f"{rule.regulation} {rule.article}", lead.user_id or actor)
            events.append(awaiting)
            self.totals.awaiting += 1

        values = compliance_values(result, as_of=as_of)
        dues = compliance_dues(case, result, as_of=as_of)
        batch.cases.append(case)
        batch.parties.extend(parties)
        batch.officers.extend(assigned)
        batch.events.extend(events)
        batch.compliance.append(CaseCompliance(case=case, agency_id=agency.pk, **values))
        batch.dues.extend(dues)
        totals = self.totals
        totals.cases += 1
        totals.open_cases += case.closed_at is None
        totals.events += len(events)
        totals.dues += len(dues)
        totals.stages[str(case.stage)] += 1

    def write(self, batch: Batch) -> None:
        """One transaction: the rows, then the ledger entries continuing the chain's head."""
        from django.db import connection, transaction
        from django.utils import timezone

        from liuhen.cases.models import (
            Case,
            CaseCompliance,
            CaseDue,
            CaseEvent,
            CaseOfficer,
            Party,
        )
        from liuhen.ledger.chain import entry_hash, entry_new, genesis_hash
        from liuhen.ledger.services import (
            _APPEND_LOCK,
            _HEAD_SQL,
            _INSERT_SQL,
            ledger_algorithm,
        )

        algorithm = ledger_algorithm()
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])
            cursor.execute(_HEAD_SQL)
            head = cursor.fetchone()
            sequence, previous = (head[0] + 1, head[1]) if head else (1, genesis_hash(algorithm))
            now = timezone.now()
            stored_now = connection.ops.adapt_datetimefield_value(now)
            rows = []
            for index, pending in enumerate(batch.ledger):
                entry = entry_new(
                    sequence=sequence,
                    previous_hash=previous,
                    recorded_at=now,
                    actor_id=None if pending.actor_id is None else str(pending.actor_id),
                    action=pending.action,
                    object_type=pending.object_type,
                    object_id=pending.object_id,
                    payload=pending.payload,
                )
                digest = entry_hash(entry, algorithm).hex()
                rows.append(
                    (
                        sequence,
                        stored_now,
                        pending.actor_id,
                        pending.action,
                        pending.object_type,
                        pending.object_id,
                        entry.payload,
                        previous,
                        digest,
                        algorithm.name,
                    )
                )
                event = batch.event_entries.get(index)
                if event is not None:
                    event.ledger_sequence = sequence
                sequence, previous = sequence + 1, digest
            size = 2000
            Case.objects.bulk_create(batch.cases, batch_size=size)
            Party.objects.bulk_create(batch.parties, batch_size=size)
            CaseOfficer.objects.bulk_create(batch.officers, batch_size=size)
            CaseEvent.objects.bulk_create(batch.events, batch_size=size)
            CaseCompliance.objects.bulk_create(batch.compliance, batch_size=size)
            CaseDue.objects.bulk_create(batch.dues, batch_size=size)
            for start in range(0, len(rows), 5000):
                cursor.executemany(_INSERT_SQL, rows[start : start + 5000])
        self.totals.entries += len(rows)

    def finish(self, *, checkpoint: bool) -> None:
        """The 案号 counters, the id sequences (PostgreSQL), one signed checkpoint."""
        from django.core.management.color import no_style
        from django.db import connection, transaction

        from liuhen.cases.models import Case, CaseEvent, CaseNumberCounter, CaseOfficer, Party
        from liuhen.ledger.services import ledger_checkpoint_create

        with transaction.atomic():
            for (agency_id, year), last in self.counters.items():
                CaseNumberCounter.objects.update_or_create(
                    agency_id=agency_id, year=year, defaults={"last": last}
                )
            statements = connection.ops.sequence_reset_sql(
                no_style(), [Case, Party, CaseOfficer, CaseEvent]
            )
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        if checkpoint:
            ledger_checkpoint_create()


def generate(
    total: int,
    *,
    seed: int = 2026,
    batch_size: int = 1000,
    as_of: datetime | None = None,
    checkpoint: bool = True,
    progress: Callable[[Totals, float], None] | None = None,
) -> Totals:
    """Generate and store `total` cases in batches; the Django project must be set up."""
    from django.utils import timezone

    generator = Generator(seed=seed, as_of=as_of or timezone.now())
    began = time.perf_counter()
    done = 0
    while done < total:
        batch = Batch()
        for _ in range(min(batch_size, total - done)):
            generator.case_into(batch, done)
            done += 1
        generator.write(batch)
        if progress is not None:
            progress(generator.totals, time.perf_counter() - began)
    generator.finish(checkpoint=checkpoint)
    return generator.totals


def database_size() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            return str(cursor.fetchone()[0])
    name = Path(str(connection.settings_dict["NAME"]))
    size = sum(p.stat().st_size for p in name.parent.glob(name.name + "*"))
    return f"{size / 2**20:,.0f} MB"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liuhen.settings")
    os.environ.setdefault("LIUHEN_LEDGER_CHECKPOINT_EVERY", "0")
    import django

    django.setup()
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)

    def progress(totals: Totals, seconds: float) -> None:
        print(
            f"{totals.cases:>8,} cases {totals.events:>10,} events {totals.entries:>10,} "
            f"ledger entries  {seconds:7.1f} s  {totals.cases / seconds:6.0f} cases/s",
            flush=True,
        )

    began = time.perf_counter()
    totals = generate(args.cases, seed=args.seed, batch_size=args.batch, progress=progress)
    seconds = time.perf_counter() - began
    print(
        f"done: {totals.cases:,} cases ({totals.open_cases:,} open), {totals.events:,} events "
        f"({totals.awaiting:,} awaiting approval), {totals.dues:,} dated duties, "
        f"{totals.entries:,} ledger entries, {totals.regenerated:,} timelines regenerated; "
        f"stages {dict(totals.stages)}; {seconds:.1f} s including the checkpoint; "
        f"database {database_size()}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
