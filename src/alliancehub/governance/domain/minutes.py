"""Minutes: drafted from the meeting record, edited by the secretariat, then approved."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ...common.domain import audit
from ..enums import MinutesStatus, MotionKind, MotionStatus
from ..models import Meeting, Minutes


def _result_line(motion: Any) -> str:
    if motion.status in (MotionStatus.DRAFT, MotionStatus.OPEN):
        return _("Result: {status}.").format(status=motion.get_status_display())
    line = _("Result: {status} ({yes} yes, {no} no, {abstain} abstentions; {present} of {entitled} units with a vote present).").format(
        status=motion.get_status_display(), yes=motion.yes_count, no=motion.no_count,
        abstain=motion.abstain_count, present=motion.present_count, entitled=motion.entitled_count,
    )  # fmt: skip
    if motion.kind == MotionKind.ELECTION:
        elected = [str(c) for c in motion.candidates.all() if c.elected]
        line += " " + _("Elected: {names}.").format(names="、".join(elected) or "—")
    return line


def compose_minutes(meeting: Meeting) -> str:
    """Markdown minutes in the active language from what is recorded about ``meeting``."""
    alliance = meeting.alliance
    name = (
        alliance.name_en
        if (get_language() or "").startswith("en") and alliance.name_en
        else alliance.name
    )
    lines = [f"# {name} · {meeting}", ""]
    lines.append("- " + _("**Date:** {date}").format(date=meeting.held_on.isoformat()))
    if meeting.venue:
        lines.append("- " + _("**Venue:** {venue}").format(venue=meeting.venue))
    if meeting.presided_by:
        who = f"{meeting.presiding_title} {meeting.presided_by}".strip()
        lines.append("- " + _("**Presided by:** {person}").format(person=who))
    lines += ["", "## " + _("Attendance"), ""]
    attendance = list(meeting.attendance.select_related("organization"))
    present = [row for row in attendance if row.present]
    absent = [row for row in attendance if not row.present]
    for row in present:
        name = str(row.organization or row.person)
        extra = " · ".join(filter(None, [row.person if row.organization else "", row.capacity]))
        lines.append(f"- {name}" + (f"（{extra}）" if extra else ""))
    if not present:
        lines.append("- " + _("No attendance recorded."))
    if absent:
        lines += [
            "",
            _("Absent: {names}").format(
                names="、".join(str(r.organization or r.person) for r in absent)
            ),
        ]
    lines += ["", "## " + _("Agenda"), ""]
    for item in meeting.agenda.all():
        lines.append(f"{item.position}. {item.title}")
    if not meeting.agenda.exists():
        lines.append("- " + _("No agenda items recorded."))
    lines += ["", "## " + _("Motions and results"), ""]
    for motion in meeting.motions.prefetch_related("candidates").select_related("resolution"):
        lines += [f"### {motion.title}", ""]
        if motion.text:
            lines += [motion.text, ""]
        lines.append(_result_line(motion))
        resolution = getattr(motion, "resolution", None)
        if resolution is not None:
            lines.append(_("Resolution {number}.").format(number=resolution.number))
        lines.append("")
    return "\n".join(lines).strip() + "\n"


@transaction.atomic
def draft_minutes(
    meeting: Meeting, *, actor: Any, source: str, language: str | None = None
) -> Minutes:
    """Create (or, while still a draft, recompose) the minutes from the meeting record, in
    ``language`` (by default the one they were drafted in, else the active language); their
    exports use the same language, whoever downloads them."""
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes and minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("The minutes are approved and can no longer change."))
    language = (
        language
        or (minutes.language if minutes else None)
        or get_language()
        or settings.LANGUAGE_CODE
    )
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the site's languages."))
    with translation.override(language):
        text = compose_minutes(meeting)
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, text=text, language=language)
        audit.record(minutes, action=audit.Action.CREATE, actor=actor, source=source,
                     changes={"status": [None, MinutesStatus.DRAFT]})  # fmt: skip
    else:
        minutes.text, minutes.language = text, language
        minutes.save(update_fields=["text", "language", "updated_at"])
        audit.record(minutes, action=audit.Action.UPDATE, actor=actor, source=source,
                     changes={"text": ["…", "…"]})  # fmt: skip
    return minutes


@transaction.atomic
def edit_minutes(minutes: Minutes, *, text: str, actor: Any, source: str) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("The minutes are approved and can no longer change."))
    if not text.strip():
        raise ValidationError({"text": _("The minutes are empty.")})
    before = audit.snapshot(minutes, ["text"])
    minutes.text = text
    minutes.save(update_fields=["text", "updated_at"])
    audit.record(minutes, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff(before, audit.snapshot(minutes, ["text"])))  # fmt: skip
    return minutes


@transaction.atomic
def approve_minutes(minutes: Minutes, *, actor: Any, source: str) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("The minutes are already approved."))
    minutes.status, minutes.approved_at = MinutesStatus.APPROVED, timezone.now()
    minutes.approved_by = actor if getattr(actor, "pk", None) else None
    minutes.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    audit.record(minutes, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [MinutesStatus.DRAFT, MinutesStatus.APPROVED]})  # fmt: skip
    return minutes
