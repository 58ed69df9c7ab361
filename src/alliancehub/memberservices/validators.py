"""Limits on the documents attached to service requests (the same for pages and the API)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: As governance's meeting documents, plus images (a scanned certificate, a screenshot).
ATTACHMENT_TYPES = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".txt", ".md",
    ".png", ".jpg", ".jpeg", ".zip",
}  # fmt: skip
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 10


def check_attachment(upload: Any) -> None:
    """Refuse a file of another type or larger than the limit, naming the file."""
    name = Path(getattr(upload, "name", "") or "").name
    if Path(name).suffix.lower() not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "“{name}” cannot be attached: upload a PDF, Word, Excel, PowerPoint, text, image (PNG, JPEG) or ZIP file."
            ).format(name=name),
            code="type",
        )
    if (getattr(upload, "size", 0) or 0) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("“{name}” is larger than {limit} MB.").format(
                name=name, limit=ATTACHMENT_MAX_BYTES // (1024 * 1024)
            ),
            code="size",
        )


def check_attachments(uploads: list[Any]) -> None:
    """Every file, and their number; all problems at once."""
    errors: list[ValidationError] = []
    if len(uploads) > ATTACHMENT_MAX_COUNT:
        errors.append(
            ValidationError(
                _("Attach at most {count} files.").format(count=ATTACHMENT_MAX_COUNT),
                code="count",
            )
        )
    for upload in uploads:
        try:
            check_attachment(upload)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
