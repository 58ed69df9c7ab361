"""Member services pages: the catalogue, the requests and their workflow.

Requests are read only through ``domain.access.visible_requests``: what a viewer may not see
is not found (404). Every change goes through ``domain.requests``; a refusal is shown as a
message or on the form.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..accounts.rules import alliance_ids_with_roles
from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.domain.audit import Source
from ..common.pagination import CappedCountPaginator
from ..organizations.models import Organization
from .domain import access, requests
from .domain.assessments import link_help_request, recognition_service, report_of, report_summary
from .domain.catalogue import offered
from .domain.overdue import is_overdue
from .enums import DONE_STATUSES, RequestStatus, ServiceKind
from .filtersets import RequestFilterSet
from .forms import AssignForm, CommentForm, NoteForm, RatingForm, RequestForm
from .models import RequestAttachment, RequestComment, ServiceRequest

WEB = Source.WEB
VIEW_PRIVATE = "alliances.view_private"
S = RequestStatus
T = TypeVar("T")


def refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You are not allowed to do this.")


def attempt(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a domain action; its refusal becomes the form's errors (nothing is saved)."""
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


def nav_context(request: HttpRequest, alliance: Alliance) -> dict[str, Any]:
    """What the member-services tabs need: which tabs the viewer gets."""
    return {
        "alliance": alliance,
        "is_secretariat": access.is_secretariat(request.user, alliance),
        "is_member": bool(access.member_ids(request.user, alliance)),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The alliances whose services the viewer can use, keep, or was assigned work in."""
    ids = alliance_ids_with_roles(request.user)
    organization_id = getattr(request.user, "organization_id", None)
    assigned = Q(assignee=request.user)
    if organization_id:
        assigned |= Q(provider_id=organization_id)
    ids |= set(ServiceRequest.objects.filter(assigned).values_list("alliance_id", flat=True))
    alliances = Alliance.objects.filter(pk__in=ids).order_by("name")
    return render(request, "memberservices/home.html", {"alliances": alliances})


@alliance_view(VIEW_PRIVATE)
def catalogue(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The services offered, by kind, with their providers and target times."""
    services = list(offered(alliance).order_by("kind", "name"))
    groups = [
        (label, [s for s in services if s.kind == kind])
        for kind, label in ServiceKind.choices
        if any(s.kind == kind for s in services)
    ]
    context = {**nav_context(request, alliance), "groups": groups}
    return render(request, "memberservices/catalogue.html", context)


def listed(queryset: Any) -> Any:
    """What a row of the request list reads, in a fixed number of queries."""
    return queryset.select_related("service", "organization", "assignee", "provider")


@login_required
@alliance_view()
def request_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The requests the viewer may see: all (secretariat), its organisation's (member), those
    assigned to it (assignee, provider)."""
    visible = listed(access.visible_requests(request.user, alliance))
    filterset = RequestFilterSet(request.GET or None, queryset=visible)
    paginator = CappedCountPaginator(filterset.qs.order_by("-submitted_at", "-id"), 25)
    page = paginator.get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(row, is_overdue(row, now)) for row in page.object_list]
    context = {**nav_context(request, alliance), "filter": filterset, "page": page, "rows": rows}
    return render(request, "memberservices/request_list.html", context)


def _member_units(request: HttpRequest, alliance: Alliance) -> list[Organization]:
    ids = access.member_ids(request.user, alliance)
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def _prefill(request: HttpRequest, alliance: Alliance) -> tuple[dict[str, Any], Any]:
    """Initial values from ``?service=`` and, for a help request, ``?assessment=``."""
    initial: dict[str, Any] = {"service": request.GET.get("service")}
    assessment = None
    if request.GET.get("assessment", "").isdigit():
        assessment = (
            access.visible_assessments(request.user, alliance)
            .filter(pk=int(request.GET["assessment"]), organization_id__in=access.member_ids(
                request.user, alliance))
            .first()
        )  # fmt: skip
    if assessment is not None:
        service = recognition_service(alliance)
        initial.update(
            service=service.pk if service else None,
            organization=assessment.organization_id,
            subject=_("Help with high-tech enterprise recognition"),
            description=report_summary(report_of(assessment)),
        )
    return initial, assessment


@login_required
@alliance_view()
def request_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """A member asks for a service (``?service=`` preselects one; ``?assessment=`` fills in
    a pre-assessment's summary for a recognition-help request)."""
    units = _member_units(request, alliance)
    if not units:
        raise PermissionDenied(_("Only a member's representative may request a service."))
    initial, assessment = _prefill(request, alliance)
    if assessment is None and request.POST.get("assessment", "").isdigit():
        assessment = (
            access.visible_assessments(request.user, alliance)
            .filter(pk=int(request.POST["assessment"])).first()
        )  # fmt: skip
    form = RequestForm(
        request.POST or None, request.FILES or None, initial=initial,
        services=offered(alliance).order_by("kind", "name"), organizations=units,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def submit() -> ServiceRequest:
            made = requests.submit_request(
                data["service"], organization=data["organization"], subject=data["subject"],
                description=data["description"], attachments=data["attachments"],
                actor=request.user, source=WEB,
            )  # fmt: skip
            if assessment is not None and assessment.organization_id == made.organization_id:
                link_help_request(assessment, made, actor=request.user, source=WEB)
            return made

        made = attempt(form, submit)
        if made is not None:
            messages.success(request, _("Your request was sent to the secretariat."))
            return redirect("memberservices:request", slug=alliance.slug, pk=made.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {**nav_context(request, alliance), "form": form, "assessment": assessment}
    return render(request, "memberservices/request_form.html", context, status=status)


def _visible(request: HttpRequest, alliance: Alliance, pk: int) -> ServiceRequest:
    return get_object_or_404(
        access.visible_requests(request.user, alliance).select_related(
            "alliance", "service", "organization", "requested_by", "assignee", "provider"
        ),
        pk=pk,
    )


def _abilities(request: HttpRequest, item: ServiceRequest) -> dict[str, bool]:
    user, status = request.user, item.status
    secretariat = access.is_secretariat(user, item.alliance)
    requester = access.is_requester(user, item)
    assignee = access.is_assignee(user, item)
    return {
        "accept": secretariat and status == S.SUBMITTED,
        "assign": secretariat and status in (S.ACCEPTED, S.IN_PROGRESS),
        "start": (secretariat or assignee) and status == S.ACCEPTED,
        "resolve": (secretariat or assignee) and status == S.IN_PROGRESS,
        "close": (secretariat or requester) and status == S.RESOLVED,
        "reopen": (secretariat or requester) and status in DONE_STATUSES,
        "rate": requester and status in DONE_STATUSES,
        "comment": (secretariat or requester or assignee) and status != S.CLOSED,
    }


def _detail(request: HttpRequest, alliance: Alliance, item: ServiceRequest,
            forms_: dict[str, forms.Form] | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    can = _abilities(request, item)
    comments = RequestComment.objects.filter(request=item).select_related("author")
    bound = forms_ or {}
    context = {
        **nav_context(request, alliance), "item": item, "can": can,
        "overdue": is_overdue(item), "comments": comments,
        "attachments": RequestAttachment.objects.filter(request=item).select_related("uploaded_by"),
        "comment_form": bound.get("comment") or CommentForm(),
        "note_form": NoteForm(),
        "rating_form": bound.get("rating") or RatingForm(
            initial={"rating": item.rating, "comment": item.rating_comment}
        ),
        "assign_form": bound.get("assign") or (AssignForm(
            initial={"assignee": item.assignee_id, "provider": item.provider_id},
            people=access.assignable_people(alliance), providers=item.service.providers.all(),
        ) if can["assign"] else None),
    }  # fmt: skip
    return render(request, "memberservices/request_detail.html", context, status=status)


@login_required
@alliance_view()
def request_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    return _detail(request, alliance, _visible(request, alliance, pk))


ACTIONS: dict[str, tuple[Callable[..., ServiceRequest], Any, bool]] = {
    # action: (domain verb, message, takes a note)
    "accept": (requests.accept_request, gettext_lazy("The request was accepted."), False),
    "start": (requests.start_request, gettext_lazy("Work on the request has started."), False),
    "resolve": (requests.resolve_request, gettext_lazy("The request was resolved."), True),
    "close": (requests.close_request, gettext_lazy("The request was closed."), False),
    "reopen": (requests.reopen_request, gettext_lazy("The request was reopened."), True),
}


@require_POST
@login_required
@alliance_view()
def request_action(request: HttpRequest, alliance: Alliance, pk: int, action: str) -> HttpResponse:
    """Accept, start, resolve, close or reopen (resolve and reopen take an optional note)."""
    item = _visible(request, alliance, pk)
    if action not in ACTIONS:
        return redirect("memberservices:request", slug=alliance.slug, pk=item.pk)
    verb, done, takes_note = ACTIONS[action]
    extra: dict[str, str] = {}
    if takes_note:
        form = NoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        extra = {"note": note} if action == "resolve" else {"reason": note}
    try:
        verb(item, actor=request.user, source=WEB, **extra)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, str(done))
    return redirect("memberservices:request", slug=alliance.slug, pk=item.pk)


@require_POST
@login_required
@alliance_view()
def request_assign(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    item = _visible(request, alliance, pk)
    form = AssignForm(request.POST, people=access.assignable_people(alliance),
                      providers=item.service.providers.all())  # fmt: skip
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: requests.assign_request(
            item, assignee=data["assignee"], provider=data["provider"], actor=request.user,
            source=WEB,
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("The request was assigned."))
            return redirect("memberservices:request", slug=alliance.slug, pk=item.pk)
    return _detail(request, alliance, item, {"assign": form}, status=400)


@require_POST
@login_required
@alliance_view()
def request_comment(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    item = _visible(request, alliance, pk)
    form = CommentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: requests.comment_on_request(
            item, data["body"], attachments=data["attachments"], actor=request.user,
            source=WEB,
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("Your comment was added."))
            return redirect("memberservices:request", slug=alliance.slug, pk=item.pk)
    return _detail(request, alliance, item, {"comment": form}, status=400)


@require_POST
@login_required
@alliance_view()
def request_rate(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    item = _visible(request, alliance, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: requests.rate_request(
            item, score=data["rating"], comment=data["comment"], actor=request.user, source=WEB
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("Thank you for rating the outcome."))
            return redirect("memberservices:request", slug=alliance.slug, pk=item.pk)
    return _detail(request, alliance, item, {"rating": form}, status=400)


@login_required
@alliance_view()
def request_attachment(
    request: HttpRequest, alliance: Alliance, pk: int, attachment: int
) -> FileResponse:
    item = _visible(request, alliance, pk)
    found = get_object_or_404(RequestAttachment.objects.filter(request=item), pk=attachment)
    name = found.name or Path(found.file.name or "attachment").name
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=name)
