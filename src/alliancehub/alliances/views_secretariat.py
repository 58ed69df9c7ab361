"""The secretariat's registry pages: applications, members, tiers, suspensions, dues.

Every view goes through ``alliance_view("alliances.manage")`` and looks objects up through the
alliance; the rules themselves are the domain functions'.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..common.domain import audit
from ..common.domain.audit import Source
from ..common.pagination import CappedCountPaginator
from .access import alliance_view
from .domain import dues as dues_domain
from .domain import membership as domain
from .domain.membership import in_force_on
from .domain.profile import update_profile
from .enums import ApplicationStatus
from .forms import (
    AdmitForm,
    ApproveForm,
    DateForm,
    DuesForm,
    ProfileForm,
    RejectForm,
    SuspendForm,
    TierChangeForm,
)  # fmt: skip
from .models import Alliance, DuesPeriod, Membership, MembershipApplication, Suspension

MANAGE = "alliances.manage"
WEB = Source.WEB


def attempt(request: HttpRequest, form: BaseForm, action: Callable[[], Any], success: str) -> bool:
    """Run a domain action for a valid form; its refusal becomes the form's error."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


@alliance_view(MANAGE)
def application_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    status = request.GET.get("status", ApplicationStatus.PENDING)
    applications = (
        MembershipApplication.objects.for_alliance(alliance)
        .select_related("organization__region", "applicant")
        .order_by("-created_at", "-id")
    )
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = CappedCountPaginator(applications, 50).get_page(request.GET.get("page"))
    context = {"alliance": alliance, "page": page, "status": status,
               "statuses": ApplicationStatus.choices}  # fmt: skip
    return render(request, "alliances/manage/application_list.html", context)


@alliance_view(MANAGE)
def application_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    application = get_object_or_404(
        MembershipApplication.objects.for_alliance(alliance).select_related("organization"), pk=pk
    )
    approve = ApproveForm(prefix="approve", initial={"tier": application.tier})
    reject = RejectForm(prefix="reject")
    if request.method == "POST" and "approve-on" in request.POST:
        approve = ApproveForm(request.POST, prefix="approve")
        if attempt(
            request, approve,
            lambda: domain.approve_membership(
                application, actor=request.user, source=WEB,
                on=approve.cleaned_data["on"], basis=approve.cleaned_data["basis"],
                tier=approve.cleaned_data["tier"],
            ),
            _("{name} is now a member.").format(name=application.organization),
        ):  # fmt: skip
            return redirect("alliances:applications", slug=alliance.slug)
    elif request.method == "POST":
        reject = RejectForm(request.POST, prefix="reject")
        if attempt(
            request, reject,
            lambda: domain.reject_membership(
                application, actor=request.user, source=WEB, reason=reject.cleaned_data["reason"]
            ),
            _("The application was rejected."),
        ):  # fmt: skip
            return redirect("alliances:applications", slug=alliance.slug)
    context = {"alliance": alliance, "application": application, "approve": approve,
               "reject": reject, "history": audit.readable_history(audit.history(application))}  # fmt: skip
    return render(request, "alliances/manage/application_detail.html", context)


