"""The talent board's and the financing board's pages (``domain.boards``).

Talent: anyone reads the open positions and applies; a member organisation's people post and
close positions and move their candidates along; the secretariat follows the activity.

Financing: needs are read only through ``boards.visible_needs`` (what a viewer may not see is
not found); the list is refused to anyone who is neither the secretariat, a financial
institution of the alliance, nor a member organisation's person.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.pagination import CappedCountPaginator
from ..organizations.models import Organization
from .domain import access, boards
from .enums import ApplicationStatus, BoardStatus, ResponseStatus
from .forms_boards import (
    ApplicationForm,
    ApplicationStatusForm,
    JobPostingForm,
    NeedFilterSet,
    NeedForm,
    PostingFilterSet,
    ResponseForm,
)
from .models import FinancingNeed, FinancingResponse, JobApplication, JobPosting
from .views import WEB, attempt, nav_context, refusal

MANAGE = "alliances.manage"


def _own_id(request: HttpRequest) -> int | None:
    """The organisation the viewer acts for on the boards (as the domain reads it)."""
    return getattr(request.user, "organization_id", None)


def _page(request: HttpRequest, queryset: QuerySet[Any]) -> Any:
    return CappedCountPaginator(queryset, 25).get_page(request.GET.get("page"))


# --- Talent -----------------------------------------------------------------------------------


@alliance_view()
def posting_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The open positions, by chain link and place of work."""
    filterset = PostingFilterSet(request.GET or None, queryset=boards.open_postings(alliance))
    page = _page(request, filterset.qs.order_by("-created_at", "-id"))
    context = {**nav_context(request, alliance), "filter": filterset, "page": page}
    return render(request, "memberservices/boards/postings.html", context)


def _posting(request: HttpRequest, alliance: Alliance, pk: int) -> JobPosting:
    """An open posting; a closed or expired one only for its organisation and the secretariat."""
    found = boards.visible_postings(request.user, alliance)
    return get_object_or_404(found.select_related("organization", "region", "link__chain"), pk=pk)


@alliance_view()
def posting_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """A position and the form to apply for it (anyone, signed in or not)."""
    posting = _posting(request, alliance, pk)
    user = request.user
    initial = {"name": user.get_full_name(), "email": user.email} if user.is_authenticated else {}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = attempt(form, lambda: boards.apply_for_job(
            posting, form.cleaned_data, actor=user, source=WEB
        ))  # fmt: skip
        if made is not None:
            messages.success(request, _("Your application was sent to {organization}.").format(
                organization=posting.organization.display_name))  # fmt: skip
            return redirect("memberservices:posting", slug=alliance.slug, pk=posting.pk)
    context = {
        **nav_context(request, alliance), "posting": posting, "form": form,
        "own": posting.organization_id == _own_id(request),
        "open": posting.status == BoardStatus.OPEN
        and posting.valid_until >= timezone.localdate(),
    }  # fmt: skip
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "memberservices/boards/posting.html", context, status=status)


