"""Signed tree heads: "log X had N entries with Merkle root R at time T", signed with Ed25519.

A checkpoint is what leaves the platform: a witness keeps it, and later anyone can ask the log to
prove that today's tree extends it. It is serialised as one canonical JSON object

    {"algorithm": "sha256", "format": "liuhen-checkpoint/1", "key_id": "<64 hex>",
     "log_id": "...", "root_hash": "<hex>", "signature": "<128 hex>",
     "timestamp": "2026-03-04T01:02:03.000004Z", "tree_size": 1234}

and the signature is Ed25519 over the canonical JSON of the same object without "signature".
The "format" member separates these signatures from anything else the key may ever sign, and
"key_id" (SHA-256 of the raw 32-byte public key, whatever the ledger's hash algorithm) is signed
too, so a checkpoint cannot be passed off as another key's.

The signing key lives in a PEM file whose path the caller gives; it is created on first use with
mode 0600 by an atomic write (no half-written key, and two processes starting at once end up with
the same key).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from liuhen.ledger.canonical import (
    CanonicalJSONError,
    canonical_json,
    canonical_time,
    is_canonical_time,
    json_parse_strict,
)
from liuhen.ledger.digests import UnknownHashAlgorithm, hash_algorithm

CHECKPOINT_FORMAT = "liuhen-checkpoint/1"

_LOG_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
_FIELDS = ("algorithm", "format", "key_id", "log_id", "root_hash", "signature", "timestamp")


class CheckpointError(ValueError):
    """A checkpoint that cannot be trusted; the message says why."""


class CheckpointFormatError(CheckpointError):
    """Malformed checkpoint input; `field` names the member that is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"checkpoint field {field!r}: {reason}")
        self.field = field


class UnknownSigningKey(CheckpointError):
    """Signed by a key the verifier does not trust."""


class BadSignature(CheckpointError):
    """The signature does not match the checkpoint's content."""


class SigningKeyError(RuntimeError):
    """The key file cannot be created or used; the message names the file and the fix."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The signed content. `root_hash` is lowercase hex; `timestamp` is `canonical_time(...)`."""

    log_id: str
    tree_size: int
    root_hash: str
    algorithm: str
    timestamp: str

    def __post_init__(self) -> None:
        if not isinstance(self.log_id, str) or _LOG_ID.fullmatch(self.log_id) is None:
            raise CheckpointFormatError(
                "log_id", f"expected 1-128 of A-Z a-z 0-9 . _ : / - , got {self.log_id!r}"
            )
        if type(self.tree_size) is not int or self.tree_size < 0:
            raise CheckpointFormatError(
                "tree_size", f"expected a non-negative integer, got {self.tree_size!r}"
            )
        if not isinstance(self.algorithm, str):
            raise CheckpointFormatError("algorithm", f"expected a name, got {self.algorithm!r}")
        try:
            size = hash_algorithm(self.algorithm).digest_size
        except UnknownHashAlgorithm as error:
            raise CheckpointFormatError("algorithm", str(error)) from None
        if not _is_hex(self.root_hash, size):
            raise CheckpointFormatError(
                "root_hash",
                f"expected {2 * size} lowercase hex digits ({self.algorithm}), "
                f"got {self.root_hash!r}",
            )
        if not is_canonical_time(self.timestamp):
            raise CheckpointFormatError(
                "timestamp",
                f"expected UTC 'YYYY-MM-DDTHH:MM:SS.ffffffZ', got {self.timestamp!r}",
            )

    @property
    def root(self) -> bytes:
        return bytes.fromhex(self.root_hash)


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    key_id: str
    signature: str  # 128 lowercase hex digits

    def __post_init__(self) -> None:
        if not _is_hex(self.key_id, 32):
            raise CheckpointFormatError("key_id", f"expected 64 hex digits, got {self.key_id!r}")
        if not _is_hex(self.signature, 64):
            raise CheckpointFormatError(
                "signature", f"expected 128 hex digits (Ed25519), got {self.signature!r:.140}"
            )


def checkpoint_create(
    *, log_id: str, tree_size: int, root_hash: bytes, algorithm: str, at: datetime
) -> Checkpoint:
    """A checkpoint from Python values: the root as bytes, the time as an aware datetime."""
    return Checkpoint(
        log_id=log_id,
        tree_size=tree_size,
        root_hash=root_hash.hex(),
        algorithm=algorithm,
        timestamp=canonical_time(at),
    )


def checkpoint_sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> SignedCheckpoint:
    key_id = public_key_id(key.public_key())
    signature = key.sign(_signed_bytes(checkpoint, key_id))
    return SignedCheckpoint(checkpoint, key_id, signature.hex())


def checkpoint_verify(
    signed: SignedCheckpoint, trusted_keys: Mapping[str, Ed25519PublicKey]
) -> Checkpoint:
    """The checkpoint, once its signature is proven by a trusted key; raises CheckpointError."""
    public_key = trusted_keys.get(signed.key_id)
    if public_key is None:
        known = ", ".join(sorted(trusted_keys)) or "none"
        raise UnknownSigningKey(
            f"checkpoint of {signed.checkpoint.log_id} at size {signed.checkpoint.tree_size} is "
            f"signed by key {signed.key_id}, which is not trusted here (trusted: {known})"
        )
    try:
        public_key.verify(
            bytes.fromhex(signed.signature), _signed_bytes(signed.checkpoint, signed.key_id)
        )
    except InvalidSignature:
        raise BadSignature(
            f"checkpoint of {signed.checkpoint.log_id} at size {signed.checkpoint.tree_size}: "
            f"the signature does not match its content under key {signed.key_id} (the "
            "checkpoint or its signature was altered)"
        ) from None
    return signed.checkpoint


