"""RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing, inclusion and consistency proofs.

Why RFC 9162 and not a home-made tree: a justice bureau, a court expert or an auditor can check a
Liuhen checkpoint with any CT library. The rules that make trees interoperable are all here:

- leaf hash  = H(0x00 || leaf), node hash = H(0x01 || left || right) (the prefixes keep a leaf
  from ever passing for a node, RFC 9162 §2.1.1);
- MTH of the empty tree = H(""); a tree of n > 1 leaves splits at k, the largest power of two
  smaller than n (not the midpoint);
- proofs are the audit paths of §2.1.3.1 and the consistency proofs of §2.1.4.1, checked with the
  verification algorithms of §2.1.3.2 and §2.1.4.2 exactly as written.

For the ledger the leaves are the entry hashes: the tree's leaf hashes are
`leaf_hash(entry_hash(entry))`, and functions below take those leaf hashes.

Cost, for n leaves: a root takes n - 1 node hashes and O(log n) memory (the compact range: one
subtree root per 1 bit of n, `RootBuilder`, plus one block of 4,096 leaves hashed level by level).
A proof takes at most n - 1 node hashes and has at most ⌈log2 n⌉ + 1 elements; beyond the
caller's leaf hashes it needs the same O(log n) and one slice of the sequence at a time (for a
list, 8-byte references). Leaf hashes are read only through slicing, so a database-backed
sequence can fetch each range in one query. Measured rates are in docs/benchmarks.md.

A proof binds a leaf (or an old root) to a root; the tree size is bound by the signed checkpoint
carrying both. RFC 9162's verifier accepts some other sizes with the same path shape (leaf 0 of a
5-leaf tree has the same path as in a 7-leaf tree), which is harmless only because the size comes
from a signature, never from the party proving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from liuhen.ledger.digests import HashAlgorithm

_LEAF = b"\x00"
_NODE = b"\x01"
# Leaves hashed level by level in blocks of this many: a third faster than one at a time, and the
# memory stays bounded (one block) whatever the tree size.
_BLOCK = 4096


class ProofError(ValueError):
    """A proof that does not verify; the message says which check failed."""


def leaf_hash(data: bytes, *, algorithm: HashAlgorithm) -> bytes:
    return algorithm.digest(_LEAF + data)


def node_hash(left: bytes, right: bytes, *, algorithm: HashAlgorithm) -> bytes:
    return algorithm.digest(_NODE + left + right)


def empty_root(algorithm: HashAlgorithm) -> bytes:
    """MTH({}) = H(""): the root of a log with no entries."""
    return algorithm.digest(b"")


class RootBuilder:
    """The root of a growing tree in O(log n) memory: append leaf hashes, ask for `root()`.

    Keeps the compact range [0, size): the roots of the perfect subtrees that the binary digits of
    `size` describe, largest first. Appending merges equal-sized subtrees like carrying in binary
    addition; the root folds them from the right, which is RFC 9162's split at the largest power
    of two.
    """

    def __init__(self, algorithm: HashAlgorithm) -> None:
        self.algorithm = algorithm
        self.size = 0
        self._digest = algorithm.digest
        self._hash_size = algorithm.digest_size
        self._stack: list[bytes] = []

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash (already `leaf_hash(...)`)."""
        if len(leaf) != self._hash_size:
            raise ValueError(
                f"leaf {self.size}: a {self.algorithm.name} leaf hash has {self._hash_size} "
                f"bytes, got {len(leaf)}"
            )
        self._push(leaf, 1)

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Add many leaf hashes; whole aligned blocks are hashed level by level (faster)."""
        iterator = iter(leaves)
        while self.size % _BLOCK:
            leaf = next(iterator, None)
            if leaf is None:
                return
            self.append(leaf)
        while True:
            block = list(islice(iterator, _BLOCK))
            if len(block) < _BLOCK:
                for leaf in block:
                    self.append(leaf)
                return
            if set(map(len, block)) != {self._hash_size}:
                raise ValueError(
                    f"leaves {self.size}..{self.size + _BLOCK - 1}: every {self.algorithm.name} "
                    f"leaf hash has {self._hash_size} bytes"
                )
            self._push(_perfect_root(block, self._digest), _BLOCK)

    def root(self) -> bytes:
        if not self._stack:
            return empty_root(self.algorithm)
        return _fold(self._stack, self._digest)

    def _push(self, subtree: bytes, width: int) -> None:
        # `width` is a power of two dividing `size`, so the stack holds nothing narrower.
        digest = self._digest
        stack = self._stack
        carry = self.size // width
        while carry & 1:
            subtree = digest(_NODE + stack.pop() + subtree)
            carry >>= 1
        stack.append(subtree)
        self.size += width


def merkle_root(leaves: Iterable[bytes], *, algorithm: HashAlgorithm) -> bytes:
    """MTH over the given leaf hashes, streaming (an iterator of a million is fine)."""
    builder = RootBuilder(algorithm)
    builder.extend(leaves)
    return builder.root()


def inclusion_proof(
    leaves: Sequence[bytes], index: int, tree_size: int, *, algorithm: HashAlgorithm
) -> list[bytes]:
    """PATH(index, D[tree_size]) of RFC 9162 §2.1.3.1, from the leaf's sibling up to the root's.

    `leaves` holds at least `tree_size` leaf hashes: a proof against an older checkpoint is
    computed from today's leaves.
    """
    _check_size(leaves, tree_size)
    if not 0 <= index < tree_size:
        raise ValueError(f"leaf index {index} is not in a tree of {tree_size} leaves")
    path: list[bytes] = []
    low, high = 0, tree_size
    while high - low > 1:
        split = low + _largest_power_of_two_below(high - low)
        if index < split:
            path.append(_range_root(leaves, split, high, algorithm))
            high = split
        else:
            path.append(_range_root(leaves, low, split, algorithm))
            low = split
    path.reverse()
    return path


def consistency_proof(
    leaves: Sequence[bytes], old_size: int, new_size: int, *, algorithm: HashAlgorithm
) -> list[bytes]:
    """PROOF(old_size, D[new_size]) of RFC 9162 §2.1.4.1; empty when old_size is 0 or new_size."""
    _check_size(leaves, new_size)
    if not 0 <= old_size <= new_size:
        raise ValueError(f"old size {old_size} is not between 0 and the new size {new_size}")
    if old_size in (0, new_size):
        return []
    proof: list[bytes] = []
    low, high = 0, new_size
    remaining = old_size  # m, relative to `low`
    whole = True  # b: the old tree is still the whole left part of the subtree
    while True:
        if remaining == high - low:
            if not whole:
                proof.append(_range_root(leaves, low, high, algorithm))
            break
        split = _largest_power_of_two_below(high - low)
        if remaining <= split:
            proof.append(_range_root(leaves, low + split, high, algorithm))
            high = low + split
        else:
            proof.append(_range_root(leaves, low, low + split, algorithm))
            low += split
            remaining -= split
            whole = False
    proof.reverse()
    return proof


def verify_inclusion(
    leaf: bytes,
    index: int,
    tree_size: int,
    proof: Sequence[bytes],
    root: bytes,
    *,
    algorithm: HashAlgorithm,
) -> None:
    """RFC 9162 §2.1.3.2: prove that leaf hash `leaf` is at `index` of the tree with `root`.

    Returns nothing; raises ProofError saying what failed.
    """
    _check_hashes(algorithm, leaf=leaf, root=root, proof=proof)
    if not 0 <= index < tree_size:
        raise ProofError(f"leaf index {index} is not in a tree of {tree_size} leaves")
    digest = algorithm.digest
    fn, sn = index, tree_size - 1
    result = leaf
    for element in proof:
        if sn == 0:
            raise ProofError(f"the proof has more than the tree's {_depth(tree_size)} levels")
        if fn & 1 or fn == sn:
            result = digest(_NODE + element + result)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            result = digest(_NODE + result + element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"the proof is too short for leaf {index} of a tree of {tree_size}")
    if result != root:
        raise ProofError(
            f"leaf {index} with this proof hashes to root {result.hex()}, not {root.hex()}"
        )


def verify_consistency(
    old_size: int,
    new_size: int,
    old_root: bytes,
    new_root: bytes,
    proof: Sequence[bytes],
    *,
    algorithm: HashAlgorithm,
) -> None:
    """RFC 9162 §2.1.4.2: prove the tree `new_root` of `new_size` extends `old_root` of `old_size`.

    The RFC defines the algorithm for 0 < old_size < new_size; the edges are decided here: equal
    sizes need equal roots and an empty proof, and size 0 needs the empty-tree root and an empty
    proof (every tree extends the empty one). Raises ProofError saying what failed.
    """
    _check_hashes(algorithm, old_root=old_root, new_root=new_root, proof=proof)
    if old_size < 0 or new_size < old_size:
        raise ProofError(
            f"tree size went from {old_size} to {new_size}: a log never shrinks"
            if old_size >= 0
            else f"tree size {old_size} is negative"
        )
    if old_size == new_size or old_size == 0:
        if proof:
            raise ProofError(f"a proof from size {old_size} to {new_size} must be empty")
        if old_size == 0 and old_root != empty_root(algorithm):
            raise ProofError(f"the root of an empty tree is H(''), not {old_root.hex()}")
        if old_size == new_size and old_root != new_root:
            raise ProofError(
                f"two roots for the same size {old_size}: {old_root.hex()} and {new_root.hex()}"
            )
        return
    if not proof:
        raise ProofError(f"the proof from size {old_size} to {new_size} is empty")
    digest = algorithm.digest
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    old_result = new_result = path[0]
    for element in path[1:]:
        if sn == 0:
            raise ProofError(f"the proof from size {old_size} to {new_size} is too long")
        if fn & 1 or fn == sn:
            old_result = digest(_NODE + element + old_result)
            new_result = digest(_NODE + element + new_result)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            new_result = digest(_NODE + new_result + element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"the proof from size {old_size} to {new_size} is too short")
    if old_result != old_root:
        raise ProofError(
            f"the proof rebuilds the size-{old_size} root as {old_result.hex()}, not "
            f"{old_root.hex()}: the first {old_size} leaves differ"
        )
    if new_result != new_root:
        raise ProofError(
            f"the proof rebuilds the size-{new_size} root as {new_result.hex()}, not "
            f"{new_root.hex()}"
        )


def _largest_power_of_two_below(n: int) -> int:
    """k of RFC 9162: the largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _depth(tree_size: int) -> int:
    return (tree_size - 1).bit_length()


