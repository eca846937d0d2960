"""Content digests: SHA-256 names every object, SM3 (国密) is computed alongside.

SM3 comes from OpenSSL through `hashlib.new("sm3")`. A Python linked against an OpenSSL built
without it cannot serve an agency that requires 国密, so that is checked when a store is opened
(`require_sm3`), not discovered half-way through an upload.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

SHA256_HEX = re.compile(r"[0-9a-f]{64}")
SM3_HEX = SHA256_HEX  # both are 256-bit digests written as 64 lower-case hex digits


class Hasher(Protocol):
    """What hashlib objects offer; typed so the pipeline accepts any of them."""

    def update(self, data: bytes | memoryview, /) -> None: ...

    def hexdigest(self) -> str: ...


class DigestUnavailable(RuntimeError):
    """The running Python's OpenSSL lacks an algorithm the configuration asks for."""


@dataclass(frozen=True)
class Digests:
    """What one pass over some bytes established about them."""

    sha256: str
    sm3: str | None
    size: int


def is_sha256_hex(value: str) -> bool:
    """True for a well-formed object name; this also keeps names from escaping the store."""
    return bool(SHA256_HEX.fullmatch(value))


@cache
def sm3_available() -> bool:
    """Whether `hashlib.new("sm3")` works here (OpenSSL 3 has it; some builds leave it out)."""
    try:
        probe = hashlib.new("sm3")
    except ValueError:
        return False
    probe.update(b"abc")
    # GB/T 32905-2016 appendix A.1: SM3("abc").
    return probe.hexdigest() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def require_sm3() -> None:
    """Raise `DigestUnavailable` unless SM3 works, naming what to install."""
    if not sm3_available():
        raise DigestUnavailable(
            "本机 Python 的 OpenSSL 不支持 SM3（hashlib.new('sm3') 失败或结果错误）；"
            "请使用带 SM3 的 OpenSSL 3 构建的 Python，或关闭 SM3"
        )


def new_sha256() -> Hasher:
    return hashlib.sha256()


def new_sm3() -> Hasher:
    require_sm3()
    return hashlib.new("sm3")
