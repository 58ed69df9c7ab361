"""Configuration read from the environment.

Every setting a deployment may change is an environment variable with a safe default;
the README lists them all. Nothing secret lives in the repository.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()

DEBUG: bool = env.bool("ALLIANCEHUB_DEBUG", default=False)
DATA_DIR = Path(env.str("ALLIANCEHUB_DATA_DIR", default=str(PROJECT_DIR / "data"))).resolve()
# Empty: settings.py generates a key once and keeps it in DATA_DIR (fine for one machine).
SECRET_KEY: str = env.str("ALLIANCEHUB_SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list(
    "ALLIANCEHUB_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("ALLIANCEHUB_CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL: str = env.str("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'alliancehub.sqlite3'}")
CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default="")
# Without a broker: "thread" runs tasks in a background thread of the web process, "sync" in
# the request itself.
TASKS_IN_PROCESS_MODE: str = env.str("ALLIANCEHUB_TASKS_IN_PROCESS_MODE", default="thread")
CACHE_URL: str = env.str("ALLIANCEHUB_CACHE_URL", default="locmemcache://")
EMAIL_URL: str = env.str("ALLIANCEHUB_EMAIL_URL", default="consolemail://")
DEFAULT_FROM_EMAIL: str = env.str("ALLIANCEHUB_DEFAULT_FROM_EMAIL", default="noreply@localhost")
MEDIA_ROOT = Path(env.str("ALLIANCEHUB_MEDIA_ROOT", default=str(DATA_DIR / "media"))).resolve()
STATIC_ROOT = Path(env.str("ALLIANCEHUB_STATIC_ROOT", default=str(DATA_DIR / "static"))).resolve()
# Behind a TLS-terminating proxy: secure cookies, HSTS and the redirect to https.
HTTPS: bool = env.bool("ALLIANCEHUB_HTTPS", default=not DEBUG)
TRUST_X_FORWARDED_PROTO: bool = env.bool("ALLIANCEHUB_TRUST_X_FORWARDED_PROTO", default=False)
LOGIN_FAILURE_LIMIT: int = env.int("ALLIANCEHUB_LOGIN_FAILURE_LIMIT", default=5)
LOGIN_COOLOFF_MINUTES: int = env.int("ALLIANCEHUB_LOGIN_COOLOFF_MINUTES", default=15)
IMPORT_MAX_UPLOAD_MB: int = env.int("ALLIANCEHUB_IMPORT_MAX_UPLOAD_MB", default=10)
IMPORT_MAX_ROWS: int = env.int("ALLIANCEHUB_IMPORT_MAX_ROWS", default=50_000)
PITCH_DECK_MAX_MB: int = env.int("ALLIANCEHUB_PITCH_DECK_MAX_MB", default=20)
# The site's address as e-mails give it (tickets, digests), e.g. https://alliance.example.gov.cn
SITE_URL: str = env.str("ALLIANCEHUB_SITE_URL", default="")
DEMO_PASSWORD: str = env.str("ALLIANCEHUB_DEMO_PASSWORD", default="demo")
