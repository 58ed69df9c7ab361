"""Introductions: a member asks to meet a matched counterpart, who accepts or declines.

Contact details stay hidden until the counterpart accepts; then each side sees the other's
(the person who asked or answered, and the organisation's registered contacts). Either side
records the outcome of an accepted introduction.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ..enums import IntroductionStatus, ListingStatus, Outcome, PostStatus
from ..models import Introduction, Post
from . import matching, notices
from .posts import may_post_for
from .visibility import can_see

ACTIVE = (IntroductionStatus.REQUESTED, IntroductionStatus.ACCEPTED)


def _record(introduction: Introduction, before: dict[str, Any], *, actor: Any, source: str) -> None:
    after = audit.snapshot(introduction, ["status", "outcome"])
    audit.record(introduction, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff(before, after))  # fmt: skip


@transaction.atomic
def request_introduction(
    post: Post, counterpart: Post, *, actor: Any, source: str, message: str = ""
) -> Introduction:
    """Ask, for ``post``'s organisation, to be introduced to ``counterpart``'s.

    Side effects: saves the request with the match's score and reasons, tells the
    counterpart's people, audits. Refused: the actor does not represent the post's
    organisation, cannot see the counterpart, the two posts do not answer each other, one is
    not live, or an introduction between them is already under way.
    """
    if not may_post_for(actor, post.organization):
        raise PermissionDenied(_("You do not represent this organisation."))
    if not can_see(actor, counterpart):
        raise PermissionDenied(_("You cannot see this post."))
    if counterpart.organization_id == post.organization_id:
        raise ValidationError(_("Both posts belong to your organisation."))
    if counterpart.direction == post.direction:
        raise ValidationError(_("An offer is introduced to a need, and a need to an offer."))
    live = (PostStatus.OPEN, PostStatus.MATCHED)
    if post.status not in live or counterpart.status not in live:
        raise ValidationError(_("Both posts must be open."))
    if Introduction.objects.filter(
        post=counterpart, counterpart_post=post, status__in=ACTIVE
    ).exists():
        raise ValidationError(_("An introduction to this post is already under way."))
    match = matching.pair(post, counterpart)
    introduction = Introduction(
        post=post, counterpart_post=counterpart, requested_by=actor, message=message.strip(),
        score=match.score, reasons=match.explanation,
    )  # fmt: skip
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as error:
        raise ValidationError(_("An introduction to this post is already under way.")) from error
    audit.record(introduction, action=audit.Action.CREATE, actor=actor, source=source,
                 changes={"status": [None, introduction.status]})  # fmt: skip
    transaction.on_commit(lambda: notices.tell_of_request(introduction))
    return introduction


def _locked(introduction: Introduction) -> Introduction:
    return (
        Introduction.objects.select_for_update()
        .select_related("post__organization", "counterpart_post__organization")
        .get(pk=introduction.pk)
    )


@transaction.atomic
def respond(
    introduction: Introduction, *, accept: bool, actor: Any, source: str, reply: str = ""
) -> Introduction:
    """The counterpart accepts (contacts are revealed to both sides) or declines.

    Side effects: status, reply and who answered saved; the asking side is told; audits.
    """
    introduction = _locked(introduction)
    if not may_post_for(actor, introduction.counterpart_post.organization):
        raise PermissionDenied(_("Only the organisation asked may answer."))
    if introduction.status != IntroductionStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    before = audit.snapshot(introduction, ["status", "outcome"])
    introduction.status = IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED
    introduction.reply = reply.strip()
    introduction.responded_by = actor
    introduction.responded_at = timezone.now()
    if accept:
        introduction.outcome = Outcome.ONGOING
    introduction.save()
    _record(introduction, before, actor=actor, source=source)
    transaction.on_commit(lambda: notices.tell_of_answer(introduction))
    return introduction


@transaction.atomic
def withdraw(introduction: Introduction, *, actor: Any, source: str) -> Introduction:
    """The asking side withdraws a request not answered yet."""
    introduction = _locked(introduction)
    if not may_post_for(actor, introduction.post.organization):
        raise PermissionDenied(_("Only the organisation that asked may withdraw."))
    if introduction.status != IntroductionStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    before = audit.snapshot(introduction, ["status", "outcome"])
    introduction.status = IntroductionStatus.WITHDRAWN
    introduction.save(update_fields=["status", "updated_at"])
    _record(introduction, before, actor=actor, source=source)
    return introduction


@transaction.atomic
def record_outcome(
    introduction: Introduction, outcome: str, *, actor: Any, source: str, note: str = ""
) -> Introduction:
    """Either side records how an accepted introduction ended (deal, no deal, ongoing)."""
    introduction = _locked(introduction)
    sides = (introduction.post.organization, introduction.counterpart_post.organization)
    if not any(may_post_for(actor, side) for side in sides):
        raise PermissionDenied(_("Only the two organisations may record the outcome."))
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted introduction has an outcome."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose deal, no deal or ongoing.")})
    before = audit.snapshot(introduction, ["status", "outcome"])
    introduction.outcome = outcome
    introduction.outcome_note = note.strip()[:300]
    introduction.save(update_fields=["outcome", "outcome_note", "updated_at"])
    _record(introduction, before, actor=actor, source=source)
    return introduction


def involving(user: Any) -> QuerySet[Introduction]:
    """The introductions asked by or of the user's organisation."""
    organization_id = getattr(user, "organization_id", None)
    if not organization_id:
        return Introduction.objects.none()
    return Introduction.objects.filter(
        Q(post__organization_id=organization_id)
        | Q(counterpart_post__organization_id=organization_id)
    ).select_related("post__organization", "counterpart_post__organization")


