"""Writing the ledger: one entry per change, in the change's own transaction; signed checkpoints.

Every service of every app calls `ledger_append` inside its transaction, so a change and its
entry commit together or not at all. Appends are serialised (PostgreSQL: a transaction-scoped
advisory lock; SQLite: IMMEDIATE transactions already hold the write lock), so concurrent writers
extend one chain and never fork it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from liuhen.ledger.chain import entry_hash, entry_new, genesis_hash
from liuhen.ledger.checkpoints import (
    checkpoint_create,
    checkpoint_from_json,
    checkpoint_sign,
    checkpoint_to_json,
    signing_key_load_or_create,
)
from liuhen.ledger.digests import HashAlgorithm, hash_algorithm_check
from liuhen.ledger.merkle import RootBuilder, leaf_hash
from liuhen.ledger.models import LedgerCheckpoint, LedgerEntry
from liuhen.ledger.witness import WitnessError, checkpoint_publish

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key: any constant the rest of the application does not use.
_APPEND_LOCK = 0x6C697568656E  # "liuhen"
_HEAD_SQL = "SELECT sequence, entry_hash FROM ledger_entry ORDER BY sequence DESC LIMIT 1"
_INSERT_SQL = (
    "INSERT INTO ledger_entry (sequence, recorded_at, actor_id, action, object_type, object_id, "
    "payload, previous_hash, entry_hash, algorithm) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


class LedgerTampered(RuntimeError):
    """The stored ledger no longer extends its last checkpoint: refuse to sign over it."""


@cache
def ledger_algorithm() -> HashAlgorithm:
    return hash_algorithm_check(settings.LIUHEN_LEDGER_HASH)


def ledger_signing_key() -> Ed25519PrivateKey:
    return signing_key_load_or_create(Path(settings.LIUHEN_LEDGER_KEY_FILE))


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def ledger_fields(instance: models.Model, *names: str) -> dict[str, Any]:
    """The named fields of a model instance as a payload (foreign keys as their primary key)."""
    payload: dict[str, Any] = {}
    for name in names:
        attname = getattr(instance._meta.get_field(name), "attname", name)
        payload[name] = getattr(instance, attname)
    return payload


def ledger_append(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    payload: Mapping[str, Any],
) -> int:
    """Append the entry recording a change; must run inside that change's transaction.

    `target` names the changed object (its app label.model and primary key); `payload` says what
    changed, in JSON values (model instances become their primary keys, dates ISO text).

    Side effects: one LedgerEntry row; after commit, a checkpoint when one is due. Returns the
    entry's sequence number.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("ledger_append must run inside the transaction of the change it records")
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    algorithm = ledger_algorithm()
    # Plain SQL on purpose: every write in the platform pays for this, and the ORM's query
    # compilation cost more than the database work (bench/ledger_append.py).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])
        cursor.execute(_HEAD_SQL)
        head = cursor.fetchone()
        sequence, previous = (head[0] + 1, head[1]) if head else (1, genesis_hash(algorithm))
        now = timezone.now()
        entry = entry_new(
            sequence=sequence,
            previous_hash=previous,
            recorded_at=now,
            actor_id=str(actor.pk) if actor is not None else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload={str(k): _json_value(v) for k, v in payload.items()},
        )
        cursor.execute(
            _INSERT_SQL,
            [
                sequence,
                connection.ops.adapt_datetimefield_value(now),
                actor.pk if actor is not None else None,
                action,
                object_type,
                object_id,
                entry.payload,
                previous,
                entry_hash(entry, algorithm).hex(),
                algorithm.name,
            ],
        )
    if settings.LIUHEN_LEDGER_CHECKPOINT_EVERY:
        transaction.on_commit(ledger_checkpoint_if_due)
    return sequence


def ledger_checkpoint_if_due() -> LedgerCheckpoint | None:
    """Sign a checkpoint when N entries or T seconds (with new entries) have passed."""
    last = LedgerCheckpoint.objects.order_by("-tree_size").first()
    size = LedgerEntry.objects.count()
    done = last.tree_size if last else 0
    if size == done:
        return None
    due_by_count = size - done >= settings.LIUHEN_LEDGER_CHECKPOINT_EVERY
    due_by_time = (
        last is None
        or (timezone.now() - last.created_at).total_seconds()
        >= settings.LIUHEN_LEDGER_CHECKPOINT_SECONDS
    )
    if not (due_by_count or due_by_time):
        return None
    return ledger_checkpoint_create()


def _stored_leaves(algorithm: HashAlgorithm) -> list[bytes]:
    hashes = LedgerEntry.objects.order_by("sequence").values_list("entry_hash", flat=True)
    return [leaf_hash(bytes.fromhex(h), algorithm=algorithm) for h in hashes.iterator(5000)]


@transaction.atomic
def ledger_checkpoint_create() -> LedgerCheckpoint | None:
    """Sign the tree head over every entry so far and publish it for witnesses.

    Refuses (LedgerTampered) when the stored entries no longer give the root of the previous
    checkpoint: a rewritten history is never signed.

    Side effects: one LedgerCheckpoint row; a file in LIUHEN_LEDGER_PUBLISH_DIR.
    """
    algorithm = ledger_algorithm()
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])
    leaves = _stored_leaves(algorithm)
    if not leaves or LedgerCheckpoint.objects.filter(tree_size=len(leaves)).exists():
        return None
    builder = RootBuilder(algorithm)
    previous = LedgerCheckpoint.objects.order_by("-tree_size").first()
    if previous is not None:
        builder.extend(leaves[: previous.tree_size])
        if builder.root().hex() != previous.root_hash:
            raise LedgerTampered(
                f"留痕记录前 {previous.tree_size} 条的根哈希与已签名的检查点不一致，拒绝签名"
            )
        builder.extend(leaves[previous.tree_size :])
    else:
        builder.extend(leaves)
    now = timezone.now()
    signed = checkpoint_sign(
        checkpoint_create(
            log_id=settings.LIUHEN_LEDGER_LOG_ID,
            tree_size=len(leaves),
            root_hash=builder.root(),
            algorithm=algorithm.name,
            at=now,
        ),
        ledger_signing_key(),
    )
    text = checkpoint_to_json(signed).decode("utf-8")
    checkpoint = LedgerCheckpoint.objects.create(
        tree_size=len(leaves),
        root_hash=signed.checkpoint.root_hash,
        algorithm=algorithm.name,
        signed_json=text,
        created_at=now,
    )
    transaction.on_commit(lambda: _publish(text))
    return checkpoint


def _publish(text: str) -> None:
    try:
        checkpoint_publish(Path(settings.LIUHEN_LEDGER_PUBLISH_DIR), checkpoint_from_json(text))
    except OSError:
        # The checkpoint is stored and served over HTTP; a full or read-only publish folder
        # must not fail the write that triggered it. `liuhen verify` reports the gap.
        log.exception("could not publish ledger checkpoint to the witness folder")
    except WitnessError:
        # A different root already published for this size: the stored history changed after
        # it was published. The write that triggered this is committed; raise the alarm loudly
        # and leave the evidence in place for `liuhen verify`.
        log.critical("ledger checkpoint conflicts with one already published", exc_info=True)
