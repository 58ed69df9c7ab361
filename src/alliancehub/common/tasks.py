"""Starting background work the same way whether or not a Celery broker is configured."""

import logging
import threading
from typing import Any

from celery import Task
from django.conf import settings
from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)


def _run_in_thread(task: Task, args: tuple[Any, ...]) -> None:
    def target() -> None:
        close_old_connections()
        try:
            task.apply(args=args, throw=False)
        finally:
            connections.close_all()

    threading.Thread(target=target, name=f"task-{task.name}", daemon=True).start()


def enqueue(task: Task, *args: Any) -> None:
    """Run ``task`` with ``args`` (primary keys) once the current transaction commits.

    With ``CELERY_BROKER_URL`` set the task goes to the workers. Without one it runs in this
    process: in a background thread, so a page can show its progress, or synchronously when
    ``TASKS_IN_PROCESS_MODE`` is ``"sync"`` (tests, management commands).
    """
    if not settings.TASKS_IN_PROCESS:
        transaction.on_commit(lambda: task.delay(*args))
    elif settings.TASKS_IN_PROCESS_MODE == "sync":
        transaction.on_commit(lambda: task.apply(args=args, throw=True))
    else:
        transaction.on_commit(lambda: _run_in_thread(task, args))