def checkpoint_to_json(signed: SignedCheckpoint) -> bytes:
    """The canonical JSON published to witnesses and served over HTTP (see module docstring)."""
    document = _document(signed.checkpoint, signed.key_id)
    document["signature"] = signed.signature
    return canonical_json(document)


def checkpoint_from_json(data: bytes | str) -> SignedCheckpoint:
    """Parse a received checkpoint. Checks its form, not its signature (`checkpoint_verify`)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CheckpointFormatError("$", f"not UTF-8 text ({error.reason})") from None
    try:
        document = json_parse_strict(data)
    except CanonicalJSONError as error:
        raise CheckpointFormatError(error.path, error.reason) from None
    if not isinstance(document, dict):
        raise CheckpointFormatError("$", "expected a JSON object")
    unknown = sorted(set(document) - {*_FIELDS, "tree_size"})
    if unknown:
        raise CheckpointFormatError(unknown[0], "unknown field")
    for name in (*_FIELDS, "tree_size"):
        if name not in document:
            raise CheckpointFormatError(name, "required field missing")
    for name in _FIELDS:
        if not isinstance(document[name], str):
            raise CheckpointFormatError(name, f"expected a string, got {document[name]!r:.80}")
    if document["format"] != CHECKPOINT_FORMAT:
        raise CheckpointFormatError(
            "format", f"expected {CHECKPOINT_FORMAT!r}, got {document['format']!r}"
        )
    tree_size = document["tree_size"]
    if type(tree_size) is not int:
        raise CheckpointFormatError("tree_size", f"expected an integer, got {tree_size!r:.80}")
    checkpoint = Checkpoint(
        log_id=str(document["log_id"]),
        tree_size=tree_size,
        root_hash=str(document["root_hash"]),
        algorithm=str(document["algorithm"]),
        timestamp=str(document["timestamp"]),
    )
    return SignedCheckpoint(checkpoint, str(document["key_id"]), str(document["signature"]))


def signing_key_load_or_create(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in `path` (PKCS#8 PEM), created with mode 0600 if there is none yet."""
    path = Path(path)
    if not path.exists():
        _signing_key_create(path)
    return signing_key_load(path)


def signing_key_load(path: Path) -> Ed25519PrivateKey:
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(f"cannot read the ledger signing key {path}: {error}") from None
    if mode & 0o077:
        raise SigningKeyError(
            f"the ledger signing key {path} has mode {mode:04o}: other users could read or "
            f"replace it; run: chmod 600 {path}"
        )
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"{path} is not an unencrypted PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def public_key_pem(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """SubjectPublicKeyInfo PEM, the form `openssl pkey -pubin` and most tools read."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode("ascii")


def public_key_hex(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The raw 32-byte public key (RFC 8032) in hex, short enough to read over the phone."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def public_key_id(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """SHA-256 of the raw public key, in hex: the name a checkpoint gives its signing key."""
    return hashlib.sha256(bytes.fromhex(public_key_hex(key))).hexdigest()


def public_key_from_pem(text: str | bytes) -> Ed25519PublicKey:
    data = text.encode("ascii") if isinstance(text, str) else text
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise CheckpointError(f"not a PEM public key: {error}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(f"expected an Ed25519 public key, got {type(key).__name__}")
    return key


def public_key_from_hex(text: str) -> Ed25519PublicKey:
    if not _is_hex(text, 32):
        raise CheckpointError(f"expected 64 hex digits of an Ed25519 public key, got {text!r}")
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))


def trusted_keys(*keys: Ed25519PublicKey) -> dict[str, Ed25519PublicKey]:
    """The mapping `checkpoint_verify` takes: key id → public key."""
    return {public_key_id(key): key for key in keys}


def _document(checkpoint: Checkpoint, key_id: str) -> dict[str, object]:
    return {
        "algorithm": checkpoint.algorithm,
        "format": CHECKPOINT_FORMAT,
        "key_id": key_id,
        "log_id": checkpoint.log_id,
        "root_hash": checkpoint.root_hash,
        "timestamp": checkpoint.timestamp,
        "tree_size": checkpoint.tree_size,
    }


def _signed_bytes(checkpoint: Checkpoint, key_id: str) -> bytes:
    return canonical_json(_document(checkpoint, key_id))


def write_once(path: Path, data: bytes, *, mode: int) -> bool:
    """Create `path` holding `data`, atomically and durably; False if the name already exists.

    Temp file in the same folder (created with `mode`) → fsync → hard link to the final name →
    fsync the folder. link() refuses an existing name, so a file is never overwritten and a reader
    never sees half of one; when two writers race, the first one's file stays. On a file system
    without hard links (a FAT stick, some network shares used as witness drops) the name is
    claimed by an exclusive create and the full file renamed over it: still never overwritten or
    half-written, though a reader may briefly see an empty file.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
            except FileExistsError:
                return False
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return True


def _signing_key_create(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        write_once(path, pem, mode=0o600)  # a key another process made first wins
    except OSError as error:
        raise SigningKeyError(f"cannot create the ledger signing key {path}: {error}") from None


def _is_hex(value: object, size: int) -> bool:
    return isinstance(value, str) and len(value) == 2 * size and _HEX.fullmatch(value) is not None
