"""The check-in desk, made for a phone: scan the ticket's QR code with the camera
(``static/events/checkin.js``, where the browser has a barcode detector), paste or type the
code, or find the person by name; each admission or refusal is shown large, in the user's
language.

HTMX requests get only the result (or the search results), so the camera keeps running
between two tickets; without JavaScript the whole page comes back.
"""

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.htmx import HtmxHttpRequest
from .domain import reports, tickets
from .forms import CheckInForm
from .models import Event, Registration
from .views_common import MANAGE, WEB, as_id, managed_event, refusal


@dataclass(frozen=True)
class Outcome:
    admitted: bool
    message: str
    code: str = ""  # the refusal's code: forged, other_event, cancelled, not_confirmed, reused
    registration: Registration | None = None


def _admit(request: HttpRequest, event: Event, form: CheckInForm) -> Outcome | None:
    """Check in by the scanned code or by the registration picked from a search."""
    picked = request.POST.get("registration", "").strip()
    try:
        if picked:
            number = as_id(picked)
            found = event.registrations.filter(pk=number).first() if number else None
            if found is None:
                raise ValidationError(_("This registration is not on this event's list."),
                                      code="other_event")  # fmt: skip
            admitted = tickets.check_in(event, registration=found, actor=request.user, source=WEB)
        elif form.is_valid():
            admitted = tickets.check_in(event, token=form.cleaned_data["token"],
                                        actor=request.user, source=WEB)  # fmt: skip
        else:
            return None
    except ValidationError as error:
        return Outcome(False, refusal(error), error.code or "")
    at = timezone.localtime(admitted.checked_in_at).strftime("%H:%M")
    message = _("{name} is checked in ({time}).").format(name=admitted.name, time=at)
    return Outcome(True, message, registration=admitted)


@alliance_view(MANAGE)
def check_in_desk(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    outcome = _admit(request, event, form) if request.method == "POST" else None
    query = request.GET.get("q", "").strip()
    context = {
        "alliance": alliance,
        "event": event,
        "form": CheckInForm() if outcome else form,
        "outcome": outcome,
        "query": query,
        "found": tickets.search_registrations(event, query),
        "figures": reports.attendance(event),
    }
    htmx = cast(HtmxHttpRequest, request).htmx
    if htmx and htmx.target == "check-in-result":
        return render(request, "events/manage/_checkin_result.html", context)
    if htmx and htmx.target == "check-in-found":
        return render(request, "events/manage/_checkin_found.html", context)
    status = 400 if outcome is not None and not outcome.admitted else 200
    return render(request, "events/manage/check_in.html", context, status=status)
