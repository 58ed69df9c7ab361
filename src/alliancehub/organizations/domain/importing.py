"""Bulk import of organisations from CSV or XLSX files.

A file is read into rows, every row is checked (required fields, credit code, region,
choices, duplicates against the registry and within the file), the good rows are saved in
batches, and the rejected ones are kept with their reasons in the uploader's language.
Each batch commits on its own together with the job's counters, so a failure midway keeps
every batch already reported as imported, and no row is ever half-written.
"""

import csv
import io
import logging
import re
from datetime import date, datetime
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from ...common.domain import audit
from ...common.tasks import enqueue
from ...common.text import fold
from ..enums import ImportStatus, OrganizationKind, OrganizationSize
from ..models import Contact, ImportJob, ImportRowError, Industry, Organization, Region
from .regions import resolve
from .registry import CONTACT_FIELDS, EDITABLE_FIELDS, derive_fields, duplicate_error

logger = logging.getLogger(__name__)

BATCH_SIZE = 500

#: Column headers understood, by field; matched after ``fold`` (case, width, script).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "单位名称", "组织名称", "企业名称", "机构名称", "chinese name"),
    "name_en": ("name_en", "english name", "英文名称", "英文名"),
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码", "unified social credit code"),
    "kind": ("kind", "type", "类型", "机构类型", "单位类型"),
    "region": ("region", "地区", "所在地区", "行政区划", "行政区划代码", "region code"),
    "industry": ("industry", "行业", "行业代码", "所属行业", "industry code"),
    "size": ("size", "规模", "企业规模"),
    "founded_on": ("founded_on", "founded", "成立日期", "成立时间"),
    "website": ("website", "网站", "网址", "官网"),
    "description": ("description", "简介", "描述", "介绍"),
    "contact_name": ("contact_name", "contact", "联系人"),
    "contact_title": ("contact_title", "联系人职务", "职务"),
    "contact_phone": ("contact_phone", "phone", "联系电话", "电话"),
    "contact_email": ("contact_email", "email", "e-mail", "邮箱", "电子邮箱"),
}
COLUMN_LABELS = {
    "name": gettext_lazy("Name"),
    "name_en": gettext_lazy("English name"),
    "credit_code": gettext_lazy("Unified social credit code"),
    "kind": gettext_lazy("Kind"),
    "region": gettext_lazy("Region"),
    "industry": gettext_lazy("Industry class"),
    "size": gettext_lazy("Size"),
    "founded_on": gettext_lazy("Founded on"),
    "website": gettext_lazy("Website"),
    "description": gettext_lazy("Description"),
    "contact_name": gettext_lazy("Contact"),
    "contact_title": gettext_lazy("Contact's title"),
    "contact_phone": gettext_lazy("Contact's phone"),
    "contact_email": gettext_lazy("Contact's e-mail"),
}
_HEADER_LOOKUP = {fold(alias): field for field, aliases in COLUMNS.items() for alias in aliases}


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


#: Words people write in a "kind" or "size" column besides the labels of the three languages.
CHOICE_ALIASES = {
    "企业": "enterprise", "公司": "enterprise", "民营企业": "enterprise", "国有企业": "enterprise",
    "高校": "university", "大学": "university", "高等院校": "university", "学院": "university",
    "科研院所": "research_institute", "研究院": "research_institute",
    "研究所": "research_institute", "新型研发机构": "research_institute",
    "政府": "government", "政府部门": "government", "政府机构": "government", "机关": "government",
    "协会": "association", "学会": "association", "商会": "association", "联盟": "association",
    "社会团体": "association", "社团": "association",
    "银行": "financial", "金融机构": "financial", "投资机构": "financial",
    "其他": "other",
    "大型": "large", "中型": "medium", "小型": "small", "微型": "micro",
}  # fmt: skip


