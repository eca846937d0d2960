"""The hash algorithms the ledger can run on: SHA-256 (the default) and SM3 (国密, GB/T 32905).

An agency that must use 国密 picks SM3 by name; everything else (entry hashes, Merkle trees,
checkpoints) takes the algorithm as a value, so no code path silently falls back to SHA-256.
SM3 comes from OpenSSL through `hashlib.new("sm3")`; a Python linked against an OpenSSL without it
(a FIPS build, an old distribution) must fail at start-up, not at the first write, hence
`hash_algorithm_check`, which also proves the digest is the standard one with a published vector.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

DEFAULT_ALGORITHM = "sha256"

# Published test vectors for the message "abc": FIPS 180-2 appendix B.1 and GB/T 32905-2016 A.1.
_VECTORS = {
    "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "sm3": "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
}


class Hasher(Protocol):
    """The part of a `hashlib` object the ledger uses, for streaming large inputs."""

    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


class UnknownHashAlgorithm(ValueError):
    """A name that is not in the registry (the message lists the ones that are)."""


class HashAlgorithmUnavailable(RuntimeError):
    """The algorithm is known but this Python/OpenSSL cannot compute it correctly."""


@dataclass(frozen=True, slots=True)
class HashAlgorithm:
    """One hash algorithm: its registry name, digest length and two ways to compute it.

    `digest(data)` is the fast path for the many small inputs of a Merkle tree; `hasher()` gives a
    fresh incremental object for streaming.
    """

    name: str
    digest_size: int
    digest: Callable[[bytes], bytes]
    hasher: Callable[[], Hasher]

    def __repr__(self) -> str:
        return f"HashAlgorithm({self.name!r})"


def algorithm_names() -> tuple[str, ...]:
    return tuple(_VECTORS)


def hash_algorithm(name: str) -> HashAlgorithm:
    """The algorithm registered under `name` (`sha256` or `sm3`).

    Raises UnknownHashAlgorithm for any other name and HashAlgorithmUnavailable when OpenSSL lacks
    it. Does not check the test vector: that is `hash_algorithm_check`, run once at start-up.
    """
    if name == "sha256":
        return _sha256()
    if name == "sm3":
        return _sm3()
    raise UnknownHashAlgorithm(
        f"unknown ledger hash algorithm {name!r}; choose one of: {', '.join(algorithm_names())}"
    )


def hash_algorithm_check(name: str) -> HashAlgorithm:
    """The algorithm `name`, after proving it computes the published digest of "abc".

    Call it at start-up with the configured name: a missing or wrong implementation stops the
    platform with a message saying which algorithm and why, before any entry is written with it.
    """
    algorithm = hash_algorithm(name)
    expected = _VECTORS[name]
    streamed = algorithm.hasher()
    streamed.update(b"a")
    streamed.update(b"bc")
    for how, got in (("digest", algorithm.digest(b"abc").hex()), ("hasher", streamed.hexdigest())):
        if got != expected:
            raise HashAlgorithmUnavailable(
                f"hash algorithm {name!r} is broken in this Python/OpenSSL: {how}('abc') gave "
                f"{got}, the published test vector is {expected}"
            )
    if algorithm.digest_size != len(bytes.fromhex(expected)):
        raise HashAlgorithmUnavailable(
            f"hash algorithm {name!r} reports a {algorithm.digest_size}-byte digest, expected "
            f"{len(expected) // 2}"
        )
    return algorithm


def _sha256() -> HashAlgorithm:
    def digest(data: bytes) -> bytes:
        return hashlib.sha256(data).digest()

    return HashAlgorithm("sha256", 32, digest, hashlib.sha256)


def _sm3() -> HashAlgorithm:
    try:
        prototype = hashlib.new("sm3")
    except ValueError as error:
        raise HashAlgorithmUnavailable(
            f"hash algorithm 'sm3' is not available in this Python's OpenSSL ({error}); SM3 needs "
            "OpenSSL 1.1.1 or later without FIPS-only mode, or choose 'sha256'"
        ) from None
    # Copying a prepared context skips OpenSSL's by-name lookup: about twice as fast for the
    # 65-byte inputs of Merkle nodes.
    copy = prototype.copy

    def digest(data: bytes) -> bytes:
        context = copy()
        context.update(data)
        return context.digest()

    def hasher() -> Hasher:
        return copy()

    return HashAlgorithm("sm3", prototype.digest_size, digest, hasher)
