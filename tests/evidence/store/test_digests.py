"""SM3 and object names."""

from __future__ import annotations

import io

from liuhen.evidence.store.digests import is_sha256_hex, sm3_available
from liuhen.evidence.store.hashing import digest_problems, hash_stream


def test_sm3_matches_the_standards_second_example() -> None:
    # GB/T 32905-2016 appendix A.2: "abcd" repeated 16 times.
    assert sm3_available()
    digests = hash_stream(io.BytesIO(b"abcd" * 16), with_sm3=True, chunk_size=7)
    assert digests.sm3 == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_sha256_of_the_empty_stream() -> None:
    digests = hash_stream(io.BytesIO(b""), with_sm3=False)
    assert digests.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert (digests.sm3, digests.size) == (None, 0)


def test_names_are_64_lowercase_hex_digits_only() -> None:
    good = "a" * 64
    assert is_sha256_hex(good)
    for bad in ["A" * 64, "a" * 63, "a" * 65, "../" + "a" * 61, "g" * 64, "a" * 63 + "\n"]:
        assert not is_sha256_hex(bad)


def test_each_disagreement_is_named() -> None:
    actual = hash_stream(io.BytesIO(b"x"), with_sm3=True)
    problems = digest_problems(actual, sha256="0" * 64, sm3="1" * 64, size=2, against="台账记录")
    assert [p.code for p in problems] == ["sha256-mismatch", "sm3-mismatch", "size-mismatch"]
    assert "台账记录为 2 字节" in problems[2].message
    assert digest_problems(actual, sha256=actual.sha256, sm3=actual.sm3, size=1, against="x") == []
