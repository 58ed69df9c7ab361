"""Roadshows: the call for projects, its rubric, submissions, screening and the pitch programme.

Judging (assignments, conflicts, scores, release) is in ``judging``; the ranking in ``ranking``.
"""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ...chains.models import Link
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import EventKind, EventStatus, FundingStage, ProjectStatus
from ..models import Criterion, Event, Pitch, Project, Roadshow, Score
from .uploads import stored_deck_name, validate_pitch_deck

PROJECT_FIELDS = ["title", "organization", "organization_name", "link", "stage",
                  "financing_sought", "deck", "status"]  # fmt: skip


def _created(obj: Any, fields: list[str], *, actor: Any, source: str) -> None:
    audit.record(obj, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(obj, fields)))  # fmt: skip


@transaction.atomic
def open_call(
    event: Event,
    *,
    opens_at: datetime,
    closes_at: datetime,
    actor: Any,
    source: str,
    links: Iterable[Link] = (),
    stages: Iterable[str] = (),
) -> Roadshow:
    """Open the call for projects of a roadshow event: the submission window, the chain links
    and funding stages sought (none: any). Side effects: saves, audits. Refused for an event of
    another kind, a second call for the same event, an unknown stage."""
    if event.kind != EventKind.ROADSHOW:
        raise ValidationError(_("Only a roadshow event takes a call for projects."))
    if Roadshow.objects.filter(event=event).exists():
        raise ValidationError(_("This roadshow already has its call for projects."))
    stages = list(dict.fromkeys(stages))
    if set(stages) - set(FundingStage.values):
        raise ValidationError(_("Unknown funding stage."))
    roadshow = Roadshow(event=event, opens_at=opens_at, closes_at=closes_at, stages=stages)
    roadshow.full_clean()
    roadshow.save()
    roadshow.links.set(links)
    audit.record(roadshow, action=audit.Action.CREATE, actor=actor, source=source, changes={
        "opens_at": [None, str(opens_at)], "closes_at": [None, str(closes_at)],
        "links": [None, [link.key for link in roadshow.links.select_related("chain")]],
        "stages": [None, stages],
    })  # fmt: skip
    return roadshow


@transaction.atomic
def add_criterion(
    roadshow: Roadshow,
    *,
    name: str,
    actor: Any,
    source: str,
    weight: Decimal = Decimal(1),
    scale_min: int = 1,
    scale_max: int = 10,
    description: str = "",
) -> Criterion:
    """Add a line to the rubric. Refused once a judge has scored: the totals would no longer
    compare."""
    if Score.objects.filter(criterion__roadshow=roadshow).exists():
        raise ValidationError(_("Judges have started scoring; the rubric can no longer change."))
    last = roadshow.criteria.aggregate(last=Max("order"))["last"] or 0
    criterion = Criterion(roadshow=roadshow, name=name.strip(), weight=Decimal(weight),
                          scale_min=scale_min, scale_max=scale_max, description=description,
                          order=last + 1)  # fmt: skip
    criterion.full_clean()
    criterion.save()
    _created(criterion, ["name", "weight", "scale_min", "scale_max"], actor=actor, source=source)
    return criterion


def _event_cancelled(roadshow: Roadshow) -> bool:
    return Event.objects.filter(pk=roadshow.event_id, status=EventStatus.CANCELLED).exists()


def _check_fit(roadshow: Roadshow, project: Project) -> None:
    if (
        project.link_id
        and roadshow.links.exists()
        and not roadshow.links.filter(pk=project.link_id).exists()
    ):
        raise ValidationError(_("This call does not look for projects on this chain link."))
    if project.stage and roadshow.stages and project.stage not in roadshow.stages:
        raise ValidationError(_("This call does not look for projects at this funding stage."))


