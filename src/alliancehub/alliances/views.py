from datetime import date

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .domain.queries import roster
from .models import Alliance


def alliance_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    alliances = Alliance.objects.select_related("region").annotate(
        member_count=Count(
            "memberships",
            filter=Q(memberships__valid_from__lte=today)
            & (Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today)),
        )
    )
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
