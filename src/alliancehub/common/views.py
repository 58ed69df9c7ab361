from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..organizations.models import Organization, Region


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "organization_count": Organization.objects.count(),
        "region_count": Region.objects.filter(organizations__isnull=False).distinct().count(),
    }
    return render(request, "common/home.html", context)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 as JSON under ``/api/``, as a page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Something went wrong on our side. Please try again later.")}, status=500
        )
    return render(request, "500.html", status=500)
