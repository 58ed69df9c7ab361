"""An alliance's events as an iCalendar feed (RFC 5545), written by hand: the format is small,
and the escaping and line folding below are all it asks of a producer.

* TEXT values escape ``\\``, ``;``, ``,`` and line breaks (§3.3.11);
* content lines are folded at 75 octets, never inside a UTF-8 character, the continuation
  starting with one space (§3.1), and end with CRLF;
* times are written in UTC (``19980119T070000Z``, §3.3.5), so no VTIMEZONE is needed.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.db.models import Q
from django.utils import timezone

from ...alliances.models import Alliance
from ..enums import EventStatus, Visibility
from ..models import Event

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` split into chunks of at most 75 octets (the continuations' leading space
    included), joined by CRLF and a space."""
    chunks: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: datetime) -> list[str]:
    description = "\n\n".join(part for part in (event.theme, event.description) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}.{event.alliance.slug}@alliancehub",
        f"DTSTAMP:{utc(stamp)}",
        f"LAST-MODIFIED:{utc(event.updated_at)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"STATUS:{'CANCELLED' if event.status == EventStatus.CANCELLED else 'CONFIRMED'}",
        f"CATEGORIES:{escape_text(str(event.get_kind_display()))}",
    ]
    if event.venue:
        lines.append(f"LOCATION:{escape_text(event.venue)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[Event], *, stamp: datetime) -> str:
    """A VCALENDAR holding ``events``; ``stamp`` is when the feed was made (DTSTAMP)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AllianceHub//Events//ZH",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]  # fmt: skip
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def alliance_feed(
    alliance: Alliance, *, stamp: datetime | None = None, members: bool = False
) -> str:
    """The feed of ``alliance``'s published events (cancelled ones too, marked so, for
    calendars to drop them); members-only events only when ``members`` is true."""
    events = Event.objects.for_alliance(alliance).filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]
    )
    if not members:
        events = events.filter(Q(visibility=Visibility.PUBLIC))
    stamp = stamp or timezone.now()
    return calendar(alliance.name, events.select_related("alliance").order_by("starts_at", "id"),
                    stamp=stamp)  # fmt: skip
