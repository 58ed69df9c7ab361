"""Site-level pages that draw on several apps (the apps themselves never import each other's
views; ``common`` stays plumbing)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .organizations.domain.queries import registry_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", registry_figures())
