"""The secretariat's governance pages: dashboard, terms and offices, charter drafts, meetings,
attendance, agenda, motions (open, close) and minutes. Rules stay in the domain functions."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.domain.dues import unpaid_dues
from ..alliances.domain.membership import members_on
from ..alliances.enums import ApplicationStatus
from ..alliances.models import Alliance, MembershipApplication
from ..alliances.views_secretariat import attempt
from ..common.domain.audit import Source
from .domain import charter as charters
from .domain import council, voting
from .domain import meeting as meetings
from .domain import minutes as minutes_domain
from .domain import voting_rules as rules_domain
from .enums import MeetingStatus, MinutesStatus, MotionKind, MotionStatus
from .forms import (
    AgendaItemForm,
    AppointForm,
    CharterForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    RotationForm,
    TermForm,
    VotingRuleForm,
)  # fmt: skip
from .models import CharterVersion, Meeting, Minutes, Motion, Office, Term

MANAGE = "alliances.manage"
WEB = Source.WEB


@alliance_view(MANAGE)
def dashboard(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """What needs the secretariat: pending applications, unpaid dues, next meetings, open votes."""
    today = timezone.localdate()
    pending = MembershipApplication.objects.for_alliance(alliance).filter(
        status=ApplicationStatus.PENDING
    )
    context = {
        "alliance": alliance,
        "pending": pending.select_related("organization").order_by("created_at")[:10],
        "pending_count": pending.count(),
        "unpaid": unpaid_dues(alliance, today)[:10],
        "unpaid_count": unpaid_dues(alliance, today).count(),
        "meetings": Meeting.objects.for_alliance(alliance).select_related("term")
        .filter(held_on__gte=today).order_by("held_on")[:5],
        "open_motions": Motion.objects.for_alliance(alliance).filter(status=MotionStatus.OPEN)
        .select_related("meeting__term"),
        "draft_minutes": Minutes.objects.for_alliance(alliance).filter(status=MinutesStatus.DRAFT)
        .select_related("meeting__term"),
    }  # fmt: skip
    return render(request, "governance/manage/dashboard.html", context)


@alliance_view(MANAGE)
def terms(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Terms, the offices of the current one, and the rotating chair's schedule."""
    current = Term.objects.for_alliance(alliance).order_by("-number").first()
    forms: dict[str, Form] = {"term": TermForm(prefix="term"), "appoint": AppointForm(prefix="appoint"),
                              "rotation": RotationForm(prefix="rotation")}  # fmt: skip
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in forms:
            form = forms[action] = type(forms[action])(request.POST, prefix=action)
            if attempt(request, form, lambda: _term_action(request, alliance, current, action, form),
                       _("The change was saved.")):  # fmt: skip
                return redirect("governance:terms", slug=alliance.slug)
    context = {
        "alliance": alliance, "current": current, "forms": forms,
        "terms": Term.objects.for_alliance(alliance).order_by("-number"),
        "offices": Office.objects.for_alliance(alliance).select_related("organization", "term", "resolution")
        .order_by("-valid_to", "kind", "valid_from") if current else [],
        "rotation": council.rotation_schedule(alliance).order_by("starts_on"),
        "member_names": members_on(alliance, timezone.localdate())
        .order_by("organization__name").values_list("organization__name", flat=True),
    }  # fmt: skip
    return render(request, "governance/manage/terms.html", context)


