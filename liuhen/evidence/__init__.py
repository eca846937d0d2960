"""Evidence: the originals of a case (recordings, photos, documents), stored so that nobody can
alter them unnoticed.

`liuhen.evidence.store` is the storage layer in plain Python (content-addressed objects on a local
folder or on S3 with Object Lock, resumable uploads, media facts); it imports nothing from Django so
that `liuhen verify`, benchmarks and tests use it without a database. The Django side (models,
services writing the ledger entry, upload views) builds on it.
"""
