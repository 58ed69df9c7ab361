"""Governance pages everyone or every member reads: council, charter, meetings, votes, minutes."""

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..accounts.rules import represented_organization_ids
from ..alliances.access import alliance_view
from ..alliances.domain.membership import current_membership
from ..alliances.models import Alliance, DuesPeriod, MembershipApplication
from ..common.domain.audit import Source
from ..common.markdown import render_markdown
from ..common.pagination import CappedCountPaginator
from ..organizations.models import Organization
from .domain import charter as charters
from .domain import council, voting
from .enums import CharterStatus, MinutesStatus, MotionStatus
from .forms import VoteForm
from .models import AgendaItem, CharterVersion, Meeting, Minutes, Motion, Resolution, Vote

PRIVATE = "alliances.view_private"


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@alliance_view()
def council_page(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The council on a day (today by default): offices from the chair down, the rotation."""
    day = _day(request)
    context = {
        "alliance": alliance, "day": day, "council": council.council_on(alliance, day),
        "term": council.term_on(alliance, day),
        "rotation": council.rotation_schedule(alliance).order_by("starts_on"),
        "rotating_chair": council.rotating_chair_on(alliance, day),
    }  # fmt: skip
    return render(request, "governance/council.html", context)


@alliance_view()
def charter_page(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    current = charters.current_charter(alliance)
    adopted = CharterVersion.objects.for_alliance(alliance).filter(status=CharterStatus.ADOPTED)
    context = {
        "alliance": alliance, "version": current,
        "html": render_markdown(current.text) if current else "",
        "versions": adopted.order_by("-number"),
    }  # fmt: skip
    return render(request, "governance/charter.html", context)


def _visible_versions(request: HttpRequest, alliance: Alliance) -> "QuerySet[CharterVersion]":
    return charters.visible_versions(alliance, request.user)


@alliance_view()
def charter_version(request: HttpRequest, alliance: Alliance, number: int) -> HttpResponse:
    version = get_object_or_404(_visible_versions(request, alliance), number=number)
    context = {"alliance": alliance, "version": version, "html": render_markdown(version.text)}
    return render(request, "governance/charter_version.html", context)


@alliance_view()
def charter_compare(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Two versions side by side (``?a=1&b=2``; by default the latest, or ``b``, against the
    charter in force)."""
    versions = list(_visible_versions(request, alliance).order_by("number"))
    by_number = {v.number: v for v in versions}
    try:
        new = by_number[int(request.GET["b"])] if "b" in request.GET else versions[-1]
        in_force = charters.current_charter(alliance)
        earlier = versions[: versions.index(new)]
        default_old = in_force if in_force and in_force != new else earlier[-1]
        old = by_number[int(request.GET["a"])] if "a" in request.GET else default_old
    except (KeyError, ValueError, IndexError) as error:
        raise Http404(_("Choose two versions of this alliance's charter.")) from error
    context = {"alliance": alliance, "old": old, "new": new, "versions": versions,
               "rows": charters.side_by_side(old.text, new.text)}  # fmt: skip
    return render(request, "governance/charter_compare.html", context)


@alliance_view()
def charter_pdf(request: HttpRequest, alliance: Alliance, number: int) -> FileResponse:
    """The signed charter, as visible as its version (adopted: public; draft: secretariat)."""
    version = get_object_or_404(_visible_versions(request, alliance), number=number)
    if not version.signed_pdf:
        raise Http404
    return FileResponse(
        version.signed_pdf.open("rb"), filename=Path(version.signed_pdf.name or "charter.pdf").name
    )


@alliance_view(PRIVATE)
def agenda_document(request: HttpRequest, alliance: Alliance, pk: int) -> FileResponse:
    """A meeting paper: for the alliance's members only, so it is never served as a public file."""
    item = get_object_or_404(AgendaItem.objects.for_alliance(alliance), pk=pk)
    if not item.document:
        raise Http404
    name = Path(item.document.name or "document").name
    return FileResponse(item.document.open("rb"), as_attachment=True, filename=name)


@alliance_view(PRIVATE)
def meeting_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    meetings = (
        Meeting.objects.for_alliance(alliance)
        .select_related("term", "minutes")
        .annotate(motion_count=Count("motions"))
        .order_by("-held_on", "-id")
    )
    page = CappedCountPaginator(meetings, 50).get_page(request.GET.get("page"))
    return render(request, "governance/meeting_list.html", {"alliance": alliance, "page": page})


@alliance_view(PRIVATE)
def meeting_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.for_alliance(alliance).select_related("term"), pk=pk
    )
    motions = meeting.motions.select_related("resolution", "charter_version").prefetch_related(
        "candidates__organization", "tier_changes__organization"
    )
    context = {
        "alliance": alliance, "meeting": meeting, "motions": motions,
        "attendance": meeting.attendance.select_related("organization"),
        "agenda": meeting.agenda.all(),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "entitled": len(voting.entitled_ids(meeting)), "present": len(voting.present_ids(meeting)),
    }  # fmt: skip
    return render(request, "governance/meeting_detail.html", context)


