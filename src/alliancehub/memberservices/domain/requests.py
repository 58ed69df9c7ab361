"""Service requests: a member asks, the secretariat accepts and assigns, the assignee works it.

States: submitted → accepted → in progress → resolved → closed; a resolved or closed request
can be reopened (back to in progress). Each transition is one verb here; it refuses, with a
message naming the request's state, a request in the wrong state, and a person who may not
take that step. The member rates the outcome once it is resolved; comments and attachments
come from the member, the secretariat and the assignee. Notifications are rows written in
the same transaction as the change, so a refused change tells nobody.

The target time runs from submission (or from the last reopening); see ``overdue``.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import DONE_STATUSES, RequestStatus
from ..models import RequestAttachment, RequestComment, Service, ServiceRequest
from ..validators import check_attachments
from . import notices
from .access import assignable_people, is_assignee, is_requester, is_secretariat, member_ids

S = RequestStatus
TRACKED = ["status", "assignee", "provider", "due_at", "rating", "rating_comment"]


def _locked(request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("alliance", "service", "organization", "requested_by", "assignee")
        .get(pk=request.pk)
    )


def _refuse_state(request: ServiceRequest, allowed: Iterable[str], message: str) -> None:
    """``message`` names the request's state as ``{status}``."""
    if request.status not in tuple(allowed):
        raise ValidationError(message.format(status=request.get_status_display()))


def _save(request: ServiceRequest, before: dict[str, Any], *, actor: Any, source: str) -> None:
    request.save()
    changes = audit.diff(before, audit.snapshot(request, TRACKED))
    audit.record(request, action=audit.Action.UPDATE, actor=actor, source=source, changes=changes)


def _responded(request: ServiceRequest, now: datetime) -> None:
    if request.first_response_at is None:
        request.first_response_at = now


def _secretariat_only(actor: Any, request: ServiceRequest) -> None:
    if not is_secretariat(actor, request.alliance):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))


def _secretariat_or_assignee(actor: Any, request: ServiceRequest) -> None:
    if not (is_secretariat(actor, request.alliance) or is_assignee(actor, request)):
        raise PermissionDenied(_("Only the secretariat or the assignee may do this."))


def _secretariat_or_requester(actor: Any, request: ServiceRequest) -> None:
    if not (is_secretariat(actor, request.alliance) or is_requester(actor, request)):
        raise PermissionDenied(_("Only the secretariat or the member that asked may do this."))


def _attach(request: ServiceRequest, uploads: list[Any], actor: Any, source: str) -> None:
    for upload in uploads:
        attachment = RequestAttachment(
            request=request, name=upload.name[:200], size=upload.size or 0,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
        attachment.file.save(upload.name, upload, save=True)
        audit.record(attachment, action=audit.Action.CREATE, actor=actor, source=source,
                     changes={"name": [None, attachment.name]})  # fmt: skip


@transaction.atomic
def submit_request(
    service: Service, *, organization: Organization, subject: str, description: str,
    actor: Any, source: str, attachments: Iterable[Any] = (),
) -> ServiceRequest:  # fmt: skip
    """A member organisation asks for ``service``.

    Side effects: saves the request (due at now + the service's target time) and its
    attachments, audits, tells the secretariat. Refused: the actor does not represent the
    organisation as a member of the service's alliance today, the service is no longer
    offered, the subject or description is empty, an attachment breaks the limits.
    """
    service = Service.objects.select_related("alliance").get(pk=service.pk)
    alliance = service.alliance
    if organization.pk not in member_ids(actor, alliance):
        raise PermissionDenied(_("You do not represent this member of the alliance."))
    if not service.active:
        raise ValidationError({"service": _("This service is no longer offered.")})
    uploads = list(attachments)
    errors: dict[str, list[str]] = {}
    if not subject.strip():
        errors["subject"] = [_("Give the request a subject.")]
    if not description.strip():
        errors["description"] = [_("Describe what you need.")]
    try:
        check_attachments(uploads)
    except ValidationError as error:
        errors["attachments"] = error.messages
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    request = ServiceRequest(
        alliance=alliance, service=service, organization=organization, requested_by=actor,
        subject=subject.strip(), description=description.strip(), status=S.SUBMITTED,
        submitted_at=now, due_at=now + service.target,
    )  # fmt: skip
    request.full_clean()
    request.save()
    audit.record(request, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(request, ["service", "organization",
                                                                 "subject", "status", "due_at"])))  # fmt: skip
    _attach(request, uploads, actor, source)
    notices.tell_secretariat_of_new(request)
    return request


