"""What every events page shares: finding an event the viewer may see (404 otherwise, so a
members-only event of another alliance is not even confirmed to exist), an event of the
alliance in the URL for the secretariat, and turning a domain refusal into form errors."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..alliances.models import Alliance
from ..common.domain.audit import Source
from .models import Event

WEB = Source.WEB
MANAGE = "events.manage"
T = TypeVar("T")


def visible_event(request: HttpRequest, pk: int) -> Event:
    """The event ``pk`` if ``events.view`` lets the viewer open it; 404 otherwise."""
    event = get_object_or_404(Event.objects.select_related("alliance", "part_of__alliance"), pk=pk)
    if not request.user.has_perm("events.view", event):
        raise Http404
    return event


def managed_event(alliance: Alliance, pk: int) -> Event:
    """Event ``pk`` of ``alliance`` (the secretariat's pages, after ``alliance_view``)."""
    return get_object_or_404(Event.objects.for_alliance(alliance).select_related("alliance"), pk=pk)


def as_id(value: str | None) -> int | None:
    """A posted id as a number, or ``None`` for anything that cannot be one (text, a number
    too large for the database)."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value) or None


def refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You are not allowed to do this.")


def attempt(form: BaseForm, action: Callable[[], T]) -> T | None:
    """Run a domain action for a valid form; its refusal becomes the form's errors (field
    errors where the domain names a field of the form), and nothing is saved."""
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    except PermissionDenied as error:
        form.add_error(None, refusal(error))
    return None


def posted_text(form: BaseForm, name: str) -> str:
    """The cleaned text field ``name``, or "" when it was left empty, so that the domain
    function says what is missing in its own words; any other fault of the field (too long)
    is raised as the form's own ``ValidationError``."""
    if form.is_valid():
        return str(form.cleaned_data[name])
    if not form.has_error(name) or form.has_error(name, "required"):
        return ""
    raise ValidationError(form.errors[name].as_data())


def sign_in_or_forbid(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors are sent to sign in; signed-in users without the right get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def form_errors(form: BaseForm) -> str:
    """Every error of an invalid form in one line, for a message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def status_for(form: BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200
