"""Settings: production values pass Django's deployment checks; the defaults need nothing else.

Settings are read once per process, so each case runs Python in a subprocess with exactly
the environment it describes.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
MANAGE_PY = PROJECT_DIR / "manage.py"

PRINT_SETTINGS = """
import hashlib, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "alliancehub.settings"
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": str(db["NAME"]),
    "TASKS_IN_PROCESS": settings.TASKS_IN_PROCESS,
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "STATIC_ROOT": str(settings.STATIC_ROOT),
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT,
    "SECRET_KEY_SHA256": hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest(),
}))
"""


def clean_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """Only what a shell gives any program, the data directory, and ``extra``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(data_dir)),
        "ALLIANCEHUB_DATA_DIR": str(data_dir),
        **extra,
    }


def settings_in(data_dir: Path, **extra: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean_environment(data_dir, **extra),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def test_production_settings_pass_the_deployment_checks(data_dir):
    environment = clean_environment(
        data_dir,
        ALLIANCEHUB_DEBUG="0",
        ALLIANCEHUB_SECRET_KEY=secrets.token_urlsafe(64),
        ALLIANCEHUB_ALLOWED_HOSTS="alliancehub.example.org",
    )

    result = subprocess.run(
        [sys.executable, str(MANAGE_PY), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper(), output
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_defaults_keep_everything_in_the_data_directory(data_dir):
    values = settings_in(data_dir)

    assert values["DEBUG"] is False
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB_NAME"] == str(data_dir / "alliancehub.sqlite3")
    assert values["MEDIA_ROOT"] == str(data_dir / "media")
    assert values["STATIC_ROOT"] == str(data_dir / "static")


def test_defaults_run_tasks_in_process_without_a_broker(data_dir):
    values = settings_in(data_dir)

    assert values["CELERY_BROKER_URL"] is None
    assert values["TASKS_IN_PROCESS"] is True
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True


def test_a_broker_url_moves_tasks_to_celery(data_dir):
    values = settings_in(data_dir, CELERY_BROKER_URL="redis://127.0.0.1:6379/0")

    assert values["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/0"
    assert values["TASKS_IN_PROCESS"] is False
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False


def test_defaults_print_e_mail_to_the_console(data_dir):
    values = settings_in(data_dir)

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_defaults_are_simplified_chinese_and_five_sign_in_failures(data_dir):
    values = settings_in(data_dir)

    assert values["LANGUAGE_CODE"] == "zh-hans"
    assert values["AXES_FAILURE_LIMIT"] == 5


def test_login_failure_limit_comes_from_the_environment(data_dir):
    values = settings_in(data_dir, ALLIANCEHUB_LOGIN_FAILURE_LIMIT="3")

    assert values["AXES_FAILURE_LIMIT"] == 3


def test_without_a_configured_key_one_is_generated_once_and_kept_private(data_dir):
    first = settings_in(data_dir)["SECRET_KEY_SHA256"]
    second = settings_in(data_dir)["SECRET_KEY_SHA256"]

    key_file = data_dir / ".secret_key"
    assert first == second
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text().strip()) >= 50


def test_database_url_selects_another_database(data_dir):
    values = settings_in(data_dir, DATABASE_URL="postgres://app@db.example.org:5432/alliancehub")

    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert values["DB_NAME"] == "alliancehub"