def _term_action(
    request: HttpRequest, alliance: Alliance, current: Term | None, action: str, form: Form
) -> None:
    data, actor = form.cleaned_data, request.user
    if action == "term":
        council.start_term(
            alliance, starts_on=data["starts_on"], ends_on=data["ends_on"], actor=actor, source=WEB
        )
        return
    if current is None:
        raise ValidationError(_("Start the first term before appointing anyone."))
    if action == "appoint":
        council.appoint(current, data["kind"], on=data["on"], organization=data["organization"],
                        person=data["person"], person_title=data["person_title"], basis=data["basis"],
                        actor=actor, source=WEB)  # fmt: skip
    else:
        council.add_rotation_slot(current, data["organization"], starts_on=data["starts_on"],
                                  ends_on=data["ends_on"], note=data["note"], actor=actor, source=WEB)  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def end_office(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    office = get_object_or_404(Office.objects.for_alliance(alliance), pk=pk)
    try:
        council.end_office(office, last_day=timezone.localdate(), actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The office was ended."))
    return redirect("governance:terms", slug=alliance.slug)


@alliance_view(MANAGE)
def charter_versions(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    versions = (
        CharterVersion.objects.for_alliance(alliance)
        .select_related("resolution")
        .order_by("-number")
    )
    form = CharterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and attempt(
        request, form,
        lambda: charters.draft_charter(
            alliance, title=form.cleaned_data["title"], text=form.cleaned_data["text"],
            signed_pdf=form.cleaned_data.get("signed_pdf") or None, actor=request.user, source=WEB,
        ),
        _("The draft was saved. Put it to a vote with a charter-amendment motion to adopt it."),
    ):  # fmt: skip
        return redirect("governance:charter-versions", slug=alliance.slug)
    if request.method == "GET" and (latest := versions.first()):
        form = CharterForm(initial={"title": latest.title, "text": latest.text})
    return render(request, "governance/manage/charter_versions.html",
                  {"alliance": alliance, "versions": versions, "form": form})  # fmt: skip


@alliance_view(MANAGE)
def charter_edit(request: HttpRequest, alliance: Alliance, number: int) -> HttpResponse:
    version = get_object_or_404(CharterVersion.objects.for_alliance(alliance), number=number)
    form = CharterForm(request.POST or None, initial={"title": version.title, "text": version.text})
    if request.method == "POST" and attempt(
        request, form,
        lambda: charters.update_draft(version, title=form.cleaned_data["title"], text=form.cleaned_data["text"],
                                      actor=request.user, source=WEB),
        _("The draft was saved."),
    ):  # fmt: skip
        return redirect("governance:charter-versions", slug=alliance.slug)
    return render(request, "governance/manage/charter_edit.html",
                  {"alliance": alliance, "version": version, "form": form})  # fmt: skip


@alliance_view(MANAGE)
def meeting_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    form = MeetingForm(request.POST or None, alliance=alliance)
    created: list[Meeting] = []
    if request.method == "POST" and attempt(
        request, form,
        lambda: created.append(meetings.schedule_meeting(
            alliance, actor=request.user, source=WEB,
            **{k: v for k, v in form.cleaned_data.items() if k != "number"},
            number=form.cleaned_data["number"],
        )),
        _("The meeting was scheduled."),
    ):  # fmt: skip
        return redirect("governance:meeting", slug=alliance.slug, pk=created[0].pk)
    has_term = Term.objects.for_alliance(alliance).exists()
    return render(request, "governance/manage/meeting_form.html",
                  {"alliance": alliance, "form": form, "has_term": has_term})  # fmt: skip


def _meeting(alliance: Alliance, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.for_alliance(alliance).select_related("term"), pk=pk)


@require_POST
@alliance_view(MANAGE)
def meeting_status(request: HttpRequest, alliance: Alliance, pk: int, status: str) -> HttpResponse:
    """Mark a meeting held or cancelled."""
    meeting = _meeting(alliance, pk)
    if status not in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise Http404
    try:
        meetings.set_status(meeting, status, actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The change was saved."))
    return redirect("governance:meeting", slug=alliance.slug, pk=meeting.pk)


@alliance_view(MANAGE)
def attendance(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The attendance sheet: every unit expected at the meeting, ticked when present."""
    meeting = _meeting(alliance, pk)
    expected = meetings.expected_units(meeting)
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        try:
            meetings.record_unit_attendance(meeting, present, actor=request.user, source=WEB)
            for line in filter(
                None, (x.strip() for x in request.POST.get("people", "").splitlines())
            ):
                name, _sep, capacity = line.partition("，" if "，" in line else ",")
                meetings.record_attendance(meeting, person=name, capacity=capacity.strip(),
                                           actor=request.user, source=WEB)  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect("governance:meeting", slug=alliance.slug, pk=meeting.pk)
    present_ids = set(
        meeting.attendance.filter(present=True).values_list("organization_id", flat=True)
    )
    return render(request, "governance/manage/attendance.html",
                  {"alliance": alliance, "meeting": meeting, "expected": expected, "present_ids": present_ids})  # fmt: skip


@alliance_view(MANAGE)
def agenda_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    meeting = _meeting(alliance, pk)
    form = AgendaItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and attempt(
        request, form,
        lambda: meetings.add_agenda_item(meeting, title=form.cleaned_data["title"],
                                         description=form.cleaned_data["description"],
                                         document=form.cleaned_data.get("document"),
                                         actor=request.user, source=WEB),
        _("The agenda item was added."),
    ):  # fmt: skip
        return redirect("governance:meeting", slug=alliance.slug, pk=meeting.pk)
    return render(request, "governance/manage/simple_form.html",
                  {"alliance": alliance, "meeting": meeting, "form": form, "title": _("Add an agenda item")})  # fmt: skip


@alliance_view(MANAGE)
def motion_create(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    meeting = _meeting(alliance, pk)
    form = MotionForm(request.POST or None, alliance=alliance)
    created: list[Motion] = []

    def propose() -> None:
        data = form.cleaned_data
        created.append(voting.propose_motion(
            meeting, kind=data["kind"], title=data["title"], text=data["text"], ballot=data["ballot"],
            office=data.get("office") or "", seats=data.get("seats"),
            charter_version=data.get("charter_version"), tier_changes=data.get("tier_changes"),
            candidates=data.get("candidate_list"), actor=request.user, source=WEB,
        ))  # fmt: skip

    if request.method == "POST" and attempt(request, form, propose, _("The motion was tabled.")):
        return redirect("governance:motion", slug=alliance.slug, pk=created[0].pk)
    return render(request, "governance/manage/motion_form.html",
                  {"alliance": alliance, "meeting": meeting, "form": form})  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def motion_transition(request: HttpRequest, alliance: Alliance, pk: int, step: str) -> HttpResponse:
    """Open or close the vote on a motion."""
    if step not in ("open", "close"):
        raise Http404
    motion = get_object_or_404(Motion.objects.for_alliance(alliance), pk=pk)
    action: Any = voting.open_voting if step == "open" else voting.close_voting
    try:
        motion = action(motion, actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Voting is open.") if step == "open" else
                         _("Voting is closed: {status}.").format(status=motion.get_status_display()))  # fmt: skip
    return redirect("governance:motion", slug=alliance.slug, pk=motion.pk)


@alliance_view(MANAGE)
def minutes_edit(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Draft the minutes from the record, edit them, approve them."""
    meeting = _meeting(alliance, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    form = MinutesForm(request.POST or None, initial={"text": minutes.text if minutes else ""})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "draft" or minutes is None:
                language = request.POST.get("language") or None
                minutes_domain.draft_minutes(
                    meeting, actor=request.user, source=WEB, language=language
                )
                messages.success(request, _("The minutes were drafted from the meeting record."))
                return redirect("governance:minutes-edit", slug=alliance.slug, pk=meeting.pk)
            if action == "approve":
                if form.is_valid() and form.cleaned_data["text"] != minutes.text:
                    minutes_domain.edit_minutes(
                        minutes, text=form.cleaned_data["text"], actor=request.user, source=WEB
                    )  # what the secretary sees is what gets approved
                minutes_domain.approve_minutes(minutes, actor=request.user, source=WEB)
                messages.success(request, _("The minutes were approved."))
                return redirect("governance:minutes", slug=alliance.slug, pk=meeting.pk)
            if form.is_valid():
                minutes_domain.edit_minutes(
                    minutes, text=form.cleaned_data["text"], actor=request.user, source=WEB
                )
                messages.success(request, _("The minutes were saved."))
                return redirect("governance:minutes-edit", slug=alliance.slug, pk=meeting.pk)
        except ValidationError as error:
            form.add_error(None, error)
    context = {"alliance": alliance, "meeting": meeting, "minutes": minutes, "form": form,
               "languages": settings.LANGUAGES, "language": minutes.language if minutes else get_language()}  # fmt: skip
    return render(request, "governance/manage/minutes_edit.html", context)


@alliance_view(MANAGE)
def voting_rules(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Quorum and majority per kind of motion: the platform's defaults or the alliance's own."""
    failed: dict[str, VotingRuleForm] = {}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in MotionKind.values:
            raise Http404
        if "restore" in request.POST:
            rules_domain.restore_default(alliance, kind, actor=request.user, source=WEB)
            messages.success(request, _("The default rule applies again."))
            return redirect("governance:voting-rules", slug=alliance.slug)
        form = VotingRuleForm(request.POST, prefix=kind)
        data = form.cleaned_data if form.is_valid() else {}
        if form.is_valid() and attempt(
            request, form,
            lambda: rules_domain.set_voting_rule(
                alliance, kind, quorum=data["quorum"], threshold=data["threshold"],
                strict=data["strict"], actor=request.user, source=WEB,
            ),
            _("The rule was saved. Motions already open keep the rule they opened with."),
        ):  # fmt: skip
            return redirect("governance:voting-rules", slug=alliance.slug)
        failed[kind] = form
    rows = []
    for kind, label, rule, is_default in rules_domain.rules_in_force(alliance):
        initial = {
            "quorum": str(rule.quorum),
            "threshold": str(rule.threshold),
            "strict": rule.strict,
        }
        rows.append(
            (
                kind,
                label,
                rule,
                is_default,
                failed.get(kind) or VotingRuleForm(initial=initial, prefix=kind),
            )
        )
    return render(
        request, "governance/manage/voting_rules.html", {"alliance": alliance, "rows": rows}
    )