def contacts(introduction: Introduction, viewer: Any) -> dict[str, Any] | None:
    """The other side's contact details for ``viewer``, once the introduction is accepted."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    organization_id = getattr(viewer, "organization_id", None)
    if organization_id == introduction.post.organization_id:
        other, person = introduction.counterpart_post.organization, introduction.responded_by
    elif organization_id == introduction.counterpart_post.organization_id:
        other, person = introduction.post.organization, introduction.requested_by
    else:
        return None
    return {
        "organization": other.name,
        "person": str(person) if person else "",
        "email": getattr(person, "email", "") or "",
        "contacts": [
            {"name": c.name, "title": c.title, "phone": c.phone, "email": c.email}
            for c in other.contacts.all()
        ],
    }


def rates(alliance: Alliance) -> dict[str, Any]:
    """Acceptance and deal rates of the introductions asked from posts addressed to
    ``alliance`` (approved there): overall and per chain link of the asking post."""
    asked = Introduction.objects.filter(
        post__listings__alliance=alliance, post__listings__status=ListingStatus.APPROVED
    ).exclude(status=IntroductionStatus.WITHDRAWN)
    figures = Count("id", distinct=True)
    answered = Q(status__in=[IntroductionStatus.ACCEPTED, IntroductionStatus.DECLINED])
    accepted = Q(status=IntroductionStatus.ACCEPTED)
    deals = Q(outcome=Outcome.DEAL)

    def summary(row: dict[str, Any]) -> dict[str, Any]:
        return row | {
            "acceptance_rate": row["accepted"] / row["answered"] if row["answered"] else None,
            "deal_rate": row["deals"] / row["accepted"] if row["accepted"] else None,
        }

    measures = {
        "asked": figures,
        "answered": Count("id", filter=answered, distinct=True),
        "accepted": Count("id", filter=accepted, distinct=True),
        "deals": Count("id", filter=deals, distinct=True),
    }
    overall = summary(asked.aggregate(**measures))
    by_link = [
        summary(dict(row))
        for row in asked.filter(post__links__isnull=False)
        .values("post__links__chain__slug", "post__links__code", "post__links__name")
        .annotate(**measures)
        .order_by("post__links__chain__slug", "post__links__code")
    ]
    return {"overall": overall, "by_link": by_link}
