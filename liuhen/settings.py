"""Django settings: everything that differs between machines comes from the environment.

Embedded default (nothing set): SQLite and media under the data folder (`liuhen.paths.data_dir`),
a secret key generated there on first use, DEBUG off, listening on localhost only.
Production sets `DATABASE_URL`, `LIUHEN_SECRET_KEY`, `LIUHEN_ALLOWED_HOSTS` and friends; the README
lists them all.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from liuhen.paths import data_dir


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key(folder: Path) -> str:
    configured = os.environ.get("LIUHEN_SECRET_KEY")
    if configured:
        return configured
    # An embedded install must not share a key with every other install, and must keep it across
    # restarts (sessions and signed values depend on it): generate once, keep beside the data.
    key_file = folder / "secret_key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        temporary = key_file.with_suffix(".tmp")
        temporary.write_text(secrets.token_urlsafe(64), encoding="ascii")
        temporary.chmod(0o600)
        temporary.replace(key_file)
    return key_file.read_text(encoding="ascii").strip()


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _env_bool("LIUHEN_DEBUG", False)
ALLOWED_HOSTS = _env_list("LIUHEN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("LIUHEN_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "liuhen.ledger",
    "liuhen.agencies",
    "liuhen.accounts",
    "liuhen.evidence",
    "liuhen.cases",
    "liuhen.review",
    "liuhen.workbench",
    "liuhen.api",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "liuhen.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "liuhen.urls"
WSGI_APPLICATION = "liuhen.wsgi.application"
ASGI_APPLICATION = "liuhen.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "liuhen.accounts.context.navigation",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (postgres://…) in production and in CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'liuhen.sqlite3'}",
        conn_max_age=int(os.environ.get("LIUHEN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a command writes; IMMEDIATE avoids the
    # "database is locked" upgrade failure when two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Log-in protection: after this many failures in the window the account is locked for the window.
LIUHEN_LOGIN_MAX_FAILURES = int(os.environ.get("LIUHEN_LOGIN_MAX_FAILURES", "5"))
LIUHEN_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LIUHEN_LOGIN_LOCKOUT_MINUTES", "15"))

# Sessions end after 30 idle minutes and, whatever the activity, 12 hours after log-in.
SESSION_COOKIE_AGE = int(os.environ.get("LIUHEN_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LIUHEN_SESSION_MAX_SECONDS = int(os.environ.get("LIUHEN_SESSION_MAX_SECONDS", str(12 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("LIUHEN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if _env_bool("LIUHEN_BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("LIUHEN_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(os.environ.get("LIUHEN_MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
# Plain (unhashed) names: pages work straight from the package before any collectstatic (tests, a
# bare `pip install`), and whitenoise serves unhashed files with a short max-age, so an upgrade
# is picked up within a minute. `liuhen collectstatic` adds the pre-compressed copies.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# The ledger (全过程留痕): hash algorithm of the chain and the Merkle tree (sha256, or sm3 where
# 国密 is required; fixed for the life of a ledger), checkpoint cadence, signing key and the
# folder checkpoints are published to for witnesses.
LIUHEN_LEDGER_HASH = os.environ.get("LIUHEN_LEDGER_HASH", "sha256")
LIUHEN_LEDGER_LOG_ID = os.environ.get("LIUHEN_LEDGER_LOG_ID", "liuhen")
LIUHEN_LEDGER_CHECKPOINT_EVERY = int(os.environ.get("LIUHEN_LEDGER_CHECKPOINT_EVERY", "1000"))
LIUHEN_LEDGER_CHECKPOINT_SECONDS = int(os.environ.get("LIUHEN_LEDGER_CHECKPOINT_SECONDS", "300"))
LIUHEN_LEDGER_KEY_FILE = Path(
    os.environ.get("LIUHEN_LEDGER_KEY_FILE", str(DATA_DIR / "ledger" / "signing-key.pem"))
)
LIUHEN_LEDGER_PUBLISH_DIR = Path(
    os.environ.get("LIUHEN_LEDGER_PUBLISH_DIR", str(DATA_DIR / "ledger" / "checkpoints"))
)
# Folders holding witnesses' copies of checkpoints (e.g. synced from the justice bureau), checked
# by `liuhen verify`; separated by the OS path separator.
LIUHEN_LEDGER_WITNESS_DIRS = [
    Path(p) for p in os.environ.get("LIUHEN_LEDGER_WITNESS_DIRS", "").split(os.pathsep) if p
]

# The evidence store: "local" (a folder, the embedded default) or "s3" (S3-compatible storage
# with Object Lock; LIUHEN_S3_* variables, docs/production-object-storage.md). SM3 is computed
# beside SHA-256 in the same pass unless switched off.
LIUHEN_EVIDENCE_BACKEND = os.environ.get("LIUHEN_EVIDENCE_BACKEND", "local")
LIUHEN_EVIDENCE_ROOT = Path(os.environ.get("LIUHEN_EVIDENCE_ROOT", str(DATA_DIR / "evidence")))
LIUHEN_EVIDENCE_SM3 = _env_bool("LIUHEN_EVIDENCE_SM3", True)
LIUHEN_UPLOAD_CHUNK_SIZE = int(os.environ.get("LIUHEN_UPLOAD_CHUNK_SIZE", str(8 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = LIUHEN_UPLOAD_CHUNK_SIZE + 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIUHEN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# 案号 pattern. Placeholders: {agency_short} (the agency's short name, else its name),
# {action_char} (罚 许 强 检 … by kind of act), {year} (the year the case started, China time),
# {seq} (gap-free per agency and year; format spec allowed, e.g. {seq:04d}).
LIUHEN_CASE_NUMBER_PATTERN = os.environ.get(
    "LIUHEN_CASE_NUMBER_PATTERN", "{agency_short}{action_char}〔{year}〕{seq:04d}号"
)

# A TrueType CJK font (.ttf, or a .ttc's first face) embedded in the 法制审核意见书 PDF; when
# unset or unusable, the Debian fonts listed in liuhen/review/opinion.py are tried.
LIUHEN_OPINION_FONT = os.environ.get("LIUHEN_OPINION_FONT", "")
