"""Investors meeting pitched projects: an investor who judged a pitch asks for an
introduction to its team, the team accepts or declines, and contact details are shown to
both sides only after acceptance."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...common.domain.notifications import notify_each
from ..enums import InterestStatus, JudgeRole, ProjectStatus
from ..models import InvestorInterest, JudgeAssignment, Project
from ..rules import presents_the_project


def judged_as_investor(user: Any, project: Project) -> bool:
    """The user is an investor judge of the project's pitch."""
    return JudgeAssignment.objects.filter(
        pitch__project=project, judge_id=getattr(user, "pk", None), role=JudgeRole.INVESTOR
    ).exists()


def _team(project: Project) -> QuerySet[Any]:
    """The people who present the project: its submitter and its organisation's people."""
    people = Q(pk=project.submitted_by_id) if project.submitted_by_id else Q(pk__in=[])
    if project.organization_id:
        people |= Q(organization_id=project.organization_id)
    return get_user_model().objects.filter(people, is_active=True)


@transaction.atomic
def ask_for_introduction(
    project: Project, *, actor: Any, source: str, message: str = ""
) -> InvestorInterest:
    """An investor judge of the project's pitch asks to meet its team.

    Side effects: saves the request, tells the team in-app, audits. Refused: the actor is not
    an investor judge of the pitch, the project was not accepted, or they asked already.
    """
    if not judged_as_investor(actor, project):
        raise PermissionDenied(_("Only an investor who judged this pitch may ask."))
    if project.status != ProjectStatus.ACCEPTED:
        raise ValidationError(_("Only a project accepted for the roadshow can be introduced."))
    interest = InvestorInterest(project=project, investor=actor, message=message.strip())
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already asked to meet this project's team.")) from error
    audit.record(interest, action=audit.Action.CREATE, actor=actor, source=source,
                 changes={"status": [None, interest.status]})  # fmt: skip
    url = reverse("events:project", args=[project.pk])
    transaction.on_commit(lambda: notify_each(
        _team(project),
        title=lambda: _("An investor asks to meet the team of {project}").format(
            project=project.title
        ),
        body=lambda: interest.message, url=url,
    ))  # fmt: skip
    return interest


@transaction.atomic
def answer(
    interest: InvestorInterest, *, accept: bool, actor: Any, source: str, reply: str = ""
) -> InvestorInterest:
    """The project's team accepts (both sides then see each other's contacts) or declines.

    Side effects: saves the answer, tells the investor in-app, audits.
    """
    interest = (
        InvestorInterest.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=interest.pk)
    )
    if not presents_the_project(actor, interest.project):
        raise PermissionDenied(_("Only the project's team may answer."))
    if interest.status != InterestStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    before = interest.status
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.reply, interest.answered_by, interest.answered_at = (
        reply.strip(),
        actor,
        timezone.now(),
    )
    interest.save()
    audit.record(interest, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [before, interest.status]})  # fmt: skip
    project = interest.project
    transaction.on_commit(lambda: notify_each(
        [interest.investor],
        title=lambda: (
            _("The team of {project} accepted to meet you") if accept
            else _("The team of {project} declined to meet you")
        ).format(project=project.title),
        body=lambda: interest.reply, url="",
    ))  # fmt: skip
    return interest


def contacts(interest: InvestorInterest, viewer: Any) -> dict[str, str] | None:
    """The other side's contact details for ``viewer``, once the team has accepted."""
    if interest.status != InterestStatus.ACCEPTED:
        return None
    if viewer.pk == interest.investor_id:
        person = interest.answered_by or interest.project.submitted_by
        organization = interest.project.presenter
    elif presents_the_project(viewer, interest.project):
        person = interest.investor
        organization = getattr(person.organization, "name", "") if person else ""
    else:
        return None
    return {
        "organization": str(organization or ""),
        "person": str(person) if person else "",
        "email": getattr(person, "email", "") or "",
    }