def _voting_units(request: HttpRequest, alliance: Alliance) -> set[int]:
    if not request.user.has_perm("alliances.act_as_member", alliance):
        return set()
    return represented_organization_ids(request.user, alliance)


@alliance_view(PRIVATE)
def motion_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """A motion: its text, the member's ballot while voting is open, the result once closed."""
    motion = get_object_or_404(
        Motion.objects.for_alliance(alliance).select_related("meeting__term", "charter_version"),
        pk=pk,
    )
    units = _voting_units(request, alliance)
    voted = set(
        Vote.objects.filter(motion=motion, organization_id__in=units).values_list(
            "organization_id", flat=True
        )
    )
    unit_id = next(iter(sorted(units - voted)), None)
    form = VoteForm(request.POST or None, motion=motion)
    if request.method == "POST":
        if unit_id is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                voting.cast_vote(
                    motion, Organization.objects.get(pk=unit_id), actor=request.user, source=Source.WEB,
                    choice=form.cleaned_data.get("choice", ""),
                    candidates=list(form.cleaned_data.get("candidates") or []),
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your vote was counted."))
                return redirect("governance:motion", slug=alliance.slug, pk=motion.pk)
    named_votes = []
    if motion.ballot == "named" and motion.status not in (MotionStatus.DRAFT, MotionStatus.OPEN):
        named_votes = list(
            motion.votes.select_related("organization").prefetch_related("candidates")
        )
    context = {
        "alliance": alliance, "motion": motion, "form": form, "can_vote": unit_id is not None,
        "has_voted": bool(voted), "named_votes": named_votes,
        # While voting is open the order must not hint at the running count (secret ballots).
        "candidates": motion.candidates.select_related("organization").order_by(
            *(("id",) if motion.status in (MotionStatus.DRAFT, MotionStatus.OPEN) else ("-votes", "id"))
        ),
        "tier_changes": motion.tier_changes.select_related("organization"),
        "resolution": Resolution.objects.filter(motion=motion).first(),
        "ballots_cast": motion.votes.count(),
    }  # fmt: skip
    return render(request, "governance/motion_detail.html", context)


@alliance_view(PRIVATE)
def minutes_page(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.for_alliance(alliance).select_related("term"), pk=pk
    )
    minutes = get_object_or_404(Minutes, meeting=meeting)
    manages = request.user.has_perm("alliances.manage", alliance)
    if minutes.status != MinutesStatus.APPROVED and not manages:
        raise Http404(_("The minutes have not been approved yet."))
    context = {"alliance": alliance, "meeting": meeting, "minutes": minutes,
               "html": render_markdown(minutes.text)}  # fmt: skip
    return render(request, "governance/minutes.html", context)


@alliance_view(PRIVATE)
def minutes_export(
    request: HttpRequest, alliance: Alliance, pk: int, extension: str
) -> HttpResponse:
    """The minutes as PDF or DOCX (a draft only for the secretariat)."""
    from .domain import documents

    if extension not in ("pdf", "docx"):
        raise Http404
    meeting = get_object_or_404(
        Meeting.objects.for_alliance(alliance).select_related("term"), pk=pk
    )
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting__alliance"), meeting=meeting
    )
    if minutes.status != MinutesStatus.APPROVED and not request.user.has_perm(
        "alliances.manage", alliance
    ):
        raise Http404(_("The minutes have not been approved yet."))
    if extension == "pdf":
        data, content_type = documents.minutes_pdf(minutes), "application/pdf"
    else:
        data = documents.minutes_docx(minutes)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=content_type)
    filename = documents.minutes_filename(minutes, extension)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@alliance_view("alliances.act_as_member")
def portal(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The member portal: the units one represents, their standing, open votes, applications."""
    units = list(
        Organization.objects.filter(pk__in=represented_organization_ids(request.user, alliance))
    )
    memberships = [(unit, current_membership(alliance, unit)) for unit in units]
    open_motions = (
        Motion.objects.for_alliance(alliance).filter(status=MotionStatus.OPEN)
        .select_related("meeting__term")
        .prefetch_related(Prefetch("votes", Vote.objects.filter(organization__in=units), to_attr="own_votes"))
    )  # fmt: skip
    context = {
        "alliance": alliance, "memberships": memberships, "open_motions": open_motions,
        "applications": MembershipApplication.objects.for_alliance(alliance)
        .filter(organization__in=units).order_by("-created_at"),
        "meetings": Meeting.objects.for_alliance(alliance).select_related("term")
        .filter(held_on__gte=timezone.localdate()).order_by("held_on")[:5],
        "dues": DuesPeriod.objects.for_alliance(alliance).filter(organization__in=units).order_by("-due_on"),
    }  # fmt: skip
    return render(request, "governance/portal.html", context)