@login_required
@alliance_view()
def posting_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    if boards.member_organization(request.user, alliance) is None:
        raise PermissionDenied(_("Only a member organisation of the alliance may do this."))
    form = JobPostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = attempt(form, lambda: boards.post_job(
            alliance, form.cleaned_data, actor=request.user, source=WEB
        ))  # fmt: skip
        if made is not None:
            messages.success(request, _("The position is on the talent board."))
            return redirect("memberservices:posting", slug=alliance.slug, pk=made.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {**nav_context(request, alliance), "form": form}
    return render(request, "memberservices/boards/posting_form.html", context, status=status)


@login_required
@alliance_view()
def postings_mine(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The viewer's organisation's positions, open or not, with their applications."""
    own = _own_id(request)
    if own is None:
        raise PermissionDenied(_("Only a member organisation of the alliance may do this."))
    postings = (
        JobPosting.objects.for_alliance(alliance).filter(organization_id=own)
        .select_related("region", "link__chain")
        .annotate(received=Count("applications")).order_by("-created_at", "-id")
    )  # fmt: skip
    context = {**nav_context(request, alliance), "page": _page(request, postings),
               "today": timezone.localdate()}  # fmt: skip
    return render(request, "memberservices/boards/postings_mine.html", context)


def _own_posting(request: HttpRequest, alliance: Alliance, pk: int) -> JobPosting:
    """One of the viewer's organisation's postings (anyone else's: not found)."""
    own = _own_id(request)
    if own is None:
        raise Http404
    found = JobPosting.objects.for_alliance(alliance).filter(organization_id=own)
    return get_object_or_404(found.select_related("organization"), pk=pk)


@require_POST
@login_required
@alliance_view()
def posting_close(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    posting = _own_posting(request, alliance, pk)
    try:
        boards.close_job(posting, actor=request.user, source=WEB)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("The position was closed."))
    return redirect("memberservices:posting", slug=alliance.slug, pk=posting.pk)


@login_required
@alliance_view()
def posting_applications(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The candidates for one of the organisation's positions, each with its status."""
    posting = _own_posting(request, alliance, pk)
    rows = [
        (application, ApplicationStatusForm(initial={"status": application.status},
                                            auto_id=f"id_%s_{application.pk}"))
        for application in JobApplication.objects.filter(posting=posting)
    ]  # fmt: skip
    context = {**nav_context(request, alliance), "posting": posting, "rows": rows}
    return render(request, "memberservices/boards/applications.html", context)


@require_POST
@login_required
@alliance_view()
def application_status(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    own = _own_id(request)
    if own is None:
        raise Http404
    found = JobApplication.objects.for_alliance(alliance).filter(posting__organization_id=own)
    application = get_object_or_404(found, pk=pk)
    form = ApplicationStatusForm(request.POST)
    if form.is_valid():
        boards.set_application_status(application, form.cleaned_data["status"],
                                      actor=request.user, source=WEB)  # fmt: skip
        label = ApplicationStatus(form.cleaned_data["status"]).label
        messages.success(request, _("{name} is now “{status}”.").format(
            name=application.name, status=label))  # fmt: skip
    else:
        messages.error(request, _("Choose a status."))
    return redirect("memberservices:posting-applications", slug=alliance.slug,
                    pk=application.posting_id)  # fmt: skip


@alliance_view(MANAGE)
def talent_activity(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    activity = boards.talent_activity(alliance)
    by_status = [(label, activity["applications_by_status"][value])
                 for value, label in ApplicationStatus.choices]  # fmt: skip
    context = {**nav_context(request, alliance), "activity": activity, "by_status": by_status}
    return render(request, "memberservices/boards/talent_activity.html", context)


# --- Financing --------------------------------------------------------------------------------


def financing_roles(request: HttpRequest, alliance: Alliance) -> dict[str, Any]:
    """What the viewer is on the financing board: secretariat, institution, member."""
    user = request.user
    secretariat = access.is_secretariat(user, alliance)
    institution = None if secretariat else boards.institution_of(user, alliance)
    member = None if secretariat or institution else boards.member_organization(user, alliance)
    return {"secretariat": secretariat, "institution": institution, "member": member}


def _context(request: HttpRequest, alliance: Alliance, roles: dict[str, Any]) -> dict[str, Any]:
    return {**nav_context(request, alliance), "roles": roles,
            "is_institution": roles["institution"] is not None}  # fmt: skip


def _answers() -> Coalesce:
    count = (
        FinancingResponse.objects.filter(need=OuterRef("pk")).order_by().values("need")
        .annotate(n=Count("id")).values("n")
    )  # fmt: skip
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


@login_required
@alliance_view()
def need_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The needs the viewer may see: all (secretariat), the open ones (institutions), its own
    organisation's (member)."""
    roles = financing_roles(request, alliance)
    if not boards.takes_part(request.user, alliance):
        raise PermissionDenied(_("The financing board is for the alliance's members and financial institutions."))  # fmt: skip
    needs = boards.visible_needs(request.user, alliance).select_related("link__chain")
    needs = needs.annotate(answers=_answers())
    if roles["institution"] is not None:
        mine = FinancingResponse.objects.filter(need=OuterRef("pk"),
                                                institution=roles["institution"])  # fmt: skip
        needs = needs.annotate(my_answer=Subquery(mine.values("status")[:1]))
    filterset = NeedFilterSet(request.GET or None, queryset=needs)
    page = _page(request, filterset.qs.order_by("-created_at", "-id"))
    labels = dict(ResponseStatus.choices)
    for need in page.object_list:
        need.my_answer_label = labels.get(getattr(need, "my_answer", None) or "", "")
    context = {**_context(request, alliance, roles), "filter": filterset, "page": page}
    return render(request, "memberservices/boards/needs.html", context)


@login_required
@alliance_view()
def need_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    roles = financing_roles(request, alliance)
    if boards.member_organization(request.user, alliance) is None:
        raise PermissionDenied(_("Only a member organisation of the alliance may do this."))
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = attempt(form, lambda: boards.file_need(
            alliance, form.cleaned_data, actor=request.user, source=WEB
        ))  # fmt: skip
        if made is not None:
            messages.success(request, _("The need was sent to the alliance's financial institutions."))  # fmt: skip
            return redirect("memberservices:need", slug=alliance.slug, pk=made.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {**_context(request, alliance, roles), "form": form}
    return render(request, "memberservices/boards/need_form.html", context, status=status)


def _need(request: HttpRequest, alliance: Alliance, pk: int) -> FinancingNeed:
    visible = boards.visible_needs(request.user, alliance).select_related("link__chain")
    return get_object_or_404(visible, pk=pk)


def _need_page(request: HttpRequest, alliance: Alliance, need: FinancingNeed,
               form: ResponseForm | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    roles = financing_roles(request, alliance)
    own = need.organization_id == _own_id(request)
    responses = boards.visible_responses(request.user, alliance).filter(need=need)
    responses = responses.select_related("institution")
    institution: Organization | None = roles["institution"]
    answered = None
    if institution is not None and not own:
        answered = responses.filter(institution=institution).first()
    # An institution answers an open need, and moves its answer on even once it is closed.
    can_answer = (
        institution is not None
        and not own
        and (need.status == BoardStatus.OPEN or answered is not None)
    )
    if can_answer and form is None:
        form = ResponseForm(initial={"status": answered.status if answered else None,
                                     "message": answered.message if answered else ""})  # fmt: skip
    context = {
        **_context(request, alliance, roles), "need": need, "own": own,
        "responses": responses, "form": form, "can_answer": can_answer, "answered": answered,
    }  # fmt: skip
    return render(request, "memberservices/boards/need.html", context, status=status)


@login_required
@alliance_view()
def need_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    return _need_page(request, alliance, _need(request, alliance, pk))


@require_POST
@login_required
@alliance_view()
def need_respond(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """An institution answers, or moves its answer on (the message is kept when left empty)."""
    need = _need(request, alliance, pk)
    form = ResponseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            boards.respond(need, status=data["status"], message=data["message"],
                           actor=request.user, source=WEB)  # fmt: skip
        except PermissionDenied as error:  # not an institution: it has no form to show it on
            messages.error(request, refusal(error))
            return redirect("memberservices:need", slug=alliance.slug, pk=need.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer was sent to {organization}.").format(
                organization=need.organization.display_name))  # fmt: skip
            return redirect("memberservices:need", slug=alliance.slug, pk=need.pk)
    return _need_page(request, alliance, need, form, status=400)


@require_POST
@login_required
@alliance_view()
def need_close(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    need = _need(request, alliance, pk)
    try:
        boards.close_need(need, actor=request.user, source=WEB)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("The need was closed."))
    return redirect("memberservices:need", slug=alliance.slug, pk=need.pk)


@alliance_view(MANAGE)
def financing_pipeline(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Needs, amounts and the institutions' answers by stage."""
    found = boards.pipeline(alliance)
    by_status = [(label, found["responses_by_status"][value])
                 for value, label in ResponseStatus.choices]  # fmt: skip
    roles = financing_roles(request, alliance)
    context = {**_context(request, alliance, roles), "pipeline": found, "by_status": by_status}
    return render(request, "memberservices/boards/pipeline.html", context)
