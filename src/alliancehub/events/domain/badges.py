"""Name badges to print for the entrance: a PDF made with WeasyPrint, like the minutes' export
(``governance.domain.documents``): the CJK faces are found by family name through fontconfig
(Debian's fonts-noto-cjk) and embedded as subsets; nothing is fetched but ``data:`` URLs."""

import base64
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string

from ..enums import RegistrationStatus
from ..models import Event, Registration
from .qr import QRCodeUnavailable, qr_available, qr_svg
from .tickets import ticket_token


@dataclass(frozen=True)
class Badge:
    name: str
    organization: str
    job_title: str
    number: str
    qr_data_uri: str  # empty where no QR encoder is installed


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def badges(event: Event, registrations: Iterable[Registration] | None = None) -> list[Badge]:
    """One badge per confirmed registration of ``event`` (or of ``registrations``), by name."""
    chosen = (
        registrations
        if registrations is not None
        else event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name")
    )
    draw = qr_available()
    made = []
    for registration in chosen:
        if registration.event_id != event.pk or registration.status != RegistrationStatus.CONFIRMED:
            continue
        try:
            picture = _data_uri(qr_svg(ticket_token(registration), scale=3)) if draw else ""
        except QRCodeUnavailable:
            picture = ""
        made.append(Badge(registration.name, registration.organization_name,
                          registration.job_title, f"{registration.pk:06d}", picture))  # fmt: skip
    return made


def badges_html(event: Event, registrations: Iterable[Registration] | None = None) -> str:
    """The print page (``events/badges_print.html``): eight 90 × 60 mm badges per A4 sheet."""
    context = {"event": event, "badges": badges(event, registrations)}
    return render_to_string("events/badges_print.html", context)


def badges_pdf(event: Event, registrations: Iterable[Registration] | None = None) -> bytes:
    """The badges as a PDF, each with the person's name, organisation, the event's title and
    the ticket's QR code (the registration's number where no QR encoder is installed).

    Rendering takes a noticeable time for a long list: call it from a task or a download.
    """
    # WeasyPrint takes about a second to import; only the exports need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Names come from the public form: nothing in them may make the server fetch a URL.
    offline = URLFetcher(allowed_protocols={"data"})
    return HTML(string=badges_html(event, registrations), url_fetcher=offline).write_pdf()
