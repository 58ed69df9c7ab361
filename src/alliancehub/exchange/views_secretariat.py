"""The secretariat's exchange pages: reviewing the posts addressed to the alliance, the
review setting, and the introductions' figures.

Every view goes through ``alliance_view("alliances.manage")`` and looks listings up through
the alliance.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..chains.domain.names import localized
from ..chains.models import Link
from .domain import introductions, posts
from .enums import ListingStatus, PostStatus
from .forms import ExchangeSettingsForm, RejectListingForm
from .models import ExchangeSettings, Listing
from .views import WEB, refusal

MANAGE = "alliances.manage"


def _review_page(
    request: HttpRequest, alliance: Alliance, rejecting: tuple[int, RejectListingForm] | None = None
) -> HttpResponse:
    links = Link.objects.select_related("chain").order_by("chain__slug", "order")
    pending = (
        Listing.objects.filter(
            alliance=alliance, status=ListingStatus.PENDING, post__status=PostStatus.PENDING_REVIEW
        )
        .select_related("post__organization", "post__region__parent")
        .prefetch_related(Prefetch("post__links", queryset=links))
        .order_by("id")
    )
    row = ExchangeSettings.objects.filter(alliance=alliance).first()
    context = {
        "alliance": alliance,
        "pending": pending,
        "settings_form": ExchangeSettingsForm(
            initial={"review_required": bool(row and row.review_required)}
        ),
        "reject_form": RejectListingForm(),
        "rejecting": rejecting,
    }
    return render(request, "exchange/review.html", context, status=400 if rejecting else 200)


@alliance_view(MANAGE)
def review(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The posts waiting for the alliance's approval."""
    return _review_page(request, alliance)


@require_POST
@alliance_view(MANAGE)
def review_listing(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Approve (``approve=1``) or reject, with a reason, a post addressed to the alliance."""
    listing = get_object_or_404(Listing.objects.filter(alliance=alliance), pk=pk)
    approve = request.POST.get("approve") == "1"
    reason = ""
    if not approve:
        form = RejectListingForm(request.POST)
        if not form.is_valid():
            return _review_page(request, alliance, rejecting=(listing.pk, form))
        reason = form.cleaned_data["reason"]
    try:
        posts.review_listing(
            listing, approve=approve, actor=request.user, source=WEB, reason=reason
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(
            request, _("The post was approved.") if approve else _("The post was rejected.")
        )
    return redirect("exchange:review", slug=alliance.slug)


@transaction.atomic
@require_POST
@alliance_view(MANAGE)
def review_settings(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    form = ExchangeSettingsForm(request.POST)
    required = form.is_valid() and form.cleaned_data["review_required"]
    if posts.set_review_required(alliance, required, actor=request.user, source=WEB):
        messages.success(request, _("The setting was saved."))
    return redirect("exchange:review", slug=alliance.slug)


@alliance_view(MANAGE)
def figures(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Acceptance and deal rates of the introductions asked from the alliance's posts."""
    found = introductions.rates(alliance)
    rows = found["by_link"]
    named = {
        link.key: link
        for link in Link.objects.filter(
            chain__slug__in={r["post__links__chain__slug"] for r in rows},
            code__in={r["post__links__code"] for r in rows},
        ).select_related("chain")
    }
    for row in rows:
        key = f"{row['post__links__chain__slug']}:{row['post__links__code']}"
        link = named.get(key)
        row["chain"] = localized(link.chain) if link else row["post__links__chain__slug"]
        row["link"] = localized(link) if link else row["post__links__name"]
    context = {"alliance": alliance, "overall": found["overall"], "by_link": rows}
    return render(request, "exchange/figures.html", context)
