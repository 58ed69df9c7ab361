"""Reading an uploaded CSV or XLSX file into rows of values."""

import csv
import io
import re
from datetime import date, datetime
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ....common.text import fold
from .columns import _HEADER_LOOKUP


class FileError(ValidationError):
    """The file as a whole cannot be imported (unreadable, no name column, too many rows)."""


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _read_csv(handle: IO[bytes], *, header_only: bool) -> tuple[list[list[Any]], int]:
    text = _decode(handle.read())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise FileError(
            _("The CSV file is malformed ({reason}); check it in a spreadsheet program.").format(
                reason=error
            )
        ) from error
    return (table[:1] if header_only else table), len(table) - 1


def _read_xlsx(handle: IO[bytes], *, header_only: bool) -> tuple[list[list[Any]], int]:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for damaged files
        raise FileError(_("The file could not be opened as an Excel .xlsx workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_row=1 if header_only else None)
        # The sheet's declared size: enough to refuse an oversized file without reading it.
        return [list(row) for row in rows], (sheet.max_row or 1) - 1
    finally:
        workbook.close()


def read_rows(
    handle: IO[bytes], filename: str, *, header_only: bool = False
) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The recognised columns and the non-empty rows as ``(row number, {field: value})``.

    Raises ``FileError`` for an unsupported, unreadable, headerless or oversized file. With
    ``header_only`` the rows are not read (only counted, where that is cheap).
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        table, size = _read_csv(handle, header_only=header_only)
    elif suffix == ".xlsx":
        table, size = _read_xlsx(handle, header_only=header_only)
    else:
        raise FileError(_("Only .csv and .xlsx files can be imported."))
    if not table:
        raise FileError(_("The file is empty."))
    header = [_HEADER_LOOKUP.get(fold(str(cell or ""))) for cell in table[0]]
    if "name" not in header:
        raise FileError(
            _(
                "No column for the organisation's name was found in the first row "
                "(expected a header such as “名称” or “name”)."
            )
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            field: cell
            for field, cell in zip(header, cells, strict=False)
            if field and cell not in (None, "")
        }
        if values:
            rows.append((number, values))
    count = size if header_only else len(rows)
    if count > settings.IMPORT_MAX_ROWS:
        raise FileError(
            _("The file has {count} rows; at most {limit} can be imported at once.").format(
                count=count, limit=settings.IMPORT_MAX_ROWS
            )
        )
    return [field for field in header if field], rows


def check_file(handle: IO[bytes], filename: str) -> None:
    """Raise ``FileError`` at upload if the file cannot be imported at all.

    Reads the header and the file's size, not every row: the task does that.
    """
    read_rows(handle, filename, header_only=True)


def _serialisable(values: dict[str, Any]) -> dict[str, Any]:
    """The row's values as JSON can hold them (dates as ISO text, anything unusual as text)."""
    return {
        k: v.isoformat()
        if isinstance(v, date | datetime)
        else v
        if isinstance(v, str | int | float | bool)
        else str(v)
        for k, v in values.items()
    }


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_cell(value: Any) -> Any:
    """Control characters (a NUL among them, which PostgreSQL refuses) removed from text."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value
