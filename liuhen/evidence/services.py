"""Storing evidence and recording every access to it.

The order is the promise: the bytes are hashed, written, fsynced and renamed into place by the
store; then the database rows and the ledger entry commit together; only then does the caller
answer the client. A crash before the commit leaves at most an unreferenced object (named by its
hash, harmless, found by `liuhen verify`); never an acknowledged file that is not stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency
from liuhen.evidence.models import EvidenceHolding, EvidenceObject, EvidenceUpload
from liuhen.evidence.store import LocalStore, MediaFacts, StoredObject, UploadStatus, media_facts
from liuhen.evidence.stores import evidence_store, evidence_uploads
from liuhen.ledger.services import ledger_append

ACCESS_KINDS = {"view": "查看", "download": "下载", "copy": "复制", "export": "导出"}
_NAME_LIMIT = 255


def _clean_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip()
    if not name:
        raise ValidationError({"filename": "文件名不能为空"})
    return name[:_NAME_LIMIT]


def _facts_for(stored: StoredObject, fallback: Path | None) -> MediaFacts:
    store = evidence_store()
    if isinstance(store, LocalStore):
        return media_facts(store.object_path(stored.sha256))
    if fallback is not None and fallback.exists():
        return media_facts(fallback)
    return MediaFacts(readable=False, problem="对象存储中的文件不支持随机读取，未读取音视频信息")


@transaction.atomic
def _record(
    *,
    actor: User | None,
    agency: Agency,
    stored: StoredObject,
    facts: MediaFacts | None,
    filename: str,
    description: str,
    how: str,
) -> EvidenceHolding:
    now = timezone.now()
    obj, created = EvidenceObject.objects.get_or_create(
        sha256=stored.sha256,
        defaults={
            "sm3": stored.sm3 or "",
            "size": stored.size,
            "backend": "s3" if stored.version_id else "local",
            "version_id": stored.version_id or "",
            "retain_until": stored.retain_until,
            "media": facts.as_json() if facts else {},
            "first_ingested_at": now,
        },
    )
    holding = EvidenceHolding.objects.create(
        object=obj,
        agency=agency,
        filename=filename,
        description=description.strip()[:500],
        added_by=actor,
        added_at=now,
    )
    ledger_append(
        actor=actor,
        action="evidence.ingest",
        target=holding,
        payload={
            "sha256": obj.sha256,
            "sm3": obj.sm3,
            "size": obj.size,
            "agency": agency,
            "filename": filename,
            "how": how,
            "new_object": created,
            "repaired": stored.repaired,
        },
    )
    return holding


def evidence_ingest(
    *,
    actor: User | None,
    agency: Agency,
    source: BinaryIO | Path,
    filename: str,
    description: str = "",
) -> EvidenceHolding:
    """Store a file for `agency` and record it.

    Side effects: the object in the evidence store (once per content); an EvidenceObject row when
    the content is new, an EvidenceHolding row and a ledger entry, committed together before this
    returns (call it outside any transaction, so that returning means committed).
    """
    name = _clean_name(filename)
    store = evidence_store()
    stored = store.ingest_file(source) if isinstance(source, Path) else store.ingest(source)
    facts = (
        None
        if EvidenceObject.objects.filter(sha256=stored.sha256).exists()
        else _facts_for(stored, source if isinstance(source, Path) else None)
    )
    return _record(
        actor=actor,
        agency=agency,
        stored=stored,
        facts=facts,
        filename=name,
        description=description,
        how="direct",
    )


@transaction.atomic
def evidence_upload_begin(
    *,
    actor: User,
    agency: Agency,
    filename: str,
    total_size: int,
    chunk_size: int,
    sha256: str | None = None,
    description: str = "",
) -> EvidenceUpload:
    """Open a resumable upload. Side effects: an upload session on disk, an EvidenceUpload row
    and a ledger entry."""
    name = _clean_name(filename)
    session = evidence_uploads().upload_begin(
        total_size=total_size,
        chunk_size=chunk_size,
        sha256=sha256,
        attributes={"filename": name, "agency": str(agency.pk), "user": str(actor.pk)},
    )
    upload = EvidenceUpload.objects.create(
        upload_id=session.upload_id,
        agency=agency,
        user=actor,
        filename=name,
        description=description.strip()[:500],
        total_size=total_size,
        created_at=timezone.now(),
    )
    ledger_append(
        actor=actor,
        action="evidence.upload_begin",
        target=upload,
        payload={"agency": agency, "filename": name, "total_size": total_size, "sha256": sha256},
    )
    return upload


def evidence_upload_chunk(
    *, upload: EvidenceUpload, offset: int, data: bytes, sha256: str
) -> UploadStatus:
    """Accept one chunk (checked against its SHA-256, fsynced, recorded on disk).

    Chunks are transport, not acts: the ledger records the upload's beginning and its completion
    with the hash of the whole file, not each chunk.
    """
    return evidence_uploads().upload_chunk(
        upload.upload_id, offset=offset, data=data, sha256=sha256
    )


def evidence_upload_complete(*, actor: User, upload: EvidenceUpload) -> EvidenceHolding:
    """Store the assembled file and record it, like evidence_ingest (idempotent: a client that
    lost the answer asks again and gets the same holding).

    Side effects: the object in the store; EvidenceObject (if new), EvidenceHolding, the upload
    row's link to it and a ledger entry, committed before this returns.
    """
    if upload.holding_id is not None:
        return EvidenceHolding.objects.get(pk=upload.holding_id)
    uploads = evidence_uploads()
    facts = media_facts(uploads.upload_data_path(upload.upload_id))
    stored = uploads.upload_complete(upload.upload_id)
    with transaction.atomic():
        locked = EvidenceUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.holding_id is not None:
            return EvidenceHolding.objects.get(pk=locked.holding_id)
        known = EvidenceObject.objects.filter(sha256=stored.sha256).exists()
        holding = _record(
            actor=actor,
            agency=locked.agency,
            stored=stored,
            facts=None if known else facts,
            filename=locked.filename,
            description=locked.description,
            how=f"upload:{locked.upload_id}",
        )
        locked.holding = holding
        locked.save(update_fields=["holding"])
    return holding


@transaction.atomic
def evidence_access_record(
    *, actor: User, holding: EvidenceHolding, kind: str, reason: str
) -> None:
    """Record that `actor` viewed, downloaded, copied or exported an original, and why.

    Side effects: one ledger entry. A download, copy or export needs a stated reason.
    """
    if kind not in ACCESS_KINDS:
        raise ValidationError({"kind": f"未知的访问方式：{kind}"})
    reason = reason.strip()
    if kind != "view" and not reason:
        raise ValidationError({"reason": f"{ACCESS_KINDS[kind]}证据原件须说明事由"})
    ledger_append(
        actor=actor,
        action=f"evidence.{kind}",
        target=holding,
        payload={"sha256": holding.object_id, "reason": reason or "在线查看"},
    )
