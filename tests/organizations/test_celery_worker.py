"""The import as it runs in a deployment: sent through Redis to a separate Celery worker."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from alliancehub import celery_app
from alliancehub.organizations.enums import ImportStatus
from alliancehub.organizations.models import ImportJob, Organization
from tests.factories import make_credit_code

REDIS = ("127.0.0.1", 6379)
PROJECT_DIR = Path(__file__).resolve().parents[2]


def _redis_reachable() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(settings, tmp_path):
    """A real worker process on a queue of its own, sharing the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker in another process needs a shared database server")
    if not _redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    broker = "redis://127.0.0.1:6379/15"
    settings.TASKS_IN_PROCESS = False
    previous = (celery_app.conf.broker_url, celery_app.conf.task_default_queue)
    celery_app.conf.broker_url, celery_app.conf.task_default_queue = broker, queue
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
        "ALLIANCEHUB_DATA_DIR": str(tmp_path / "worker"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "alliancehub", "worker",
         "--pool", "solo", "--queues", queue, "--loglevel", "WARNING", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    celery_app.conf.broker_url, celery_app.conf.task_default_queue = previous
    celery_app.pool.force_close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upload_is_imported_by_a_separate_celery_worker(worker, staff_client):
    rows = ["名称,统一社会信用代码,地区"] + [
        f"绍兴工人测试有限公司{i},{make_credit_code(7000 + i)},330681" for i in range(3)
    ]
    rows.append("坏行有限公司,91330100716105852X,330681")
    upload = SimpleUploadedFile("members.csv", "\n".join(rows).encode(), "text/csv")

    response = staff_client.post(reverse("organizations:import"), {"file": upload})

    assert response.status_code == 302
    job = ImportJob.objects.get()
    deadline = time.monotonic() + 90
    while not job.is_finished and time.monotonic() < deadline:
        assert worker.poll() is None, worker.stdout.read().decode(errors="replace")
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.rejected_count) == (3, 1)
    assert Organization.objects.filter(name__startswith="绍兴工人测试").count() == 3