@transaction.atomic
def accept_request(request: ServiceRequest, *, actor: Any, source: str) -> ServiceRequest:
    """The secretariat takes the request on. Side effects: status accepted, first response
    noted; audits; the member is told."""
    request = _locked(request)
    _secretariat_only(actor, request)
    _refuse_state(request, [S.SUBMITTED],
                  _("Only a submitted request can be accepted; this one is “{status}”."))  # fmt: skip
    before = audit.snapshot(request, TRACKED)
    now = timezone.now()
    request.status, request.accepted_at = S.ACCEPTED, now
    _responded(request, now)
    _save(request, before, actor=actor, source=source)
    notices.tell_of_change(request, actor=actor)
    return request


@transaction.atomic
def assign_request(
    request: ServiceRequest, *, actor: Any, source: str, assignee: Any = None,
    provider: Organization | None = None,
) -> ServiceRequest:  # fmt: skip
    """The secretariat gives an accepted request to a person (of its secretariat or its
    experts) or to one of the service's providers, whose representatives then see it.

    Side effects: the assignment replaces any earlier one; audits; the new assignee is told.
    """
    request = _locked(request)
    _secretariat_only(actor, request)
    if request.status == S.SUBMITTED:
        raise ValidationError(_("Accept the request before assigning it."))
    _refuse_state(request, [S.ACCEPTED, S.IN_PROGRESS],
                  _("A request that is “{status}” cannot be assigned."))  # fmt: skip
    if (assignee is None) == (provider is None):
        raise ValidationError(_("Assign the request to a person or to a provider, not both."))
    if (
        assignee is not None
        and not assignable_people(request.alliance).filter(pk=assignee.pk).exists()
    ):
        raise ValidationError(
            {"assignee": _("Assign the request to someone of the secretariat or an expert.")}
        )
    if provider is not None and not request.service.providers.filter(pk=provider.pk).exists():
        raise ValidationError({"provider": _("This organisation does not provide this service.")})
    before = audit.snapshot(request, TRACKED)
    request.assignee, request.provider = assignee, provider
    _responded(request, timezone.now())
    _save(request, before, actor=actor, source=source)
    notices.tell_assignee(request, actor=actor)
    return request


@transaction.atomic
def start_request(request: ServiceRequest, *, actor: Any, source: str) -> ServiceRequest:
    """Work starts. Side effects: status in progress; audits; the member is told."""
    request = _locked(request)
    _secretariat_or_assignee(actor, request)
    _refuse_state(request, [S.ACCEPTED],
                  _("Only an accepted request can be started; this one is “{status}”."))  # fmt: skip
    before = audit.snapshot(request, TRACKED)
    request.status = S.IN_PROGRESS
    _responded(request, timezone.now())
    _save(request, before, actor=actor, source=source)
    notices.tell_of_change(request, actor=actor)
    return request


@transaction.atomic
def resolve_request(
    request: ServiceRequest, *, actor: Any, source: str, note: str = ""
) -> ServiceRequest:
    """The work is done. Side effects: status resolved with its time; ``note`` added as a
    comment; audits; the member is told (and may now rate the outcome)."""
    request = _locked(request)
    _secretariat_or_assignee(actor, request)
    _refuse_state(request, [S.IN_PROGRESS],
                  _("Only a request in progress can be resolved; this one is “{status}”."))  # fmt: skip
    before = audit.snapshot(request, TRACKED)
    now = timezone.now()
    request.status, request.resolved_at = S.RESOLVED, now
    _responded(request, now)
    _save(request, before, actor=actor, source=source)
    if note.strip():
        _comment(request, note, actor=actor, source=source)
    notices.tell_of_change(request, actor=actor)
    return request


