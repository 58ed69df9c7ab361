"""Judging the pitches: judges assigned, conflicts of interest, scores and feedback, release.

A judge sees and scores only the pitches assigned to them, never one they declared a conflict
of interest with, and sees nobody else's scores until the secretariat releases them; after the
release nothing can be scored any more and applicants read their feedback.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ...accounts.models import AllianceRole
from ...common.domain import audit
from ..enums import JudgeRole
from ..models import Criterion, JudgeAssignment, Pitch, Project, Roadshow, Score

TWO_PLACES = Decimal("0.01")


def _presents(judge: Any, project: Project) -> bool:
    """Whether ``judge`` submitted ``project`` or represents its organisation."""
    if project.submitted_by_id is not None and project.submitted_by_id == judge.pk:
        return True
    organization_id = getattr(judge, "organization_id", None)
    return bool(project.organization_id and project.organization_id == organization_id)


@transaction.atomic
def assign_judge(
    pitch: Pitch, judge: Any, *, actor: Any, source: str, role: str = JudgeRole.EXPERT
) -> JudgeAssignment:
    """Ask ``judge`` (an expert or an investor) to judge ``pitch``. Side effects: saves,
    audits. Refused after the release, for someone without the expert role in the alliance
    (``not_expert``), for the project's own presenter (``presenter``) and for a judge already
    assigned."""
    roadshow = Roadshow.objects.select_related("event").get(pk=pitch.roadshow_id)
    if roadshow.released_at is not None:
        raise ValidationError(_("The scores are released; judging is over."))
    experts = AllianceRole.objects.filter(alliance_id=roadshow.event.alliance_id,
                                          role=AllianceRole.Kind.EXPERT)  # fmt: skip
    if not experts.filter(user_id=judge.pk).exists():
        raise ValidationError(
            _("Only the alliance's experts judge; give this person the expert role first."),
            code="not_expert",
        )
    if _presents(judge, Project.objects.get(pk=pitch.project_id)):
        raise ValidationError(
            _("This judge presents the project and cannot judge it."), code="presenter"
        )
    assignment = JudgeAssignment(pitch=pitch, judge=judge, role=role)
    assignment.full_clean()
    assignment.save()
    audit.record(assignment, action=audit.Action.CREATE, actor=actor, source=source,
                 changes={"judge": [None, str(judge.pk)], "role": [None, role]})  # fmt: skip
    return assignment


def assignment_of(pitch: Pitch, judge: Any) -> JudgeAssignment:
    """The judge's assignment to ``pitch``; ``PermissionDenied`` if they are not assigned."""
    assignment = (
        JudgeAssignment.objects.filter(pitch=pitch, judge=judge).first()
        if getattr(judge, "is_authenticated", False)
        else None
    )
    if assignment is None:
        raise PermissionDenied(_("You are not a judge of this pitch."))
    return assignment


@transaction.atomic
def declare_conflict(pitch: Pitch, *, note: str, actor: Any, source: str) -> JudgeAssignment:
    """The judge (``actor``) declares a conflict of interest with the pitch's project: they
    may no longer score it, and any scores they gave are withdrawn. Side effects: saves,
    deletes those scores, audits."""
    assignment = assignment_of(pitch, actor)
    if pitch.roadshow.released_at is not None:
        raise ValidationError(_("The scores are released; judging is over."))
    if not note.strip():
        raise ValidationError(_("Say what the conflict of interest is."))
    withdrawn = assignment.scores.count()
    assignment.scores.all().delete()
    assignment.conflict_declared_at, assignment.conflict_note = timezone.now(), note.strip()
    assignment.scored_at = None
    assignment.save(update_fields=["conflict_declared_at", "conflict_note", "scored_at",
                                   "updated_at"])  # fmt: skip
    audit.record(assignment, action=audit.Action.UPDATE, actor=actor, source=source, changes={
        "conflict_note": [None, assignment.conflict_note], "scores": [withdrawn, 0],
    })  # fmt: skip
    return assignment


def _value(criterion: Criterion, raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("Give a number.")) from error
    if not value.is_finite():
        raise ValidationError(_("Give a number."))
    # The scale first: quantizing a number as large as 1e30 raises, and the scale says why.
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise ValidationError(_("Score between {low} and {high}.").format(
            low=criterion.scale_min, high=criterion.scale_max))  # fmt: skip
    if value != value.quantize(TWO_PLACES):
        raise ValidationError(_("Give a number with at most two decimals."))
    return value


