"""The ledger: an append-only, hash-chained log of every write, with RFC 9162 Merkle checkpoints.

The hashing and proofs (`canonical`, `digests`, `chain`, `merkle`, `checkpoints`, `witness`) are
plain Python with no Django import, so a supervisor can verify an exported ledger without a
database and the tests of the cryptography run in milliseconds.
"""
