"""Governance pages everyone or every member reads: council, charter, meetings, votes, minutes."""

from fractions import Fraction
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..accounts.rules import represented_organization_ids
from ..alliances.access import alliance_view
from ..alliances.domain.membership import current_membership
from ..alliances.models import Alliance, DuesPeriod, MembershipApplication
from ..common.dates import date_or_today
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


@alliance_view()
def council_page(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The council on a day (today by default): offices from the chair down, the rotation."""
    day = date_or_today(request.GET.get("on"))
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
        "own_heading": bool(current and current.text.lstrip().startswith("# ")),
        "versions": adopted.order_by("-number"),
    }  # fmt: skip
    return render(request, "governance/charter.html", context)


def _visible_versions(request: HttpRequest, alliance: Alliance) -> "QuerySet[CharterVersion]":
    return charters.visible_versions(alliance, request.user)


@alliance_view()
def charter_version(request: HttpRequest, alliance: Alliance, number: int) -> HttpResponse:
    version = get_object_or_404(_visible_versions(request, alliance), number=number)
    context = {"alliance": alliance, "version": version, "html": render_markdown(version.text),
               "own_heading": version.text.lstrip().startswith("# ")}  # fmt: skip
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
    """A motion: its text; while voting is open, the member's ballot and, for the secretariat,
    who has voted and a form to record a unit's vote (a show of hands, a paper ballot); the
    result once closed."""
    motion = get_object_or_404(
        Motion.objects.for_alliance(alliance).select_related("meeting__term", "charter_version"),
        pk=pk,
    )
    manages = request.user.has_perm("alliances.manage", alliance)
    own_units = _voting_units(request, alliance)
    own_votes = list(
        motion.votes.filter(organization_id__in=own_units).prefetch_related("candidates")
    )
    unit_id = next(iter(sorted(own_units - {v.organization_id for v in own_votes})), None)
    voted_ids = set(motion.votes.values_list("organization_id", flat=True))
    waiting = motion.present_units.exclude(pk__in=voted_ids).order_by("name")
    recorder = manages and motion.status == MotionStatus.OPEN
    form = VoteForm(
        request.POST or None, motion=motion, units=waiting if recorder and unit_id is None else None
    )
    if request.method == "POST":
        voter = form.cleaned_data.get("unit") if "unit" in form.fields and form.is_valid() else None
        if voter is None and unit_id is None:
            raise PermissionDenied
        if form.is_valid():
            unit = voter or Organization.objects.get(pk=unit_id or 0)
            try:
                voting.cast_vote(
                    motion, unit, actor=request.user,
                    source=Source.WEB, choice=form.cleaned_data.get("choice", ""),
                    candidates=list(form.cleaned_data.get("candidates") or []),
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = (
                    _("The vote of {unit} was recorded.").format(unit=voter)
                    if voter
                    else _("Your vote was counted.")
                )
                messages.success(request, message)
                return redirect("governance:motion", slug=alliance.slug, pk=motion.pk)
    closed = motion.status not in (MotionStatus.DRAFT, MotionStatus.OPEN)
    named_votes = []
    if motion.ballot == "named" and closed:
        named_votes = list(
            motion.votes.select_related("organization").prefetch_related("candidates")
        )
    needed = None
    if closed and motion.threshold and motion.present_count is not None:
        needed = voting.votes_needed(
            motion.present_count, Fraction(motion.threshold), strict=motion.threshold_strict
        )
    context = {
        "alliance": alliance, "motion": motion, "form": form, "closed": closed,
        "can_vote": unit_id is not None, "can_record": recorder and unit_id is None and waiting.exists(),
        "own_votes": own_votes, "named_votes": named_votes, "votes_needed": needed,
        "voted_units": Organization.objects.filter(pk__in=voted_ids).order_by("name") if manages else [],
        "waiting_units": waiting if manages else [],
        # While voting is open the order must not hint at the running count (secret ballots).
        "candidates": motion.candidates.select_related("organization").order_by(
            *(("-votes", "id") if closed else ("id",))
        ),
        "tier_changes": motion.tier_changes.select_related("organization"),
        "resolution": Resolution.objects.filter(motion=motion).first(),
        "ballots_cast": len(voted_ids),
    }  # fmt: skip
    return render(request, "governance/motion_detail.html", context)


def _readable_minutes(request: HttpRequest, alliance: Alliance, pk: int) -> Minutes:
    """The minutes of the alliance's meeting ``pk``: approved ones for its members, drafts for
    the secretariat only."""
    minutes = get_object_or_404(
        Minutes.objects.for_alliance(alliance).select_related("meeting__alliance", "meeting__term"),
        meeting_id=pk,
    )
    if minutes.status != MinutesStatus.APPROVED and not request.user.has_perm(
        "alliances.manage", alliance
    ):
        raise Http404(_("The minutes have not been approved yet."))
    return minutes


@alliance_view(PRIVATE)
def minutes_page(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    minutes = _readable_minutes(request, alliance, pk)
    context = {"alliance": alliance, "meeting": minutes.meeting, "minutes": minutes,
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
    minutes = _readable_minutes(request, alliance, pk)
    with translation.override(minutes.language):  # the document's language, not the reader's
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