def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    values = {value for value, _label in choices.choices}
    lookup = {fold(word): value for word, value in CHOICE_ALIASES.items() if value in values}
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[fold(str(label))] = value
                lookup[fold(value)] = value
    return lookup


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class RowChecker:
    """Turns raw row values into model values, collecting every problem with the row."""

    def __init__(self) -> None:
        self.kinds = _choice_lookup(OrganizationKind)
        self.sizes = _choice_lookup(OrganizationSize)
        self.industries = {code: code for code in Industry.objects.values_list("code", flat=True)}
        self.regions: dict[str, Region] = {}
        self.seen_names: dict[str, int] = {}
        self.seen_codes: dict[str, int] = {}

    def _region(self, value: Any, errors: list[str]) -> Region | None:
        text = str(value).strip()
        codes = resolve(text)
        if len(codes) != 1:
            errors.append(
                _("Unknown region “{value}”.").format(value=text)
                if not codes
                else _("Region “{value}” is ambiguous; use its six-digit code.").format(value=text)
            )
            return None
        if codes[0] not in self.regions:
            self.regions[codes[0]] = Region.objects.get(code=codes[0])
        return self.regions[codes[0]]

    @staticmethod
    def _date(value: Any, errors: list[str]) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        # 2010-03-04, 2010/3/4, 2010.3.4 and 2010年3月4日 are all the same day.
        match = _DATE.fullmatch(str(value).strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:  # 2010-13-01
                pass
        errors.append(_("“{value}” is not a date (use YYYY-MM-DD).").format(value=value))
        return None

    def check(
        self, values: dict[str, Any]
    ) -> tuple[Organization | None, dict[str, str], list[str]]:
        """``(unsaved organisation, contact, [])`` for a good row, ``(None, {}, reasons)`` otherwise."""
        errors: list[str] = []
        text = {k: str(v).strip() for k, v in values.items()}
        data: dict[str, Any] = {
            field: text.get(field, "")
            for field in ("name", "name_en", "website", "description", "credit_code")
        }
        if "kind" in text:
            data["kind"] = self.kinds.get(fold(text["kind"]))
            if data["kind"] is None:
                errors.append(_("Unknown kind “{value}”.").format(value=text["kind"]))
        if "size" in text:
            data["size"] = self.sizes.get(fold(text["size"]))
            if data["size"] is None:
                errors.append(_("Unknown size “{value}”.").format(value=text["size"]))
        if "region" in values:
            data["region"] = self._region(values["region"], errors)
        if "industry" in text:
            code = (
                text["industry"]
                .split(" ")[0]
                .upper()
                .zfill(2 if text["industry"][:1].isdigit() else 1)
            )
            data["industry_id"] = self.industries.get(code)
            if data["industry_id"] is None:
                errors.append(_("Unknown industry class “{value}”.").format(value=text["industry"]))
        if "founded_on" in values:
            data["founded_on"] = self._date(values["founded_on"], errors)
        organization = Organization(**{k: v for k, v in data.items() if v is not None})
        derive_fields(organization)
        try:
            organization.full_clean(
                exclude=["region", "industry", "kind", "size"], validate_constraints=False
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = getattr(Organization._meta.get_field(field), "verbose_name", field)
                errors.extend(
                    _("{field}: {message}").format(field=capfirst(label), message=message)
                    for message in messages
                )
        contact = self._contact(text, errors)
        errors.extend(self._duplicates(organization))
        if errors:
            return None, {}, errors
        return organization, contact, []

    @staticmethod
    def _contact(text: dict[str, str], errors: list[str]) -> dict[str, str]:
        # Checked here because bulk_create does not validate: on PostgreSQL an over-long phone
        # number would otherwise fail the whole batch.
        contact = {field: text.get(f"contact_{field}", "") for field in CONTACT_FIELDS}
        if contact["name"]:
            try:
                Contact(**contact).full_clean(exclude=["organization"])
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    label = COLUMN_LABELS[f"contact_{field}"]
                    errors.extend(f"{label}: {message}" for message in messages)
        return contact

    def _duplicates(self, organization: Organization) -> list[str]:
        errors = []
        key, code = organization.name_normalized, organization.credit_code
        if key in self.seen_names:
            errors.append(_("Same name as row {row}.").format(row=self.seen_names[key]))
        if code and code in self.seen_codes:
            errors.append(_("Same credit code as row {row}.").format(row=self.seen_codes[code]))
        return errors

    def remember(self, organization: Organization, row_number: int) -> None:
        self.seen_names.setdefault(organization.name_normalized, row_number)
        if organization.credit_code:
            self.seen_codes.setdefault(organization.credit_code, row_number)


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
    from ..tasks import run_import as task  # tasks import this module

    job = create_import(content, filename, actor=actor, language=language)
    enqueue(task, job.pk)
    return job


@transaction.atomic
def resume_import(job: ImportJob, *, actor: Any) -> ImportJob:
    """Continue an import that stopped (its process died, or an internal error).

    Every batch committed its rows together with ``processed_rows``, so the import carries
    on from exactly there. Side effects: the job is pending again and the task is queued.
    """
    from ..tasks import run_import as task

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
