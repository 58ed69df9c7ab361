"""Saving checked rows in batches, each in one transaction with the job's counters."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ....common.domain import audit
from ...models import Contact, ImportJob, ImportRowError, Organization
from .. import tallies
from ..registry import EDITABLE_FIELDS, duplicate_error

Checked = tuple[int, Organization, dict[str, str]]


def _against_registry(
    job: ImportJob,
    checked: list[Checked],
    values: dict[int, dict[str, Any]],
    rejected: list[ImportRowError],
) -> list[Checked]:
    """The checked rows whose name and credit code are not registered yet; the rest rejected."""
    names = [org.name_normalized for _n, org, _c in checked]
    codes = [org.credit_code for _n, org, _c in checked if org.credit_code]
    by_name = {o.name_normalized: o for o in Organization.objects.filter(name_normalized__in=names)}
    by_code = {o.credit_code: o for o in Organization.objects.filter(credit_code__in=codes)}
    fresh = []
    for number, org, contact in checked:
        if org.credit_code and org.credit_code in by_code:
            field, existing = "credit_code", by_code[org.credit_code]
        elif org.name_normalized in by_name:
            field, existing = "name", by_name[org.name_normalized]
        else:
            fresh.append((number, org, contact))
            continue
        rejected.append(
            ImportRowError(
                job=job,
                row_number=number,
                values=values[number],
                reasons=duplicate_error(field, existing).messages,
            )
        )
    return fresh


def _insert(job: ImportJob, rows: list[Checked]) -> None:
    for _n, org, _c in rows:
        org.created_by_id = job.created_by_id
    Organization.objects.bulk_create([org for _n, org, _c in rows])
    tallies.adjust([org.region_id for _n, org, _c in rows], +1)
    Contact.objects.bulk_create(
        Contact(organization=org, **contact) for _n, org, contact in rows if contact["name"]
    )
    audit.AuditLogEntry.objects.bulk_create(
        audit.build(
            org,
            action=audit.Action.CREATE,
            actor=job.created_by,
            source=audit.Source.IMPORT,
            changes=audit.diff({}, audit.snapshot(org, EDITABLE_FIELDS)),
        )
        for _n, org, _c in rows
    )


def _save_batch(
    job: ImportJob,
    size: int,
    checked: list[Checked],
    values: dict[int, dict[str, Any]],
    rejected: list[ImportRowError],
) -> None:
    """Save one batch of rows and the job's counters in one transaction."""
    fresh = _against_registry(job, checked, values, rejected)
    try:
        with transaction.atomic():
            _insert(job, fresh)
    except IntegrityError:
        # A concurrent writer took a name or code after our check: fall back to row by row.
        for _n, org, _c in fresh:
            org.pk = None
        saved = []
        for row in fresh:
            try:
                with transaction.atomic():
                    _insert(job, [row])
                saved.append(row)
            except IntegrityError:
                rejected.append(
                    ImportRowError(
                        job=job,
                        row_number=row[0],
                        values=values[row[0]],
                        reasons=[_("Already registered by someone else during the import.")],
                    )
                )
        fresh = saved
    with transaction.atomic():
        ImportRowError.objects.bulk_create(rejected)
        job.processed_rows += size
        job.created_count += len(fresh)
        job.rejected_count += len(rejected)
        job.save(update_fields=["processed_rows", "created_count", "rejected_count", "updated_at"])
