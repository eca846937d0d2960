"""Hashing a whole stream, and saying precisely how its digests differ from a claim.

Shared by both backends so that "what is wrong" reads the same whichever one found it.
"""

from __future__ import annotations

from liuhen.evidence.store.base import Problem
from liuhen.evidence.store.digests import Digests, new_sha256, new_sm3
from liuhen.evidence.store.pump import DEFAULT_CHUNK_SIZE, Consumer, Readable, pump


def hash_stream(
    source: Readable, *, with_sm3: bool, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Digests:
    """SHA-256 (and SM3) of everything `source` yields, both in one pass, in parallel threads."""
    sha256 = new_sha256()
    sm3 = new_sm3() if with_sm3 else None
    consumers: list[Consumer] = [sm3.update] if sm3 else []
    consumers.append(sha256.update)
    size = pump(source, consumers, chunk_size=chunk_size)
    return Digests(sha256.hexdigest(), sm3.hexdigest() if sm3 else None, size)


def digest_problems(
    actual: Digests,
    *,
    sha256: str | None = None,
    sm3: str | None = None,
    size: int | None = None,
    against: str,
    code_prefix: str = "",
) -> list[Problem]:
    """Each disagreement between the digests of the content and what `against` claims.

    A claim left as None is not checked (a store in SHA-256-only mode has no SM3 to compare).
    """
    problems = []
    if sha256 is not None and actual.sha256 != sha256:
        problems.append(
            Problem(
                f"{code_prefix}sha256-mismatch",
                f"内容的 SHA-256 为 {actual.sha256}，{against}为 {sha256}（内容已被改动）",
            )
        )
    if sm3 is not None and actual.sm3 is not None and actual.sm3 != sm3:
        problems.append(
            Problem(f"{code_prefix}sm3-mismatch", f"内容的 SM3 为 {actual.sm3}，{against}为 {sm3}")
        )
    if size is not None and actual.size != size:
        problems.append(
            Problem(
                f"{code_prefix}size-mismatch",
                f"内容大小为 {actual.size} 字节，{against}为 {size} 字节",
            )
        )
    return problems
