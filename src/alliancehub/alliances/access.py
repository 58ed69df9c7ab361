"""One gate for every alliance page: resolve the alliance from the URL, then check the user's
permission on it (``accounts/rules.py``). Objects are then looked up through the alliance only.

Anonymous visitors are sent to sign in; signed-in users without the permission get 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from .models import Alliance

View = Callable[..., HttpResponseBase]


def alliance_view(permission: str | None = None) -> Callable[[View], View]:
    """Decorate a view taking ``slug``: it receives ``alliance`` instead, after the check."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            alliance = get_object_or_404(
                Alliance.objects.select_related("region__parent", "supervising_body"), slug=slug
            )
            if permission and not request.user.has_perm(permission, alliance):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, alliance, *args, **kwargs)

        return wrapper

    return decorator


def can(request: HttpRequest, permission: str, alliance: Alliance) -> bool:
    return bool(request.user.has_perm(permission, alliance))
