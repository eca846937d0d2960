"""The configured evidence store and upload folder (settings LIUHEN_EVIDENCE_*)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from liuhen.evidence.store import EvidenceStore, LocalStore, S3Config, S3Store, Uploads


@cache
def evidence_store() -> EvidenceStore:
    if settings.LIUHEN_EVIDENCE_BACKEND == "s3":
        store = S3Store(S3Config.from_environ(), with_sm3=settings.LIUHEN_EVIDENCE_SM3)
        store.check()
        return store
    return LocalStore(Path(settings.LIUHEN_EVIDENCE_ROOT), with_sm3=settings.LIUHEN_EVIDENCE_SM3)


@cache
def evidence_uploads() -> Uploads:
    store = evidence_store()
    # On the local backend the upload folder sits beside the objects, so completing an upload
    # is a rename, not a copy of gigabytes.
    folder = (
        store.uploads_dir
        if isinstance(store, LocalStore)
        else Path(settings.LIUHEN_EVIDENCE_ROOT) / "uploads"
    )
    return Uploads(folder, store)


def evidence_stores_reset() -> None:
    """Forget the cached store (tests change the settings)."""
    evidence_store.cache_clear()
    evidence_uploads.cache_clear()
