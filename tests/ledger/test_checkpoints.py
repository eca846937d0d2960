"""Signed checkpoints and the signing key: what a witness trusts, and every way to break it."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import stat
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from liuhen.ledger.checkpoints import (
    CHECKPOINT_FORMAT,
    BadSignature,
    Checkpoint,
    CheckpointFormatError,
    SignedCheckpoint,
    SigningKeyError,
    UnknownSigningKey,
    checkpoint_create,
    checkpoint_from_json,
    checkpoint_sign,
    checkpoint_to_json,
    checkpoint_verify,
    public_key_from_hex,
    public_key_from_pem,
    public_key_hex,
    public_key_id,
    public_key_pem,
    signing_key_load,
    signing_key_load_or_create,
    trusted_keys,
    write_once,
)

AT = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
ROOT = bytes.fromhex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")


def make_checkpoint(
    tree_size: int = 8, root: bytes = ROOT, algorithm: str = "sha256"
) -> Checkpoint:
    return checkpoint_create(
        log_id="liuhen:gz-tianhe", tree_size=tree_size, root_hash=root, algorithm=algorithm, at=AT
    )


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


# --- the signing key file --------------------------------------------------------------------


def test_the_key_is_created_on_first_use_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ledger" / "signing-key.pem"
    key = signing_key_load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert os.listdir(path.parent) == ["signing-key.pem"]  # no temporary file left behind
    again = signing_key_load_or_create(path)
    assert public_key_hex(again) == public_key_hex(key)


def test_processes_starting_at_once_end_up_with_one_key(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"
    found: list[str] = []
    barrier = threading.Barrier(8)

    def start() -> None:
        barrier.wait()
        found.append(public_key_hex(signing_key_load_or_create(path)))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8
    assert set(found) == {public_key_hex(signing_key_load(path))}


def test_write_once_never_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    assert write_once(path, b"first", mode=0o600) is True
    assert write_once(path, b"second", mode=0o600) is False
    assert path.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["file"]


def test_write_once_works_where_hard_links_are_not_supported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "checkpoint.json"
    assert write_once(path, b"first", mode=0o644) is True
    assert write_once(path, b"second", mode=0o644) is False
    assert path.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["checkpoint.json"]


def test_a_key_file_others_can_read_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"
    signing_key_load_or_create(path)
    path.chmod(0o644)
    with pytest.raises(SigningKeyError, match=f"mode 0644.*chmod 600 {path}"):
        signing_key_load(path)


def test_a_key_file_that_is_not_an_ed25519_key_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"not a key")
    garbage.chmod(0o600)
    with pytest.raises(SigningKeyError, match="not an unencrypted PEM private key"):
        signing_key_load(garbage)
    other = tmp_path / "ec.pem"
    other.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    other.chmod(0o600)
    with pytest.raises(SigningKeyError, match="not an Ed25519 key"):
        signing_key_load(other)


def test_a_missing_key_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(SigningKeyError, match="cannot read the ledger signing key"):
        signing_key_load(tmp_path / "absent.pem")


def test_public_key_exports_round_trip_and_the_key_id_is_sha256_of_the_raw_key(
    key: Ed25519PrivateKey,
) -> None:
    raw_hex = public_key_hex(key)
    assert len(raw_hex) == 64
    assert public_key_pem(key).startswith("-----BEGIN PUBLIC KEY-----")
    assert public_key_hex(public_key_from_pem(public_key_pem(key))) == raw_hex
    assert public_key_hex(public_key_from_hex(raw_hex)) == raw_hex
    assert public_key_id(key) == hashlib.sha256(bytes.fromhex(raw_hex)).hexdigest()
    assert list(trusted_keys(key.public_key())) == [public_key_id(key)]


# --- signing and verifying -------------------------------------------------------------------


def test_a_signed_checkpoint_verifies_with_the_trusted_key(key: Ed25519PrivateKey) -> None:
    signed = checkpoint_sign(make_checkpoint(), key)
    assert checkpoint_verify(signed, trusted_keys(key.public_key())) == make_checkpoint()


def test_the_published_json_is_canonical_and_its_format_is_pinned(key: Ed25519PrivateKey) -> None:
    signed = checkpoint_sign(make_checkpoint(), key)
    data = checkpoint_to_json(signed)
    document = json.loads(data)
    assert list(document) == [
        "algorithm",
        "format",
        "key_id",
        "log_id",
        "root_hash",
        "signature",
        "timestamp",
        "tree_size",
    ]
    assert document["format"] == CHECKPOINT_FORMAT
    assert document["timestamp"] == "2026-03-03T08:00:00.000000Z"
    assert b" " not in data
    # The signature covers the same canonical object without "signature" (what witnesses check).
    del document["signature"]
    message = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    key.public_key().verify(bytes.fromhex(signed.signature), message)
    assert checkpoint_from_json(data) == signed


@pytest.mark.parametrize(
    "change",
    [
        {"tree_size": 9},
        {"root_hash": "0" + ROOT.hex()[1:]},
        {"timestamp": "2026-03-03T08:00:00.000001Z"},
        {"log_id": "liuhen:gz-yuexiu"},
        {"algorithm": "sm3"},
    ],
)
def test_any_changed_field_breaks_the_signature(
    key: Ed25519PrivateKey, change: dict[str, Any]
) -> None:
    signed = checkpoint_sign(make_checkpoint(), key)
    tampered = dataclasses.replace(
        signed, checkpoint=dataclasses.replace(signed.checkpoint, **change)
    )
    with pytest.raises(BadSignature, match="signature does not match"):
        checkpoint_verify(tampered, trusted_keys(key.public_key()))


@pytest.mark.parametrize("bit", [0, 7, 255, 511])
def test_a_flipped_signature_bit_is_refused(key: Ed25519PrivateKey, bit: int) -> None:
    signed = checkpoint_sign(make_checkpoint(), key)
    signature = bytearray.fromhex(signed.signature)
    signature[bit // 8] ^= 1 << (bit % 8)
    tampered = dataclasses.replace(signed, signature=signature.hex())
    with pytest.raises(BadSignature):
        checkpoint_verify(tampered, trusted_keys(key.public_key()))


def test_a_checkpoint_from_an_unknown_key_is_refused_naming_the_key(key: Ed25519PrivateKey) -> None:
    stranger = Ed25519PrivateKey.generate()
    signed = checkpoint_sign(make_checkpoint(), stranger)
    with pytest.raises(UnknownSigningKey, match=public_key_id(stranger)):
        checkpoint_verify(signed, trusted_keys(key.public_key()))


def test_relabelling_a_signature_with_a_trusted_key_id_fails(key: Ed25519PrivateKey) -> None:
    stranger = Ed25519PrivateKey.generate()
    signed = checkpoint_sign(make_checkpoint(), stranger)
    relabelled = dataclasses.replace(signed, key_id=public_key_id(key))
    with pytest.raises(BadSignature):
        checkpoint_verify(relabelled, trusted_keys(key.public_key()))


def test_a_checkpoint_needs_an_aware_time_and_a_known_algorithm() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        checkpoint_create(
            log_id="liuhen:x",
            tree_size=1,
            root_hash=ROOT,
            algorithm="sha256",
            at=datetime(2026, 3, 3, 8, 0),  # noqa: DTZ001 -- the point of the test
        )
    with pytest.raises(CheckpointFormatError, match=r"'algorithm'.*unknown ledger hash algorithm"):
        make_checkpoint(algorithm="sha1")
    with pytest.raises(CheckpointFormatError, match="'root_hash'"):
        make_checkpoint(root=ROOT[:16])


# --- parsing what a witness sends back -------------------------------------------------------


def _published(key: Ed25519PrivateKey) -> dict[str, object]:
    document: dict[str, object] = json.loads(
        checkpoint_to_json(checkpoint_sign(make_checkpoint(), key))
    )
    return document


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (lambda d: d.pop("root_hash"), "root_hash", "required field missing"),
        (lambda d: d.update(extra=1), "extra", "unknown field"),
        (lambda d: d.update(tree_size="8"), "tree_size", "expected an integer"),
        (lambda d: d.update(tree_size=-1), "tree_size", "non-negative"),
        (lambda d: d.update(format="other/1"), "format", "liuhen-checkpoint/1"),
        (lambda d: d.update(root_hash="XYZ"), "root_hash", "lowercase hex"),
        (lambda d: d.update(signature="00"), "signature", "128 hex digits"),
        (lambda d: d.update(key_id=7), "key_id", "expected a string"),
        (lambda d: d.update(timestamp="2026-03-03T08:00:00Z"), "timestamp", "UTC"),
        (lambda d: d.update(log_id="空 格"), "log_id", "expected 1-128"),
    ],
)
def test_a_malformed_checkpoint_names_the_bad_field(
    key: Ed25519PrivateKey, edit: Callable[[dict[str, object]], object], field: str, words: str
) -> None:
    document = _published(key)
    edit(document)
    with pytest.raises(CheckpointFormatError, match=words) as caught:
        checkpoint_from_json(json.dumps(document).encode())
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"tree_size": 8.0}', "integers only"),
        (b'{"tree_size": 8, "tree_size": 9}', "duplicate object key"),
        (b"{", "not JSON"),
    ],
)
def test_input_that_is_not_a_checkpoint_object_is_refused(data: bytes, words: str) -> None:
    with pytest.raises(CheckpointFormatError, match=words):
        checkpoint_from_json(data)


def test_any_json_spelling_parses_to_the_same_verifiable_checkpoint(key: Ed25519PrivateKey) -> None:
    document = _published(key)
    pretty = json.dumps(dict(reversed(list(document.items()))), indent=2) + "\n"
    signed = checkpoint_from_json(pretty)
    assert isinstance(signed, SignedCheckpoint)
    checkpoint_verify(signed, trusted_keys(key.public_key()))
