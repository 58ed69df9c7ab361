"""The secretariat's member-services pages: keeping the catalogue, and the figures.

Every view goes through ``alliance_view("alliances.manage")`` and looks services up through
the alliance.
"""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..organizations.models import Organization
from .domain import catalogue, figures
from .enums import OPEN_STATUSES
from .forms import ServiceForm
from .models import Service
from .views import WEB, attempt, nav_context

MANAGE = "alliances.manage"


@alliance_view(MANAGE)
def services(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Every service of the catalogue, offered or not, with its providers and open requests."""
    rows = (
        Service.objects.for_alliance(alliance)
        .prefetch_related(Prefetch("providers", queryset=Organization.objects.order_by("name")))
        .annotate(open_requests=Count("requests", filter=Q(requests__status__in=OPEN_STATUSES)))
        .order_by("-active", "kind", "name")
    )
    context = {**nav_context(request, alliance), "services": rows}
    return render(request, "memberservices/manage/services.html", context)


def _form_page(request: HttpRequest, alliance: Alliance, form: ServiceForm,
               service: Service | None) -> HttpResponse:  # fmt: skip
    status = 400 if form.is_bound and form.errors else 200
    context = {**nav_context(request, alliance), "form": form, "service": service}
    return render(request, "memberservices/manage/service_form.html", context, status=status)


@alliance_view(MANAGE)
def service_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, providers = form.domain_data()
        created = attempt(form, lambda: catalogue.create_service(
            alliance, data, providers=providers, actor=request.user, source=WEB
        ))  # fmt: skip
        if created is not None:
            messages.success(request, _("The service was added to the catalogue."))
            return redirect("memberservices:services-manage", slug=alliance.slug)
    return _form_page(request, alliance, form, None)


@alliance_view(MANAGE)
def service_edit(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.for_alliance(alliance), pk=pk)
    initial = ServiceForm.initial_for(service) if request.method != "POST" else None
    form = ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, providers = form.domain_data()
        saved = attempt(form, lambda: catalogue.update_service(
            service, data, providers=providers, actor=request.user, source=WEB
        ))  # fmt: skip
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("memberservices:services-manage", slug=alliance.slug)
    return _form_page(request, alliance, form, service)


@alliance_view(MANAGE)
def figures_page(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Volumes, median first-response and resolution times, overdue counts and average
    ratings by service kind."""
    context = {**nav_context(request, alliance), "rows": figures.figures(alliance)}
    return render(request, "memberservices/manage/figures.html", context)