def _clean_scores(roadshow: Roadshow, scores: Mapping[Any, Any]) -> dict[Criterion, Decimal]:
    criteria = list(roadshow.criteria.order_by("order", "id"))
    given = {int(getattr(key, "pk", key)): value for key, value in scores.items()}
    if not criteria:
        raise ValidationError(_("The rubric has no criteria yet."))
    if set(given) - {criterion.pk for criterion in criteria}:
        raise ValidationError(_("A score does not belong to this roadshow's rubric."))
    cleaned, errors = {}, {}
    for criterion in criteria:
        if given.get(criterion.pk) in (None, ""):
            errors[f"criterion_{criterion.pk}"] = [_("Score every criterion.")]
            continue
        try:
            cleaned[criterion] = _value(criterion, given[criterion.pk])
        except ValidationError as error:
            errors[f"criterion_{criterion.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submit_scores(
    pitch: Pitch, scores: Mapping[Any, Any], *, actor: Any, source: str, feedback: str = ""
) -> JudgeAssignment:
    """The judge (``actor``) scores every criterion of the rubric (criterion or its id →
    number within its scale) and writes feedback for the applicant; scoring again replaces
    the earlier scores.

    Side effects: saves the scores and feedback, audits. Refused (``PermissionDenied``) to a
    judge not assigned to the pitch or with a declared conflict of interest; refused
    (``ValidationError``, nothing saved) after the release, for a missing criterion or a score
    outside its scale.
    """
    roadshow = Roadshow.objects.select_for_update().get(pk=pitch.roadshow_id)
    assignment = assignment_of(pitch, actor)
    if assignment.conflicted:
        raise PermissionDenied(_("You declared a conflict of interest with this project."))
    if roadshow.released_at is not None:
        raise ValidationError(_("The scores are released; judging is over."))
    cleaned = _clean_scores(roadshow, scores)
    before = {str(score.criterion_id): str(score.value) for score in assignment.scores.all()}
    for criterion, value in cleaned.items():
        Score.objects.update_or_create(assignment=assignment, criterion=criterion,
                                       defaults={"value": value})  # fmt: skip
    assignment.feedback, assignment.scored_at = feedback.strip(), timezone.now()
    assignment.save(update_fields=["feedback", "scored_at", "updated_at"])
    after = {str(criterion.pk): str(value) for criterion, value in cleaned.items()}
    audit.record(assignment, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff({"scores": before or None}, {"scores": after}))  # fmt: skip
    return assignment


def pitches_for_judge(roadshow: Roadshow, judge: Any) -> QuerySet[Pitch]:
    """The pitches of ``roadshow`` assigned to ``judge``, in programme order: all a judge sees."""
    if not getattr(judge, "is_authenticated", False):
        return Pitch.objects.none()
    return (
        Pitch.objects.filter(roadshow=roadshow, assignments__judge=judge)
        .select_related("project", "project__organization", "project__link")
        .order_by("order", "id")
    )


def visible_scores(roadshow: Roadshow, user: Any) -> QuerySet[Score]:
    """The scores of ``roadshow`` that ``user`` may read: all of them for the secretariat;
    a judge's own before the release and all after it; none for anyone else."""
    scores = Score.objects.filter(assignment__pitch__roadshow=roadshow).select_related(
        "criterion", "assignment__pitch"
    )
    if user.has_perm("events.manage", roadshow.event.alliance):
        return scores
    judged = JudgeAssignment.objects.filter(pitch__roadshow=roadshow, judge=user)
    if not getattr(user, "is_authenticated", False) or not judged.exists():
        return scores.none()
    if roadshow.released_at is None:
        return scores.filter(assignment__judge=user)
    return scores


@transaction.atomic
def release_scores(roadshow: Roadshow, *, actor: Any, source: str) -> Roadshow:
    """Release the scores: judges see each other's, applicants their feedback, and judging
    ends. Side effects: saves the time and who released, audits. Refused the second time."""
    if Roadshow.objects.select_for_update().get(pk=roadshow.pk).released_at is not None:
        raise ValidationError(_("The scores are already released."))
    roadshow.released_at = timezone.now()
    roadshow.released_by = actor if getattr(actor, "pk", None) else None
    roadshow.save(update_fields=["released_at", "released_by", "updated_at"])
    audit.record(roadshow, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"released_at": [None, str(roadshow.released_at)]})  # fmt: skip
    return roadshow


@dataclass(frozen=True)
class Feedback:
    """A judge's written feedback as the applicant sees it: the judge's role, not their name."""

    role: str
    text: str


def feedback_for(project: Project, user: Any) -> list[Feedback]:
    """The judges' feedback on ``project`` for its presenter once the scores are released
    (the secretariat reads it at any time). ``PermissionDenied`` for anyone else."""
    if not user.has_perm("events.view_project", project):
        raise PermissionDenied(_("This is not your project."))
    roadshow = Roadshow.objects.select_related("event__alliance").get(pk=project.roadshow_id)
    if roadshow.released_at is None and not user.has_perm("events.manage", roadshow.event.alliance):
        return []
    assignments = JudgeAssignment.objects.filter(
        pitch__project=project, scored_at__isnull=False
    ).exclude(feedback="")
    return [
        Feedback(assignment.get_role_display(), assignment.feedback)
        for assignment in assignments.order_by("id")
    ]
