"""Who may do what with events (django-rules), on top of the alliance roles in ``accounts.rules``.

``events.manage`` is checked against the alliance (like ``alliances.manage``); the others
against the event, the call, the pitch or the project they concern. Pages and the API ask the
same permission, never their own version of it. The domain functions check the rules that
belong to the judging itself (only an assigned judge without a conflict scores).
"""

from typing import Any

import rules

from ..accounts.rules import is_platform_admin, is_secretariat
from ..alliances.models import Alliance
from ..common.models import AllianceOwned
from .enums import EventStatus, Visibility
from .models import JudgeAssignment


def _alliance_of(obj: Any) -> Alliance | None:
    """The alliance that owns ``obj`` (an alliance itself, or any alliance-owned object,
    followed along its ``alliance_path``); ``None`` for anything else, so an object is never
    mistaken for the alliance that happens to share its id."""
    if isinstance(obj, Alliance):
        return obj
    if not isinstance(obj, AllianceOwned):
        return None
    owner: Any = obj
    for name in obj.alliance_path.split("__"):
        owner = getattr(owner, name)
    return owner if isinstance(owner, Alliance) else None


@rules.predicate
def runs_the_event(user: Any, obj: Any) -> bool:
    """The secretariat of the alliance that owns ``obj`` (an alliance, or anything it owns)."""
    if is_platform_admin(user):
        return True
    alliance = _alliance_of(obj)
    return bool(alliance is not None and is_secretariat(user, alliance))


@rules.predicate
def is_published(user: Any, event: Any) -> bool:
    return bool(event is not None and event.status != EventStatus.DRAFT)


@rules.predicate
def is_public(user: Any, event: Any) -> bool:
    return bool(event is not None and event.visibility == Visibility.PUBLIC)


@rules.predicate
def sees_members_pages(user: Any, event: Any) -> bool:
    """Anyone with a role in the owning alliance (members-only events are theirs)."""
    return bool(event is not None and user.has_perm("alliances.view_private", event.alliance))


@rules.predicate
def is_assigned_judge(user: Any, pitch: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or pitch is None:
        return False
    return bool(pitch.assignments.filter(judge=user).exists())


@rules.predicate
def may_score(user: Any, pitch: Any) -> bool:
    """Assigned, no conflict of interest declared, scores not yet released."""
    if not getattr(user, "is_authenticated", False) or pitch is None:
        return False
    if pitch.roadshow.released_at is not None:
        return False
    return bool(pitch.assignments.filter(judge=user, conflict_declared_at__isnull=True).exists())


@rules.predicate
def made_the_registration(user: Any, registration: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or registration is None:
        return False
    return bool(registration.user_id == user.pk)


@rules.predicate
def runs_the_registrations_event(user: Any, registration: Any) -> bool:
    return bool(registration is not None and runs_the_event(user, registration.event))


@rules.predicate
def judges_the_project(user: Any, project: Any) -> bool:
    """Assigned to the pitch of ``project`` (a declared conflict of interest included: the
    judge has read the deck already)."""
    if not getattr(user, "is_authenticated", False) or project is None:
        return False
    return JudgeAssignment.objects.filter(pitch__project=project, judge=user).exists()


@rules.predicate
def judges_the_released_roadshow(user: Any, roadshow: Any) -> bool:
    """A judge of any pitch of ``roadshow``, once its scores are released."""
    if not getattr(user, "is_authenticated", False) or roadshow is None:
        return False
    if roadshow.released_at is None:
        return False
    return JudgeAssignment.objects.filter(pitch__roadshow=roadshow, judge=user).exists()


@rules.predicate
def presents_the_project(user: Any, project: Any) -> bool:
    """The person who submitted the project, or a representative of its organisation."""
    if not getattr(user, "is_authenticated", False) or project is None:
        return False
    if project.submitted_by_id == user.pk:
        return True
    return bool(project.organization_id and project.organization_id == user.organization_id)


# Run the alliance's events: programme, registrations, check-in, calls, screening, release.
rules.add_perm("events.manage", runs_the_event)
# See an event's page (and register for it).
rules.add_perm("events.view", runs_the_event | (is_published & (is_public | sees_members_pages)))
rules.add_perm("events.register", is_published & (is_public | sees_members_pages))
# Cancel a registration: the signed-in registrant, or the secretariat.
rules.add_perm("events.cancel_registration", made_the_registration | runs_the_registrations_event)
# See a pitch as a judge (or its secretariat); score it.
rules.add_perm("events.judge", is_assigned_judge | runs_the_event)
rules.add_perm("events.score", may_score)
# Read one's own project's screening result and, after release, its feedback.
rules.add_perm("events.view_project", presents_the_project | runs_the_event)
# Download a project's pitch deck: its presenter, the secretariat, the judges of its pitch.
rules.add_perm("events.view_deck", presents_the_project | runs_the_event | judges_the_project)
# Read a roadshow's ranking: the secretariat, and its judges once the scores are released.
rules.add_perm("events.view_ranking", runs_the_event | judges_the_released_roadshow)
