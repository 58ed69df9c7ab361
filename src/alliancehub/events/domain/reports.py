"""After the event: attendance figures and a draft news notice built from the event's record."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ..enums import BodyRole, EventKind, ProjectStatus, RegistrationStatus
from ..models import Event, Project, Speaker
from .programme import bodies_by_role

Status = RegistrationStatus


@dataclass(frozen=True)
class Attendance:
    registered: int  # every registration ever made, cancelled ones included
    pending: int
    confirmed: int
    waiting: int
    rejected: int
    cancelled: int
    checked_in: int

    @property
    def check_in_rate(self) -> Decimal | None:
        """Checked in / confirmed, as a fraction rounded to 0.001 (``None`` with no one
        confirmed)."""
        if not self.confirmed:
            return None
        rate = Decimal(self.checked_in) / Decimal(self.confirmed)
        return rate.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def attendance(event: Event) -> Attendance:
    """The event's registration and check-in figures, counted in one query."""
    counts = event.registrations.aggregate(
        registered=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in Status.values},
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
    )
    return Attendance(**{name: counts[name] for name in Attendance.__dataclass_fields__})


def _join(names: list[str]) -> str:
    # English names hold commas ("Co., Ltd."): semicolons keep the list readable.
    separator = "; " if (get_language() or "").startswith("en") else "、"
    return separator.join(names)


def _sentence(text: str) -> str:
    """No doubled full stop when a name ends the sentence with its own ("Co., Ltd.")."""
    return text[:-1] if text.endswith("..") else text


def _role_clauses() -> dict[str, str]:
    """The notice's sentence for each role, in the active language."""
    return {
        BodyRole.GUIDING_UNIT: _("Guided by {names}."),
        BodyRole.ORGANIZER: _("Organised by {names}."),
        BodyRole.CO_ORGANIZER: _("Co-organised by {names}."),
        BodyRole.HOST: _("Hosted by {names}."),
        BodyRole.SUPPORTER: _("Supported by {names}."),
    }


@dataclass(frozen=True)
class NewsDraft:
    title: str
    text: str


def news_draft(event: Event) -> NewsDraft:
    """A draft notice about the event, in the active language, for the secretariat to edit:
    when and where, theme, the bodies behind it, keynotes, pitched projects and attendance.
    It states only what the record holds."""
    day = formats.date_format(timezone.localtime(event.starts_at).date(), "DATE_FORMAT")
    opening = _("{title} was held on {date}.").format(title=event.title, date=day)
    if event.venue:
        opening = _("{title} was held on {date} at {venue}.").format(
            title=event.title, date=day, venue=event.venue)  # fmt: skip
    paragraphs = [opening]
    if event.theme:
        paragraphs.append(_("The theme was “{theme}”.").format(theme=event.theme))
    clauses = _role_clauses()
    bodies = [_sentence(clauses[role].format(names=_join([body.display_name for body in group])))
              for role, group in bodies_by_role(event).items()]  # fmt: skip
    if bodies:
        paragraphs.append(" ".join(bodies))
    for speaker in Speaker.objects.filter(session__event=event, keynote=True).order_by(
        "session__order", "order"
    ):
        line = _("{name}, {title}, gave the keynote speech.").format(
            name=speaker.name, title=speaker.title) if speaker.title else _(
            "{name} gave the keynote speech.").format(name=speaker.name)  # fmt: skip
        if speaker.talk:
            line += " " + _("Topic: “{talk}”.").format(talk=speaker.talk)
        paragraphs.append(line)
    paragraphs.extend(_pitches(event))
    figures = attendance(event)
    if figures.checked_in:
        paragraphs.append(ngettext(
            "{count} registered participant attended.", "{count} registered participants attended.",
            figures.checked_in,
        ).format(count=figures.checked_in))  # fmt: skip
    return NewsDraft(event.title, "\n\n".join(paragraphs))


def _pitches(event: Event) -> list[str]:
    roadshows = [event, *event.parts.filter(kind=EventKind.ROADSHOW)]
    projects = Project.objects.filter(
        roadshow__event__in=[e.pk for e in roadshows if e.kind == EventKind.ROADSHOW],
        status=ProjectStatus.ACCEPTED, pitch__isnull=False,
    ).select_related("organization").order_by("pitch__order")  # fmt: skip
    names = [project.presenter or project.title for project in projects]
    if not names:
        return []
    return [_sentence(ngettext("{count} project was pitched: {names}.",
                               "{count} projects were pitched: {names}.", len(names)).format(
        count=len(names), names=_join(names)))]  # fmt: skip
