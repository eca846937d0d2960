"""RFC 9162 Merkle trees: the reference vectors of Certificate Transparency, and tampered proofs.

The vectors are the test tree of the CT reference implementations (transparency-dev/merkle,
proof/verify_test.go; also RFC 6962's C++ and Go tests): eight leaves, the root of every size,
audit paths and consistency proofs. A root no other implementation agrees with proves nothing to a
court or a witness, so these are checked byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liuhen.ledger.digests import HashAlgorithm, hash_algorithm
from liuhen.ledger.merkle import (
    ProofError,
    RootBuilder,
    consistency_proof,
    empty_root,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    node_hash,
    verify_consistency,
    verify_inclusion,
)

SHA256 = hash_algorithm("sha256")
SM3 = hash_algorithm("sm3")

DATA = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
LEAVES = [leaf_hash(d, algorithm=SHA256) for d in DATA]
ROOTS = [
    bytes.fromhex(h)
    for h in (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    )
]


def _h(*hexes: str) -> list[bytes]:
    return [bytes.fromhex(h) for h in hexes]


# (leaf index, tree size, audit path): transparency-dev's inclusionProofs, indexes from 0.
INCLUSION_VECTORS = [
    (0, 1, []),
    (
        0,
        8,
        _h(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ),
    ),
    (
        5,
        8,
        _h(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
    (2, 3, _h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
    (
        1,
        5,
        _h(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ),
    ),
]

# (old size, new size, proof): transparency-dev's consistencyProofs.
CONSISTENCY_VECTORS = [
    (1, 1, []),
    (
        1,
        8,
        _h(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ),
    ),
    (
        6,
        8,
        _h(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
    (
        2,
        5,
        _h(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ),
    ),
    (
        6,
        7,
        _h(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
]


# --- the RFC's definitions, written recursively as the text states them: the oracle ----------


def rfc_mth(leaves: Sequence[bytes], algorithm: HashAlgorithm = SHA256) -> bytes:
    n = len(leaves)
    if n == 0:
        return algorithm.digest(b"")
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(
        rfc_mth(leaves[:k], algorithm), rfc_mth(leaves[k:], algorithm), algorithm=algorithm
    )


def rfc_path(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    n = len(leaves)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return [*rfc_path(m, leaves[:k]), rfc_mth(leaves[k:])]
    return [*rfc_path(m - k, leaves[k:]), rfc_mth(leaves[:k])]


def rfc_subproof(m: int, leaves: Sequence[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [rfc_mth(leaves)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return [*rfc_subproof(m, leaves[:k], whole), rfc_mth(leaves[k:])]
    return [*rfc_subproof(m - k, leaves[k:], False), rfc_mth(leaves[:k])]


def rfc_shape(m: int, n: int) -> list[str]:
    """Which side each element of PATH(m, D[n]) joins on, leaf up: all a verifier can tell apart."""
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return [*rfc_shape(m, k), "right"]
    return [*rfc_shape(m - k, n - k), "left"]


def rfc_consistency_shape(m: int, n: int, whole: bool = True) -> list[str]:
    """The same for SUBPROOF(m, D[n], b)."""
    if m == n:
        return [] if whole else ["subtree"]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return [*rfc_consistency_shape(m, k, whole), "right"]
    return [*rfc_consistency_shape(m - k, n - k, False), "left"]


def make_leaves(count: int, algorithm: HashAlgorithm = SHA256) -> list[bytes]:
    return [leaf_hash(i.to_bytes(4, "big"), algorithm=algorithm) for i in range(count)]


def flip(value: bytes, bit: int) -> bytes:
    changed = bytearray(value)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


# --- tree hashing ----------------------------------------------------------------------------


def test_the_empty_tree_root_is_sha256_of_the_empty_string() -> None:
    assert empty_root(SHA256) == merkle_root([], algorithm=SHA256) == hashlib.sha256().digest()
    assert ROOTS[0].hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_leaf_and_node_hashes_carry_the_rfc_prefixes() -> None:
    assert leaf_hash(b"abc", algorithm=SHA256) == hashlib.sha256(b"\x00abc").digest()
    left, right = LEAVES[1], LEAVES[2]
    assert (
        node_hash(left, right, algorithm=SHA256) == hashlib.sha256(b"\x01" + left + right).digest()
    )


@pytest.mark.parametrize("size", range(9))
def test_roots_match_the_reference_tree_at_every_size(size: int) -> None:
    assert merkle_root(LEAVES[:size], algorithm=SHA256) == ROOTS[size]


def test_root_of_8_is_the_published_value() -> None:
    assert merkle_root(LEAVES, algorithm=SHA256).hex() == (
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    )


def test_roots_proofs_agree_with_the_rfc_text_for_every_small_tree() -> None:
    leaves = make_leaves(40)
    for n in range(1, 41):
        assert merkle_root(leaves[:n], algorithm=SHA256) == rfc_mth(leaves[:n])
        for m in range(n):
            assert inclusion_proof(leaves, m, n, algorithm=SHA256) == rfc_path(m, leaves[:n])
        for m in range(1, n + 1):
            expected = rfc_subproof(m, leaves[:n], True)
            assert consistency_proof(leaves, m, n, algorithm=SHA256) == expected


def test_incremental_and_block_hashing_agree_around_block_boundaries() -> None:
    leaves = make_leaves(2 * 4096 + 5)
    builder = RootBuilder(SHA256)
    for count, leaf in enumerate(leaves, start=1):
        builder.append(leaf)
        if count in (4095, 4096, 4097, 8192, 8193, len(leaves)):
            assert builder.root() == merkle_root(leaves[:count], algorithm=SHA256)
            assert builder.root() == rfc_mth(leaves[:count])


def test_a_leaf_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="leaf 1: a sha256 leaf hash has 32 bytes, got 31"):
        merkle_root([LEAVES[0], LEAVES[1][:31]], algorithm=SHA256)


# --- inclusion proofs ------------------------------------------------------------------------


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION_VECTORS)
def test_inclusion_proofs_match_the_reference_vectors(
    index: int, size: int, path: list[bytes]
) -> None:
    assert inclusion_proof(LEAVES, index, size, algorithm=SHA256) == path
    verify_inclusion(LEAVES[index], index, size, path, ROOTS[size], algorithm=SHA256)


InclusionProbe = tuple[bytes, int, int, list[bytes], bytes]
ConsistencyProbe = tuple[int, int, bytes, bytes, list[bytes]]


def _inclusion_probes(index: int, size: int, path: list[bytes]) -> dict[str, InclusionProbe]:
    """transparency-dev's corruptInclusionProof, plus every single-bit flip."""
    leaf, root = LEAVES[index], ROOTS[size]
    some = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")
    probes: dict[str, InclusionProbe] = {
        "index - 1": (leaf, index - 1, size, path, root),
        "index + 1": (leaf, index + 1, size, path, root),
        "index ^ 2": (leaf, index ^ 2, size, path, root),
        "size * 2": (leaf, index, size * 2, path, root),
        "size // 2": (leaf, index, size // 2, path, root),
        "wrong leaf": (hashlib.sha256(b"WrongLeaf").digest(), index, size, path, root),
        "empty root": (leaf, index, size, path, ROOTS[0]),
        "random root": (leaf, index, size, path, some),
        "trailing root": (leaf, index, size, [*path, root], root),
        "preceding root": (leaf, index, size, [root, *path], root),
        "short root": (leaf, index, size, path, root[:31]),
    }
    if path:
        probes["removed component"] = (leaf, index, size, path[:-1], root)
    if len(path) > 1:
        probes["inserted component"] = (leaf, index, size, [path[0], some, *path[1:]], root)
    for bit in range(256):
        probes[f"leaf bit {bit}"] = (flip(leaf, bit), index, size, path, root)
        probes[f"root bit {bit}"] = (leaf, index, size, path, flip(root, bit))
        for position, element in enumerate(path):
            changed = [*path[:position], flip(element, bit), *path[position + 1 :]]
            probes[f"proof[{position}] bit {bit}"] = (leaf, index, size, changed, root)
    for bit in range(8):
        probes[f"index bit {bit}"] = (leaf, index ^ (1 << bit), size, path, root)
        other = size ^ (1 << bit)
        # A size with the same path shape is indistinguishable by any verifier; the checkpoint's
        # signature binds the size (test_the_size_comes_from_the_signed_checkpoint...).
        if other <= index or rfc_shape(index, other) != rfc_shape(index, size):
            probes[f"size bit {bit}"] = (leaf, index, other, path, root)
    return probes


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION_VECTORS[1:])
def test_tampered_inclusion_proofs_fail(index: int, size: int, path: list[bytes]) -> None:
    passed = []
    for name, (leaf, i, n, p, root) in _inclusion_probes(index, size, path).items():
        try:
            verify_inclusion(leaf, i, n, p, root, algorithm=SHA256)
        except ProofError:
            continue
        passed.append(name)
    assert passed == []


