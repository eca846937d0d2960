"""The evidence store's contract, shared by the local-folder and the S3 backends.

Objects are named by the SHA-256 of their content, so a name is also a claim anyone can check, and
identical content is stored once. `ingest` returns only when the object is durable under its final
name: the Django service then commits the ledger entry, and only then answers the client. Nothing
here deletes an object: disposal after retention is a separate, ledgered decision.
"""

from __future__ import annotations

import abc
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from liuhen.evidence.store.digests import is_sha256_hex
from liuhen.evidence.store.pump import Consumer, Readable


class StoreError(Exception):
    """Base of the store's errors; the message is for people (Chinese), fields for programs."""


class ObjectNotFound(StoreError, KeyError):
    def __init__(self, sha256: str) -> None:
        super().__init__(f"证据对象不存在：{sha256}")
        self.sha256 = sha256

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class InvalidObjectName(StoreError, ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"证据对象名称应为 64 位小写十六进制 SHA-256，收到：{name[:80]!r}")
        self.name = name


class DigestMismatch(StoreError, ValueError):
    """The content's SHA-256 is not the one the sender declared: nothing was stored."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"内容的 SHA-256 为 {actual}，与声明的 {expected} 不符；未保存")
        self.expected = expected
        self.actual = actual


class StoreMisconfigured(StoreError):
    """The backend cannot keep the store's promises as configured (e.g. no Object Lock)."""


@dataclass(frozen=True)
class StoredObject:
    """An object as stored. `sha256` is its name; `sm3` is None when the store runs SHA-256 only."""

    sha256: str
    sm3: str | None
    size: int
    location: str
    deduplicated: bool = False
    """The content was already stored (and verified): this ingest added no copy."""
    repaired: bool = False
    """The stored copy failed verification and this ingest replaced it; worth a ledger entry."""
    version_id: str | None = None
    """S3: the version holding the content (an overwrite of the key makes a newer one)."""
    retain_until: datetime | None = None
    """S3 Object Lock: no one, root included, can delete this version before then."""
    legal_hold: bool = False


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an object: `code` for programs, `message` for people."""

    code: str
    message: str


@dataclass(frozen=True)
class Verification:
    """The result of re-reading an object: no problems means content and records agree."""

    sha256: str
    problems: tuple[Problem, ...]
    bytes_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        if self.ok:
            return f"{self.sha256}：完好"
        return f"{self.sha256}：" + "；".join(problem.message for problem in self.problems)


@dataclass
class SweepReport:
    """What `sweep` removed (leftovers of crashed or abandoned work) and what it left running."""

    removed: list[str] = field(default_factory=list)
    removed_bytes: int = 0
    kept_in_use: int = 0


def check_name(sha256: str) -> str:
    """Return a valid object name or raise InvalidObjectName (names become paths and keys)."""
    if not is_sha256_hex(sha256):
        raise InvalidObjectName(sha256)
    return sha256


class EvidenceStore(abc.ABC):
    """A content-addressed, verify-everything store of evidence originals."""

    with_sm3: bool

    @abc.abstractmethod
    def ingest(
        self,
        source: Readable,
        *,
        retain_until: datetime | None = None,
        legal_hold: bool = False,
        expected_sha256: str | None = None,
        observe: Sequence[Consumer] = (),
    ) -> StoredObject:
        """Store the bytes of `source` (read to its end, in constant memory) and return only when
        they are durable under their SHA-256.

        `retain_until` (aware) and `legal_hold` apply where the backend can enforce them (S3
        Object Lock); a later retention extends an earlier one. With `expected_sha256`, content
        hashing to anything else raises DigestMismatch and is not stored. `observe` consumers see
        every chunk during the same pass; one raising aborts the ingest (nothing is stored).
        """

    @abc.abstractmethod
    def ingest_file(
        self,
        path: Path,
        *,
        move: bool = False,
        retain_until: datetime | None = None,
        legal_hold: bool = False,
        expected_sha256: str | None = None,
        observe: Sequence[Consumer] = (),
    ) -> StoredObject:
        """Store a file already on this machine, as `ingest` does. With `move`, the file is
        consumed once stored: renamed into place when it is on the store's filesystem (one
        hashing pass, no copy), else removed after the upload. If anything fails it is left as
        it was. Used for assembled resumable uploads."""

    @abc.abstractmethod
    def open(self, sha256: str) -> BinaryIO:
        """A binary stream of the stored content (close it, or use it as a context manager)."""

    @abc.abstractmethod
    def stat(self, sha256: str) -> StoredObject:
        """What the store recorded about an object, without re-reading its content."""

    @abc.abstractmethod
    def exists(self, sha256: str) -> bool: ...

    @abc.abstractmethod
    def verify(
        self, sha256: str, *, expected_sm3: str | None = None, expected_size: int | None = None
    ) -> Verification:
        """Re-read and re-hash the content, compare with its name, with what the store recorded
        and with the caller's expectations (the ledger's values); report each disagreement."""

    @abc.abstractmethod
    def iter_objects(self) -> Iterator[str]:
        """Every stored object's name, for `liuhen verify`."""

    @abc.abstractmethod
    def sweep(self, *, older_than: timedelta) -> SweepReport:
        """Remove leftovers (temporary files or keys) of ingests older than `older_than`, which a
        crash or a dropped connection left behind. Work still in progress is never touched."""

    def verify_each(
        self, *, sample: int | None = None, seed: int | None = None
    ) -> Iterator[Verification]:
        """Verify every object (or `sample` of them chosen at random), one result at a time, so
        `liuhen verify` can show progress and report each problem where it is found."""
        names = (
            self.iter_objects() if sample is None else iter(self.sample_objects(sample, seed=seed))
        )
        for name in names:
            yield self.verify(name)

    def sample_objects(self, k: int, *, seed: int | None = None) -> list[str]:
        """k names chosen uniformly at random (all of them if fewer), in one pass over the store.

        Without a seed the choice comes from the operating system's randomness, so whoever might
        tamper with an object cannot predict which ones a quick check will read.
        """
        if k < 0:
            raise ValueError("k must not be negative")
        chooser = random.SystemRandom() if seed is None else random.Random(seed)  # noqa: S311
        chosen: list[str] = []
        for seen, name in enumerate(self.iter_objects()):
            if seen < k:
                chosen.append(name)
            else:
                slot = chooser.randint(0, seen)
                if slot < k:
                    chosen[slot] = name
        return chosen
