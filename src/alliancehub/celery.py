"""The Celery application.

With no ``CELERY_BROKER_URL`` configured, tasks run in-process (see ``common.tasks.enqueue``);
with ``redis://…`` they run on workers started with ``celery -A alliancehub worker``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliancehub.settings")

app = Celery("alliancehub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