@transaction.atomic
def close_request(request: ServiceRequest, *, actor: Any, source: str) -> ServiceRequest:
    """The secretariat or the member closes a resolved request. Side effects: status closed;
    audits; the other side is told."""
    request = _locked(request)
    _secretariat_or_requester(actor, request)
    _refuse_state(request, [S.RESOLVED],
                  _("Only a resolved request can be closed; this one is “{status}”."))  # fmt: skip
    before = audit.snapshot(request, TRACKED)
    request.status, request.closed_at = S.CLOSED, timezone.now()
    _save(request, before, actor=actor, source=source)
    notices.tell_of_change(request, actor=actor)
    return request


@transaction.atomic
def reopen_request(
    request: ServiceRequest, *, actor: Any, source: str, reason: str = ""
) -> ServiceRequest:
    """The secretariat or the member reopens a resolved or closed request: back in progress,
    with a fresh target time from now.

    Side effects: status in progress, resolution and closing times cleared, due time reset
    (and the overdue notice re-armed); ``reason`` added as a comment; audits; told.
    """
    request = _locked(request)
    _secretariat_or_requester(actor, request)
    _refuse_state(request, DONE_STATUSES,
                  _("Only a resolved or closed request can be reopened; this one is “{status}”."))  # fmt: skip
    before = audit.snapshot(request, TRACKED)
    now = timezone.now()
    request.status, request.resolved_at, request.closed_at = S.IN_PROGRESS, None, None
    request.due_at, request.overdue_notified_at = now + request.service.target, None
    _save(request, before, actor=actor, source=source)
    if reason.strip():
        _comment(request, reason, actor=actor, source=source)
    notices.tell_of_change(request, actor=actor)
    return request


def _comment(request: ServiceRequest, body: str, *, actor: Any, source: str) -> RequestComment:
    comment = RequestComment.objects.create(
        request=request, author=actor if getattr(actor, "pk", None) else None, body=body.strip()
    )
    audit.record(comment, action=audit.Action.CREATE, actor=actor, source=source,
                 changes={"body": [None, comment.body]})  # fmt: skip
    return comment


@transaction.atomic
def comment_on_request(
    request: ServiceRequest, body: str, *, actor: Any, source: str,
    attachments: Iterable[Any] = (),
) -> RequestComment:  # fmt: skip
    """The member, the secretariat or the assignee writes on a request not closed yet.

    Side effects: saves the comment and its attachments; a first word from the secretariat or
    the assignee counts as the first response; audits; the other parties are told.
    """
    request = _locked(request)
    requester, helper = (
        is_requester(actor, request),
        (is_secretariat(actor, request.alliance) or is_assignee(actor, request)),
    )
    if not (requester or helper):
        raise PermissionDenied(_("Only the member, the secretariat or the assignee may comment."))
    if request.status == S.CLOSED:
        raise ValidationError(_("The request is closed: reopen it to comment."))
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    uploads = list(attachments)
    try:
        check_attachments(uploads)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error
    comment = _comment(request, body, actor=actor, source=source)
    _attach(request, uploads, actor, source)
    if helper and request.first_response_at is None:
        request.first_response_at = comment.created_at
        request.save(update_fields=["first_response_at", "updated_at"])
    notices.tell_of_comment(request, comment.body, actor=actor)
    return comment


@transaction.atomic
def rate_request(
    request: ServiceRequest, *, score: int, actor: Any, source: str, comment: str = ""
) -> ServiceRequest:
    """The member rates the outcome (1–5, with an optional comment) of a resolved or closed
    request; rating again replaces the earlier rating. Side effects: saved; audits."""
    request = _locked(request)
    if not is_requester(actor, request):
        raise PermissionDenied(_("Only the member that asked may rate the outcome."))
    _refuse_state(request, DONE_STATUSES,
                  _("The outcome can be rated once the request is resolved; it is “{status}”."))  # fmt: skip
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"rating": _("Rate the outcome from 1 to 5.")})
    before = audit.snapshot(request, TRACKED)
    request.rating, request.rating_comment = score, comment.strip()
    request.rated_at = timezone.now()
    _save(request, before, actor=actor, source=source)
    return request
