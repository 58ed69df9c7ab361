"""Checking a pitch deck before it is stored: PDF, PPT or PPTX only, judged by the file name's
extension and by the content's signature (a renamed file is refused), within a size limit; and
the name it is stored under, which nobody can guess (decks are served by a view that checks
who asks, never as public files).

The limit is ``settings.EVENTS_PITCH_DECK_MAX_BYTES`` (20 MB when the setting is absent).
"""

import secrets
import zipfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")  # compound file: .ppt (and .doc, .xls)
ZIP_SIGNATURE = b"PK\x03\x04"


def max_deck_bytes() -> int:
    return int(getattr(settings, "EVENTS_PITCH_DECK_MAX_BYTES", DEFAULT_MAX_BYTES))


def _head(upload: IO[bytes], size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_pptx(upload: IO[bytes]) -> bool:
    """A zip archive with the presentation part of an Office Open XML file."""
    if _head(upload, 4) != ZIP_SIGNATURE:
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            return any(name.startswith("ppt/") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _content_matches(extension: str, upload: IO[bytes]) -> bool:
    if extension == ".pdf":
        return _head(upload, 5) == PDF_SIGNATURE
    if extension == ".ppt":
        return _head(upload, 8) == OLE2_SIGNATURE
    return _is_pptx(upload)


def validate_pitch_deck(upload: Any) -> None:
    """Refuse (``ValidationError``) a deck that is not a PDF, PPT or PPTX file, whose content
    does not match its extension, that is empty, or larger than the limit."""
    extension = Path(getattr(upload, "name", "") or "").suffix.lower()
    if extension not in (".pdf", ".ppt", ".pptx"):
        raise ValidationError(_("Upload the pitch deck as a PDF, PPT or PPTX file."), code="type")
    size = getattr(upload, "size", None) or 0
    limit = max_deck_bytes()
    if size > limit:
        raise ValidationError(
            _("The pitch deck is larger than {size} MB.").format(size=f"{limit / 2**20:g}"),
            code="size",
        )
    if size == 0 or not _content_matches(extension, upload):
        raise ValidationError(
            _("The file's content is not a {kind} file.").format(kind=extension[1:].upper()),
            code="content",
        )


def stored_deck_name(upload: Any) -> str:
    """A random name for the stored deck, keeping its extension: the applicant's own file name
    ("公司BP.pdf") would let anyone who reaches the media folder guess the address."""
    return secrets.token_urlsafe(24) + Path(getattr(upload, "name", "") or "").suffix.lower()