def test_the_size_comes_from_the_signed_checkpoint_not_from_the_proof() -> None:
    # RFC 9162's verifier gives leaf 0 of a 5-leaf tree the same path shape as in a 7-leaf tree:
    # a proof binds leaf and root, and the signature on the checkpoint binds root and size.
    leaves = make_leaves(5)
    path = inclusion_proof(leaves, 0, 5, algorithm=SHA256)
    root = merkle_root(leaves, algorithm=SHA256)
    verify_inclusion(leaves[0], 0, 7, path, root, algorithm=SHA256)
    with pytest.raises(ProofError):
        verify_inclusion(leaves[0], 0, 4, path, root, algorithm=SHA256)


def test_proof_requests_outside_the_tree_are_refused() -> None:
    with pytest.raises(ValueError, match="leaf index 8 is not in a tree of 8"):
        inclusion_proof(LEAVES, 8, 8, algorithm=SHA256)
    with pytest.raises(ValueError, match="tree size 9 is not between 0 and the 8 leaves"):
        inclusion_proof(LEAVES, 0, 9, algorithm=SHA256)
    with pytest.raises(ValueError, match="old size 5 is not between 0 and the new size 3"):
        consistency_proof(LEAVES, 5, 3, algorithm=SHA256)


# --- consistency proofs ----------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY_VECTORS)
def test_consistency_proofs_match_the_reference_vectors(
    old: int, new: int, proof: list[bytes]
) -> None:
    assert consistency_proof(LEAVES, old, new, algorithm=SHA256) == proof
    verify_consistency(old, new, ROOTS[old], ROOTS[new], proof, algorithm=SHA256)


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY_VECTORS[1:])
def test_tampered_consistency_proofs_fail(old: int, new: int, proof: list[bytes]) -> None:
    root1, root2 = ROOTS[old], ROOTS[new]
    probes: dict[str, ConsistencyProbe] = {
        "old - 1": (old - 1, new, root1, root2, proof),
        "old + 1": (old + 1, new, root1, root2, proof),
        "old ^ 2": (old ^ 2, new, root1, root2, proof),
        "new * 2": (old, new * 2, root1, root2, proof),
        "new // 2": (old, new // 2, root1, root2, proof),
        "swapped roots": (old, new, root2, root1, proof),
        "empty proof": (old, new, root1, root2, []),
        "trailing root1": (old, new, root1, root2, [*proof, root1]),
        "preceding root2": (old, new, root1, root2, [root2, *proof]),
        "preceding proof[0]": (old, new, root1, root2, [proof[0], *proof]),
        "truncated": (old, new, root1, root2, proof[:-1]),
    }
    for bit in range(256):
        probes[f"old root bit {bit}"] = (old, new, flip(root1, bit), root2, proof)
        probes[f"new root bit {bit}"] = (old, new, root1, flip(root2, bit), proof)
        for position, element in enumerate(proof):
            changed = [*proof[:position], flip(element, bit), *proof[position + 1 :]]
            probes[f"proof[{position}] bit {bit}"] = (old, new, root1, root2, changed)
    shape = rfc_consistency_shape(old, new)
    for bit in range(8):
        for name, m, n in (("old", old ^ (1 << bit), new), ("new", old, new ^ (1 << bit))):
            if not 0 < m < n or rfc_consistency_shape(m, n) != shape:
                probes[f"{name} bit {bit}"] = (m, n, root1, root2, proof)
    passed = []
    for name, (m, n, r1, r2, p) in probes.items():
        try:
            verify_consistency(m, n, r1, r2, p, algorithm=SHA256)
        except ProofError:
            continue
        passed.append(name)
    assert passed == []


def test_consistency_edges_are_decided_strictly() -> None:
    verify_consistency(0, 8, ROOTS[0], ROOTS[8], [], algorithm=SHA256)
    verify_consistency(8, 8, ROOTS[8], ROOTS[8], [], algorithm=SHA256)
    with pytest.raises(ProofError, match="root of an empty tree"):
        verify_consistency(0, 8, ROOTS[1], ROOTS[8], [], algorithm=SHA256)
    with pytest.raises(ProofError, match="two roots for the same size 8"):
        verify_consistency(8, 8, ROOTS[8], ROOTS[7], [], algorithm=SHA256)
    with pytest.raises(ProofError, match="must be empty"):
        verify_consistency(8, 8, ROOTS[8], ROOTS[8], [ROOTS[0]], algorithm=SHA256)
    with pytest.raises(ProofError, match="a log never shrinks"):
        verify_consistency(8, 6, ROOTS[8], ROOTS[6], [], algorithm=SHA256)


# --- properties over random trees ------------------------------------------------------------


@st.composite
def tree_and_index(draw: st.DrawFn) -> tuple[list[bytes], int]:
    size = draw(st.integers(min_value=1, max_value=300))
    return make_leaves(size), draw(st.integers(min_value=0, max_value=size - 1))


@settings(max_examples=150, deadline=None)
@given(tree_and_index(), st.data())
def test_every_inclusion_proof_verifies_and_any_flipped_bit_fails(
    case: tuple[list[bytes], int], data: st.DataObject
) -> None:
    leaves, index = case
    size = len(leaves)
    root = merkle_root(leaves, algorithm=SHA256)
    path = inclusion_proof(leaves, index, size, algorithm=SHA256)
    verify_inclusion(leaves[index], index, size, path, root, algorithm=SHA256)

    bit = data.draw(st.integers(0, 255), label="bit")
    with pytest.raises(ProofError):
        verify_inclusion(flip(leaves[index], bit), index, size, path, root, algorithm=SHA256)
    with pytest.raises(ProofError):
        verify_inclusion(leaves[index], index, size, path, flip(root, bit), algorithm=SHA256)
    if path:
        position = data.draw(st.integers(0, len(path) - 1), label="position")
        changed = [*path[:position], flip(path[position], bit), *path[position + 1 :]]
        with pytest.raises(ProofError):
            verify_inclusion(leaves[index], index, size, changed, root, algorithm=SHA256)
    index_bit = data.draw(st.integers(0, 9), label="index bit")
    with pytest.raises(ProofError):
        verify_inclusion(
            leaves[index], index ^ (1 << index_bit), size, path, root, algorithm=SHA256
        )
    # A size whose audit path has another shape must fail; one with the same shape is bound by
    # the checkpoint signature instead (see test_the_size_comes_from_the_signed_checkpoint...).
    other = size ^ (1 << data.draw(st.integers(0, 9), label="size bit"))
    if other <= index or rfc_shape(index, other) != rfc_shape(index, size):
        with pytest.raises(ProofError):
            verify_inclusion(leaves[index], index, other, path, root, algorithm=SHA256)


@st.composite
def tree_and_old_size(draw: st.DrawFn) -> tuple[list[bytes], int]:
    size = draw(st.integers(min_value=2, max_value=300))
    return make_leaves(size), draw(st.integers(min_value=1, max_value=size - 1))


@settings(max_examples=150, deadline=None)
@given(tree_and_old_size(), st.data())
def test_every_consistency_proof_verifies_and_any_flipped_bit_fails(
    case: tuple[list[bytes], int], data: st.DataObject
) -> None:
    leaves, old = case
    new = len(leaves)
    old_root = merkle_root(leaves[:old], algorithm=SHA256)
    new_root = merkle_root(leaves, algorithm=SHA256)
    proof = consistency_proof(leaves, old, new, algorithm=SHA256)
    verify_consistency(old, new, old_root, new_root, proof, algorithm=SHA256)

    bit = data.draw(st.integers(0, 255), label="bit")
    position = data.draw(st.integers(0, len(proof) - 1), label="position")
    changed = [*proof[:position], flip(proof[position], bit), *proof[position + 1 :]]
    probes = [
        (old, new, flip(old_root, bit), new_root, proof),
        (old, new, old_root, flip(new_root, bit), proof),
        (old, new, old_root, new_root, changed),
        (old, new, old_root, new_root, proof[:-1]),
    ]
    for m, n in ((old ^ (1 << data.draw(st.integers(0, 9))), new), (old, new ^ (1 << bit % 10))):
        if not 0 < m < n or rfc_consistency_shape(m, n) != rfc_consistency_shape(old, new):
            probes.append((m, n, old_root, new_root, proof))
    for probe in probes:
        with pytest.raises(ProofError):
            verify_consistency(*probe, algorithm=SHA256)


def test_sm3_trees_hash_with_sm3_end_to_end() -> None:
    leaves = make_leaves(13, SM3)
    root = merkle_root(leaves, algorithm=SM3)
    assert root == rfc_mth(leaves, SM3)
    assert empty_root(SM3) == hashlib.new("sm3", b"").digest()
    assert leaves[0] == hashlib.new("sm3", b"\x00" + (0).to_bytes(4, "big")).digest()
    path = inclusion_proof(leaves, 9, 13, algorithm=SM3)
    verify_inclusion(leaves[9], 9, 13, path, root, algorithm=SM3)
    proof = consistency_proof(leaves, 6, 13, algorithm=SM3)
    verify_consistency(6, 13, merkle_root(leaves[:6], algorithm=SM3), root, proof, algorithm=SM3)
    with pytest.raises(ProofError):
        verify_inclusion(leaves[9], 9, 13, path, root, algorithm=SHA256)