@alliance_view(MANAGE)
def member_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The registry: every current member with its tier, suspension and unpaid dues; the
    secretariat can enter a member directly (a decision, no application)."""
    today = timezone.localdate()
    admit = AdmitForm(request.POST or None)
    if request.method == "POST" and attempt(
        request, admit,
        lambda: domain.admit(
            alliance, admit.cleaned_data["organization"], admit.cleaned_data["tier"],
            on=admit.cleaned_data["on"], basis=admit.cleaned_data["basis"], actor=request.user,
            source=WEB,
        ),
        _("The member was entered in the registry."),
    ):  # fmt: skip
        return redirect("alliances:members", slug=alliance.slug)
    members = (
        Membership.objects.for_alliance(alliance)
        .filter(in_force_on(today))  # a withdrawal dated later leaves the member listed till then
        .select_related("organization__region")
        .order_by("organization__name")
    )
    unpaid = set(dues_domain.unpaid_dues(alliance, today).values_list("organization_id", flat=True))
    page = CappedCountPaginator(members, 100).get_page(request.GET.get("page"))
    context = {
        "alliance": alliance,
        "page": page,
        "unpaid": unpaid,
        "suspended": _suspended_ids(alliance),
        "admit": admit,
    }
    return render(request, "alliances/manage/member_list.html", context)


def _suspended_ids(alliance: Alliance) -> set[int]:
    """Organisations whose rights are suspended now (a suspension may sit on an earlier period)."""
    open_suspensions = Suspension.objects.for_alliance(alliance).filter(ends_on__isnull=True)
    return set(open_suspensions.values_list("membership__organization_id", flat=True))


@alliance_view(MANAGE)
def member_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """One member: its periods, suspensions and dues, with the secretariat's decisions."""
    membership = get_object_or_404(
        Membership.objects.for_alliance(alliance).select_related("organization"), pk=pk
    )
    organization = membership.organization
    forms: dict[str, BaseForm] = {
        "tier": TierChangeForm(prefix="tier"), "suspend": SuspendForm(prefix="suspend"),
        "reinstate": DateForm(prefix="reinstate"), "withdraw": DateForm(prefix="withdraw"),
        "dues": DuesForm(prefix="dues"),
    }  # fmt: skip
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in forms and _decide(request, alliance, membership, action, forms):
            return redirect("alliances:member", slug=alliance.slug, pk=_current_pk(membership))
    context = {
        "alliance": alliance, "membership": membership, "forms": forms,
        "periods": Membership.objects.for_alliance(alliance).filter(organization=organization).order_by("valid_from"),
        "suspensions": Suspension.objects.filter(membership__alliance=alliance, membership__organization=organization),
        "dues": DuesPeriod.objects.for_alliance(alliance).filter(organization=organization),
        "suspended": organization.pk in _suspended_ids(alliance),
    }  # fmt: skip
    return render(request, "alliances/manage/member_detail.html", context)


def _current_pk(membership: Membership) -> int:
    current = domain.current_membership(membership.alliance, membership.organization)
    return current.pk if current else membership.pk


def _decide(
    request: HttpRequest, alliance: Alliance, membership: Membership, action: str,
    forms: dict[str, BaseForm],
) -> bool:  # fmt: skip
    form_class = type(forms[action])
    form = forms[action] = form_class(request.POST, prefix=action)
    actor = request.user

    def run() -> None:
        data = form.cleaned_data
        if action == "tier":
            domain.change_tier(
                membership,
                data["tier"],
                on=data["on"],
                basis=data["basis"],
                actor=actor,
                source=WEB,
            )
        elif action == "suspend":
            dues_domain.suspend(
                membership, starts_on=data["on"], reason=data["reason"], actor=actor, source=WEB
            )
        elif action == "reinstate":
            dues_domain.reinstate(membership, last_day=data["on"], actor=actor, source=WEB)
        elif action == "withdraw":
            domain.withdraw(membership, last_day=data["on"], actor=actor, source=WEB)
        else:
            dues_domain.record_dues(alliance, membership.organization, label=data["label"],
                                    amount=data["amount"], due_on=data["due_on"], actor=actor, source=WEB)  # fmt: skip

    return attempt(request, form, run, _("The change was saved."))


@alliance_view(MANAGE)
def profile(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The alliance's public profile: names, description, founding date, status, logo."""
    form = ProfileForm(request.POST or None, request.FILES or None, instance=alliance)
    if request.method == "POST" and form.is_valid():
        # The form validated a copy of its data onto ``alliance``; the domain function saves it.
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = Alliance.objects.get(pk=alliance.pk)
        if attempt(request, form, lambda: update_profile(fresh, data, actor=request.user, source=WEB),
                   _("The profile was saved.")):  # fmt: skip
            return redirect("alliances:profile", slug=alliance.slug)
    return render(request, "alliances/manage/profile.html", {"alliance": alliance, "form": form})


@alliance_view(MANAGE)
def dues_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    dues = DuesPeriod.objects.for_alliance(alliance).select_related("organization")
    if request.GET.get("unpaid"):
        dues = dues.filter(paid_on__isnull=True)
    page = CappedCountPaginator(dues.order_by("paid_on", "due_on", "id"), 100).get_page(
        request.GET.get("page")
    )
    context = {"alliance": alliance, "page": page, "today": timezone.localdate()}
    return render(request, "alliances/manage/dues_list.html", context)


@require_POST
@alliance_view(MANAGE)
def dues_paid(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    dues = get_object_or_404(DuesPeriod.objects.for_alliance(alliance), pk=pk)
    try:
        dues_domain.mark_paid(dues, paid_on=timezone.localdate(), actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked as paid."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)  # the member's page it was marked from
    return redirect("alliances:dues", slug=alliance.slug)
