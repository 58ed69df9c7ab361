"""Bulk import of organisations from CSV or XLSX files.

A file is read into rows (``reading``), every row is checked (``checking``: required fields,
credit code, region, choices, duplicates within the file), the good rows are saved in batches
after a last check against the registry (``saving``), and the rejected ones are kept with their
reasons in the uploader's language (``report``). Each batch commits on its own together with
the job's counters (``jobs``), so a failure midway keeps every batch already reported as
imported, no row is ever half-written, and an interrupted job resumes after its last batch.
"""

from .columns import COLUMN_LABELS, COLUMNS
from .jobs import create_import, resume_import, run_import, start_import
from .reading import FileError, check_file, read_rows
from .report import report_workbook

__all__ = [
    "COLUMNS",
    "COLUMN_LABELS",
    "FileError",
    "check_file",
    "create_import",
    "read_rows",
    "report_workbook",
    "resume_import",
    "run_import",
    "start_import",
]