@transaction.atomic
def submit_project(
    roadshow: Roadshow,
    *,
    title: str,
    actor: Any,
    source: str,
    organization: Organization | None = None,
    organization_name: str = "",
    deck: UploadedFile | None = None,
    submitted_at: datetime | None = None,
    **details: Any,
) -> Project:
    """Submit a project to the call (``team``, ``link``, ``stage``, ``financing_sought`` in
    yuan, ``summary`` in ``details``), with an optional pitch deck.

    ``submitted_at`` is for the secretariat recording a submission received another way: the
    window is checked against it. Side effects: stores the deck (under a random name),
    saves, audits. Refused outside the submission window or once the event is cancelled, an
    applicant's project without a presenting organisation (registered or named; a record
    with ``submitted_at`` may lack it), for a chain link or stage the
    call does not seek, a negative amount, and a deck that is not a PDF, PPT or PPTX within
    the size limit.
    """
    at = submitted_at or timezone.now()
    if not roadshow.opens_at <= at <= roadshow.closes_at or _event_cancelled(roadshow):
        raise ValidationError(_("The call for projects is closed."), code="closed")
    project = Project(
        roadshow=roadshow, title=title.strip(), organization=organization,
        organization_name="" if organization else organization_name.strip(),
        submitted_by=actor if getattr(actor, "pk", None) else None, submitted_at=at, **details,
    )  # fmt: skip
    _check_fit(roadshow, project)
    if deck is not None:
        validate_pitch_deck(deck)
    # An applicant names who presents; the secretariat's record of a submission received
    # another way (``submitted_at``) may not know it (a news report naming only the project).
    if not project.presenter and submitted_at is None:
        raise ValidationError(
            {"organization_name": _("Name the organisation that presents the project.")}
        )
    if deck is not None:
        deck.name = stored_deck_name(deck)
        project.deck = deck  # type: ignore[assignment]
    project.full_clean()
    project.save()
    _created(project, PROJECT_FIELDS, actor=actor, source=source)
    return project


@transaction.atomic
def replace_deck(project: Project, deck: UploadedFile, *, actor: Any, source: str) -> Project:
    """Upload (or replace) the project's pitch deck, until the scores are released."""
    if project.roadshow.released_at is not None:
        raise ValidationError(_("The scores are released; the project can no longer change."))
    validate_pitch_deck(deck)
    deck.name = stored_deck_name(deck)
    before = audit.snapshot(project, ["deck"])
    project.deck = deck  # type: ignore[assignment]
    project.save(update_fields=["deck", "updated_at"])
    audit.record(project, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff(before, audit.snapshot(project, ["deck"])))  # fmt: skip
    return project


@transaction.atomic
def screen_project(
    project: Project, *, accept: bool, actor: Any, source: str, reason: str = ""
) -> Project:
    """The secretariat accepts a submitted project for the pitches or rejects it (a reason is
    required). Side effects: saves the decision, audits."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has already been screened."))
    if not accept and not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the project."))
    status = ProjectStatus.ACCEPTED if accept else ProjectStatus.REJECTED
    project.status, project.reason = status, reason.strip()
    project.decided_by = actor if getattr(actor, "pk", None) else None
    project.decided_at = timezone.now()
    project.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
    audit.record(project, action=audit.Action.UPDATE, actor=actor, source=source, changes={
        "status": [ProjectStatus.SUBMITTED, status], "reason": [None, project.reason or None],
    })  # fmt: skip
    return project


@transaction.atomic
def schedule_pitch(
    project: Project,
    *,
    actor: Any,
    source: str,
    order: int | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Pitch:
    """Give an accepted project its place in the programme (next free place by default) and
    time slot; scheduling it again moves it. Side effects: saves, audits."""
    if project.status != ProjectStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted project is scheduled to pitch."))
    roadshow = Roadshow.objects.select_for_update().get(pk=project.roadshow_id)
    event = roadshow.event
    for moment in (starts_at, ends_at):
        if moment is not None and not event.starts_at <= moment <= event.ends_at:
            raise ValidationError(_("A pitch must take place during the event."))
    pitch = Pitch.objects.filter(project=project).first() or Pitch(roadshow=roadshow,
                                                                   project=project)  # fmt: skip
    before = audit.snapshot(pitch, ["order", "starts_at", "ends_at"]) if pitch.pk else {}
    if order is None:
        order = pitch.order or (roadshow.pitches.aggregate(last=Max("order"))["last"] or 0) + 1
    pitch.order, pitch.starts_at, pitch.ends_at = order, starts_at, ends_at
    pitch.full_clean()
    pitch.save()
    audit.record(pitch, action=audit.Action.UPDATE if before else audit.Action.CREATE,
                 actor=actor, source=source,
                 changes=audit.diff(before, audit.snapshot(pitch, ["order", "starts_at",
                                                                   "ends_at"])))  # fmt: skip
    return pitch


def projects_presented_by(user: Any) -> QuerySet[Project]:
    """The projects ``user`` submitted or whose organisation they represent: what
    ``events.view_project`` lets them read as presenter, as one query for the lists."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    presented = Q(submitted_by=user)
    if getattr(user, "organization_id", None):
        presented |= Q(organization_id=user.organization_id)
    return Project.objects.filter(presented)