def _range_root(leaves: Sequence[bytes], low: int, high: int, algorithm: HashAlgorithm) -> bytes:
    """MTH(D[low:high]): O(high - low) hashes, O(log) memory beyond one block."""
    builder = RootBuilder(algorithm)
    builder.extend(leaves[low:high])
    return builder.root()


def _perfect_root(level: list[bytes], digest: Callable[[bytes], bytes]) -> bytes:
    """The root of a power-of-two number of leaf hashes, one level at a time."""
    while len(level) > 1:
        pairs = zip(level[::2], level[1::2], strict=True)
        level = [digest(_NODE + left + right) for left, right in pairs]
    return level[0]


def _fold(stack: list[bytes], digest: Callable[[bytes], bytes]) -> bytes:
    result = stack[-1]
    for left in reversed(stack[:-1]):
        result = digest(_NODE + left + result)
    return result


def _check_size(leaves: Sequence[bytes], tree_size: int) -> None:
    if tree_size < 0 or tree_size > len(leaves):
        raise ValueError(
            f"tree size {tree_size} is not between 0 and the {len(leaves)} leaves held"
        )


def _check_hashes(algorithm: HashAlgorithm, proof: Sequence[bytes], **named: bytes) -> None:
    size = algorithm.digest_size
    for name, value in named.items():
        if not isinstance(value, bytes) or len(value) != size:
            raise ProofError(f"{name} is not a {size}-byte {algorithm.name} hash")
    for position, element in enumerate(proof):
        if not isinstance(element, bytes) or len(element) != size:
            raise ProofError(f"proof[{position}] is not a {size}-byte {algorithm.name} hash")
