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
