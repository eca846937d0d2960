"""Settings for the test suite: the product's own, with a fast password hash and a throw-away
data folder (never the developer's real one)."""

import os
import tempfile

# Always a fresh folder: a developer's LIUHEN_DATA_DIR (or `make run`'s var/) is never touched.
os.environ["LIUHEN_DATA_DIR"] = tempfile.mkdtemp(prefix="liuhen-test-")

from liuhen.settings import *  # noqa: F403

# PBKDF2 at Django's default strength costs ~0.4 s a password; the suite creates hundreds.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Transactional tests end with a flush; lift the append-only triggers for it (ADR 0006).
LIUHEN_ALLOW_APPEND_ONLY_FLUSH = True

# Each test starts from an empty database, so automatic checkpoints would publish a different
# history for the same tree size into one folder; tests that need checkpoints ask for them with a
# folder of their own (tests/ledger).
LIUHEN_LEDGER_CHECKPOINT_EVERY = 0

# A database file, not SQLite's shared in-memory database: parallel writers (the ledger's
# concurrency test, live_server's thread) then meet the same locking as production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["LIUHEN_DATA_DIR"], "test.sqlite3")
    }
    # Durability of a throw-away test database is worth nothing; fsync on every commit is slow.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )
