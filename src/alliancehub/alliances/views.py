from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .domain.queries import alliances_with_member_counts, roster
from .models import Alliance


def alliance_list(request: HttpRequest) -> HttpResponse:
    alliances = alliances_with_member_counts(timezone.localdate())
    return render(request, "alliances/alliance_list.html", {"alliances": alliances})


def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An alliance's public page: who it is and its member units by tier, today or on a date."""
    alliance = get_object_or_404(
        Alliance.objects.select_related("region__parent", "supervising_body"), slug=slug
    )
    try:
        day = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        day = timezone.localdate()
    context = {"alliance": alliance, "day": day, "roster": roster(alliance, day)}
    return render(request, "alliances/alliance_detail.html", context)
