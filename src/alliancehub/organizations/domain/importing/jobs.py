"""Import jobs: creating, starting, running and resuming them."""

import io
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ....common.tasks import enqueue
from ...enums import ImportStatus
from ...models import ImportJob, ImportRowError
from .checking import RowChecker
from .reading import FileError, _clean_cell, _serialisable, read_rows
from .saving import Checked, _save_batch

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def create_import(content: bytes, filename: str, *, actor: Any, language: str) -> ImportJob:
    """Record a file to import; ``language`` is the one its rejected rows are explained in."""
    return ImportJob.objects.create(
        content=content,
        original_name=filename[:255],
        created_by=actor if getattr(actor, "pk", None) else None,
        language=language,
    )


@transaction.atomic
def start_import(content: bytes, filename: str, *, actor: Any, language: str) -> ImportJob:
    """Record an uploaded file and have it imported in the background.

    Side effects: creates the ``ImportJob``; once the transaction commits, the import task
    runs (on a worker, or in this process without a broker).
    """
    from ...tasks import run_import as task  # tasks import this module

    job = create_import(content, filename, actor=actor, language=language)
    enqueue(task, job.pk)
    return job


@transaction.atomic
def resume_import(job: ImportJob, *, actor: Any) -> ImportJob:
    """Continue an import that stopped (its process died, or an internal error).

    Every batch committed its rows together with ``processed_rows``, so the import carries
    on from exactly there. Side effects: the job is pending again and the task is queued.
    """
    from ...tasks import run_import as task

    if not job.can_resume:
        raise ValidationError(_("This import is not interrupted; there is nothing to resume."))
    job.status, job.error_message, job.finished_at = ImportStatus.PENDING, "", None
    job.save(update_fields=["status", "error_message", "finished_at", "updated_at"])
    enqueue(task, job.pk)
    return job


def run_import(job: ImportJob) -> ImportJob:
    """Import the job's file, from the first row not yet processed; a finished job is left alone.

    Side effects: creates organisations, their contacts and audit entries in batches,
    records rejected rows, and keeps the job's status and counters current. Run again
    (a redelivered task, a resumed job), it continues where the last committed batch ended.
    """
    if job.is_finished:
        return job
    with translation.override(job.language):
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status", "updated_at"])
        try:
            _columns, rows = read_rows(io.BytesIO(bytes(job.content)), job.original_name)
            rows = [(n, {k: _clean_cell(v) for k, v in values.items()}) for n, values in rows]
            job.total_rows = len(rows)
            job.save(update_fields=["total_rows", "updated_at"])
            checker = RowChecker()
            for start in range(job.processed_rows, len(rows), BATCH_SIZE):
                chunk = rows[start : start + BATCH_SIZE]
                values = {number: _serialisable(v) for number, v in chunk}
                checked: list[Checked] = []
                rejected: list[ImportRowError] = []
                for number, raw in chunk:
                    org, contact, reasons = checker.check(raw)
                    if org is None:
                        rejected.append(
                            ImportRowError(
                                job=job, row_number=number, values=values[number], reasons=reasons
                            )
                        )
                    else:
                        checker.remember(org, number)
                        checked.append((number, org, contact))
                _save_batch(job, len(chunk), checked, values, rejected)
        except FileError as error:
            job.status, job.error_message = ImportStatus.FAILED, " ".join(error.messages)
        except Exception:
            logger.exception("Import %s failed", job.pk)
            job.status = ImportStatus.FAILED
            job.error_message = _(
                "The import stopped because of an internal error after {count} rows. "
                "The rows counted as imported are saved; resume the import to add the rest."
            ).format(count=job.processed_rows)
        else:
            job.status = ImportStatus.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error_message", "finished_at", "updated_at"])
    return job
