"""The secretariat's registrations: the list (search, status, approve, reject, cancel, seats),
its Excel export, the name badges, and after the event the attendance figures and a draft
news notice.

Every view goes through ``alliance_view("events.manage")``; a registration is looked up
through the event, itself looked up through the alliance.
"""

import io
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.htmx import HtmxHttpRequest
from ..common.pagination import CappedCountPaginator
from .domain import registration as registrations
from .domain import reports
from .domain.badges import badges_pdf
from .domain.exports import registrations_workbook
from .enums import RegistrationStatus
from .filtersets import RegistrationFilterSet
from .forms import CapacityForm, ReasonForm
from .models import Registration
from .tables import RegistrationTable
from .views_common import MANAGE, WEB, managed_event, posted_text, refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@alliance_view(MANAGE)
def registration_list(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Every registration of the event, searchable by name, e-mail, phone or organisation
    (Simplified or Traditional), with its decision buttons."""
    event = managed_event(alliance, pk)
    filterset = RegistrationFilterSet(
        request.GET or None, queryset=event.registrations.order_by("created_at", "id")
    )
    table = RegistrationTable(filterset.qs)
    table.paginate(
        paginator_class=CappedCountPaginator, page=request.GET.get("page", 1), per_page=50
    )
    context = {
        "alliance": alliance,
        "event": event,
        "filter": filterset,
        "table": table,
        "figures": reports.attendance(event),
        "capacity_form": CapacityForm(initial={"capacity": event.capacity}),
    }
    htmx = cast(HtmxHttpRequest, request).htmx
    if htmx and not htmx.boosted:
        return render(request, "events/manage/_registrations.html", context)
    return render(request, "events/manage/registrations.html", context)


def _decide(request: HttpRequest, registration: Registration, decision: str) -> str:
    """Run the decision; return what to tell the secretariat."""
    if decision == "approve":
        done = registrations.approve_registration(registration, actor=request.user, source=WEB)
        if done.status == RegistrationStatus.WAITING:
            return _("No seat is free: the registration went to the waiting list.")
        return _("The registration is confirmed; the ticket is on its way.")
    if decision == "reject":
        reason = posted_text(ReasonForm(request.POST), "reason")
        registrations.reject_registration(registration, reason=reason, actor=request.user,
                                          source=WEB)  # fmt: skip
        return _("The registration was rejected.")
    registrations.cancel_registration(registration, actor=request.user, source=WEB)
    return _("The registration was cancelled.")


@require_POST
@alliance_view(MANAGE)
def registration_decide(
    request: HttpRequest, alliance: Alliance, pk: int, registration: int, decision: str
) -> HttpResponse:
    """Approve, reject (with a reason) or cancel one registration."""
    if decision not in ("approve", "reject", "cancel"):
        raise Http404
    event = managed_event(alliance, pk)
    found = get_object_or_404(event.registrations.all(), pk=registration)
    try:
        messages.success(request, _decide(request, found, decision))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    back = request.POST.get("query", "")
    target = reverse("events:registrations", kwargs={"slug": alliance.slug, "pk": pk})
    return redirect(f"{target}?{back}" if back else target)


@alliance_view(MANAGE)
def registrations_export(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    buffer = io.BytesIO()
    registrations_workbook(event).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.xlsx"'
    return response


@alliance_view(MANAGE)
def badges(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Name badges of every confirmed registrant, eight to an A4 sheet, as a PDF."""
    event = managed_event(alliance, pk)
    response = HttpResponse(badges_pdf(event), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-badges.pdf"'
    return response


@alliance_view(MANAGE)
def report(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Registration and attendance figures, with the check-in rate."""
    event = managed_event(alliance, pk)
    figures = reports.attendance(event)
    rate = figures.check_in_rate
    context = {
        "alliance": alliance,
        "event": event,
        "figures": figures,
        "rate": None if rate is None else rate * 100,
    }
    return render(request, "events/manage/report.html", context)


@alliance_view(MANAGE)
def news_draft(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """A draft notice about the event, from its record, to copy into the news."""
    event = managed_event(alliance, pk)
    context = {"alliance": alliance, "event": event, "draft": reports.news_draft(event)}
    return render(request, "events/manage/news_draft.html", context)
