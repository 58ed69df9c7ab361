from celery import shared_task

from .domain import importing
from .models import ImportJob


@shared_task(name="organizations.run_import")
def run_import(job_id: int) -> None:
    """Import the file of ``ImportJob`` ``job_id``."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    importing.run_import(job)
