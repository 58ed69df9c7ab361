"""The rejected rows of an import as an Excel workbook."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ...models import ImportJob
from .columns import COLUMN_LABELS, COLUMNS


def report_workbook(job: ImportJob) -> Workbook:
    """The rejected rows as a workbook: row number, the file's values, and the reasons.

    In the uploader's language, like the reasons themselves.
    """
    with translation.override(job.language):
        return _report_workbook(job)


def _report_workbook(job: ImportJob) -> Workbook:
    fields = list(COLUMNS)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Rejected rows"))
    used: list[str] = []
    errors = list(job.row_errors.all())
    for error in errors:
        for field in error.values:
            if field not in used:
                used.append(field)
    used.sort(key=fields.index)
    sheet.append([_("Row"), *(str(COLUMN_LABELS[f]) for f in used), _("Reasons")])
    for error in errors:
        values = [*(error.values.get(f, "") for f in used), "；".join(error.reasons)]
        sheet.append([error.row_number, *(_as_text(sheet, value) for value in values)])
    return workbook


def _as_text(sheet: Any, value: Any) -> Any:
    """A cell that Excel shows as typed: a value such as ``=HYPERLINK(…)`` from an uploaded
    file must come back as text, never as a formula."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
