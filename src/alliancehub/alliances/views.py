from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..accounts.models import AllianceRole
from ..common.dates import date_or_today
from ..common.domain.audit import Source
from .access import alliance_view
from .domain import membership as domain
from .domain.queries import alliances_with_member_counts, roster
from .forms import ApplicationForm
from .models import Alliance, MembershipApplication
from .views_secretariat import attempt


def alliance_list(request: HttpRequest) -> HttpResponse:
    alliances = alliances_with_member_counts(timezone.localdate())
    roles: dict[int, list[str]] = {}
    if request.user.is_authenticated:  # one query: the user's own roles, shown on the cards
        for role in AllianceRole.objects.filter(user=request.user).order_by("role"):
            roles.setdefault(role.alliance_id, []).append(role.get_role_display())
    context = {"alliances": alliances, "roles": roles}
    return render(request, "alliances/alliance_list.html", context)


@alliance_view()
def alliance_detail(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """An alliance's public page: who it is and its member units by tier, today or on a date."""
    day = date_or_today(request.GET.get("on"))
    context = {"alliance": alliance, "day": day, "roster": roster(alliance, day)}
    return render(request, "alliances/alliance_detail.html", context)


@login_required
@alliance_view()
def apply(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """A representative applies for the organisation they act for; a person who represents
    none is told how to get there."""
    organization = request.user.organization  # type: ignore[union-attr]
    if organization is None or not request.user.has_perm("alliances.apply", alliance):
        return render(
            request, "alliances/apply_no_organization.html", {"alliance": alliance}, status=403
        )
    pending = MembershipApplication.objects.for_alliance(alliance).filter(organization=organization)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and attempt(
        request, form,
        lambda: domain.apply_for_membership(
            alliance, organization, actor=request.user, source=Source.WEB,
            tier=form.cleaned_data["tier"], message=form.cleaned_data["message"],
        ),
        _("Your application was sent to the secretariat."),
    ):  # fmt: skip
        return redirect("alliances:apply", slug=alliance.slug)  # it lists the application
    context = {"alliance": alliance, "form": form, "organization": organization,
               "applications": pending.order_by("-created_at")}  # fmt: skip
    return render(request, "alliances/apply.html", context)
