"""Charter versions: drafting, the version in force, and side-by-side differences."""

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ..enums import CharterStatus, MotionStatus
from ..models import CharterVersion


@transaction.atomic
def draft_charter(
    alliance: Alliance,
    *,
    title: str,
    text: str,
    actor: Any,
    source: str,
    signed_pdf: UploadedFile | None = None,
) -> CharterVersion:
    """Write a new version (a draft until a resolution adopts it)."""
    if not text.strip():
        raise ValidationError({"text": _("The charter text is empty.")})
    last = CharterVersion.objects.for_alliance(alliance).aggregate(last=Max("number"))["last"]
    version = CharterVersion(alliance=alliance, number=(last or 0) + 1, title=title, text=text)
    if signed_pdf is not None:
        version.signed_pdf = signed_pdf  # type: ignore[assignment]
    version.full_clean()
    version.save()
    audit.record(
        version, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(version, ["number", "title"])),
    )  # fmt: skip
    return version


@transaction.atomic
def update_draft(
    version: CharterVersion, *, title: str, text: str, actor: Any, source: str
) -> CharterVersion:
    """Edit a draft; an adopted version is frozen, and so is one being voted on (the members
    must adopt the text they voted on)."""
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != CharterStatus.DRAFT:
        raise ValidationError(_("An adopted version cannot be changed; draft a new one."))
    if version.motions.filter(status=MotionStatus.OPEN).exists():
        raise ValidationError(_("This version is being voted on and cannot be changed."))
    before = audit.snapshot(version, ["title", "text"])
    version.title, version.text = title, text
    version.full_clean()
    version.save()
    audit.record(
        version, action=audit.Action.UPDATE, actor=actor, source=source,
        changes=audit.diff(before, audit.snapshot(version, ["title", "text"])),
    )  # fmt: skip
    return version


def visible_versions(alliance: Alliance, user: Any) -> QuerySet[CharterVersion]:
    """What ``user`` may read: adopted versions (public); also the drafts put to a vote (the
    alliance's members); every draft (the secretariat)."""
    versions = CharterVersion.objects.for_alliance(alliance)
    if user.has_perm("alliances.manage", alliance):
        return versions
    if user.has_perm("alliances.view_private", alliance):
        return versions.filter(
            Q(status=CharterStatus.ADOPTED) | Q(motions__isnull=False)
        ).distinct()
    return versions.filter(status=CharterStatus.ADOPTED)


def current_charter(alliance: Alliance) -> CharterVersion | None:
    """The version in force: the latest adopted one."""
    return (
        CharterVersion.objects.for_alliance(alliance)
        .filter(status=CharterStatus.ADOPTED)
        .order_by("-adopted_on", "-number")
        .select_related("resolution__motion__meeting__term")
        .first()
    )


Part = tuple[str, bool]  # a stretch of text, and whether it changed


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: ``kind`` is equal, replace, delete or insert.
    ``old_parts``/``new_parts`` split a replaced line into unchanged and changed stretches."""

    kind: str
    old: str
    new: str
    old_parts: tuple[Part, ...] = field(default=(), compare=False)
    new_parts: tuple[Part, ...] = field(default=(), compare=False)


def _parts(old: str, new: str) -> tuple[tuple[Part, ...], tuple[Part, ...]]:
    """Character-level differences within a replaced line (Chinese has no spaces to split on)."""
    left: list[Part] = []
    right: list[Part] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if old[i1:i2]:
            left.append((old[i1:i2], tag != "equal"))
        if new[j1:j2]:
            right.append((new[j1:j2], tag != "equal"))
    return tuple(left), tuple(right)


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """The two texts line by line, paired where they correspond; paired changed lines also
    carry their changed stretches."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else ""
            b = right[index] if index < len(right) else ""
            parts = (
                _parts(a, b)
                if tag == "replace" and a and b
                else (((a, tag != "equal"),) if a else (), ((b, tag != "equal"),) if b else ())
            )
            rows.append(DiffRow(tag, a, b, *parts))
    return rows
