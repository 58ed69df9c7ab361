"""The talent board and the financing board of an alliance.

Only a person who represents a member organisation of the alliance today posts a position or
files a financing need for it. Anyone may apply for an open position. A financing need is seen
by the filing organisation, the secretariat and the alliance's financial institutions (member
organisations of the kind "financial institution": banks, funds, the industry fund); only they
answer it, and the secretariat follows the pipeline.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance, Membership
from ...common.domain import audit
from ...organizations.enums import OrganizationKind
from ...organizations.models import Organization
from ..enums import ApplicationStatus, BoardStatus, ResponseStatus
from ..models import FinancingNeed, FinancingResponse, JobApplication, JobPosting
from .access import is_secretariat

JOB_FIELDS = ["title", "description", "link", "region", "openings", "salary", "valid_until"]
NEED_FIELDS = ["amount", "stage", "use_of_funds", "link"]


def _member_today(alliance: Alliance, organization: Organization | None) -> bool:
    return (
        organization is not None
        and Membership.objects.filter(
            in_force_on(timezone.localdate()), alliance=alliance, organization=organization
        ).exists()
    )


def member_organization(actor: Any, alliance: Alliance) -> Organization | None:
    """The organisation ``actor`` posts and files for: its own, when a member today."""
    organization = getattr(actor, "organization", None)
    if not getattr(actor, "is_authenticated", False) or not _member_today(alliance, organization):
        return None
    return organization


def _representing_member(actor: Any, alliance: Alliance) -> Organization:
    organization = member_organization(actor, alliance)
    if organization is None:
        raise PermissionDenied(_("Only a member organisation of the alliance may do this."))
    return organization


def _fill(obj: Any, data: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def post_job(alliance: Alliance, data: dict[str, Any], *, actor: Any, source: str) -> JobPosting:
    """A member posts a position. Side effects: saves, audits. Refused for non-members and
    for a valid-until date in the past."""
    organization = _representing_member(actor, alliance)
    posting = JobPosting(alliance=alliance, organization=organization, posted_by=actor)
    _fill(posting, data, JOB_FIELDS)
    if posting.valid_until and posting.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The valid-until date is in the past.")})
    posting.full_clean()
    posting.save()
    audit.record(posting, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(posting, JOB_FIELDS)))  # fmt: skip
    return posting


@transaction.atomic
def close_job(posting: JobPosting, *, actor: Any, source: str) -> JobPosting:
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    if getattr(actor, "organization_id", None) != posting.organization_id:
        raise PermissionDenied(_("Only the organisation that posted it may close it."))
    if posting.status == BoardStatus.CLOSED:
        raise ValidationError(_("This is already closed."))
    posting.status = BoardStatus.CLOSED
    posting.save(update_fields=["status", "updated_at"])
    audit.record(posting, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [BoardStatus.OPEN, BoardStatus.CLOSED]})  # fmt: skip
    return posting


def open_postings(alliance: Alliance, today: date | None = None) -> QuerySet[JobPosting]:
    today = today or timezone.localdate()
    return JobPosting.objects.filter(
        alliance=alliance, status=BoardStatus.OPEN, valid_until__gte=today
    ).select_related("organization", "region", "link__chain")


def visible_postings(user: Any, alliance: Alliance) -> QuerySet[JobPosting]:
    """Postings ``user`` may read: the open ones (anyone); a closed or expired one only its
    organisation's people and the secretariat."""
    postings = JobPosting.objects.filter(alliance=alliance)
    if is_secretariat(user, alliance):
        return postings
    seen = Q(pk__in=open_postings(alliance).values("pk"))
    if organization_id := getattr(user, "organization_id", None):
        seen |= Q(organization_id=organization_id)
    return postings.filter(seen)


@transaction.atomic
def apply_for_job(
    posting: JobPosting, data: dict[str, Any], *, actor: Any, source: str
) -> JobApplication:
    """A candidate applies (signed in or not). Refused when the posting is closed or expired,
    or when the same e-mail address applied already."""
    posting = JobPosting.objects.get(pk=posting.pk)
    if posting.status != BoardStatus.OPEN or posting.valid_until < timezone.localdate():
        raise ValidationError(_("This position is no longer open."))
    application = JobApplication(
        posting=posting, applicant=actor if getattr(actor, "is_authenticated", False) else None
    )
    _fill(application, data, ["name", "email", "phone", "message"])
    application.email = (application.email or "").strip().lower()
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already applied for this position.")) from error
    audit.record(application, action=audit.Action.CREATE, actor=actor, source=source,
                 changes={"status": [None, application.status]})  # fmt: skip
    return application


@transaction.atomic
def set_application_status(
    application: JobApplication, status: str, *, actor: Any, source: str
) -> JobApplication:
    """The posting organisation moves a candidate along (shortlisted, hired, declined)."""
    application = (
        JobApplication.objects.select_for_update(of=("self",))
        .select_related("posting")
        .get(pk=application.pk)
    )
    if getattr(actor, "organization_id", None) != application.posting.organization_id:
        raise PermissionDenied(_("Only the organisation that posted the position may do this."))
    if status not in ApplicationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    before, application.status = application.status, status
    application.save(update_fields=["status", "updated_at"])
    audit.record(application, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [before, status]})  # fmt: skip
    return application


def talent_activity(alliance: Alliance) -> dict[str, Any]:
    """The board's activity for the secretariat: postings, openings and applications."""
    postings = JobPosting.objects.filter(alliance=alliance)
    applications = JobApplication.objects.filter(posting__alliance=alliance)
    by_status = dict(applications.values_list("status").annotate(n=Count("id")))
    return {
        "postings": postings.count(),
        "open_postings": open_postings(alliance).count(),
        "openings": postings.aggregate(n=Sum("openings"))["n"] or 0,
        "applications": applications.count(),
        "applications_by_status": {s: by_status.get(s, 0) for s in ApplicationStatus.values},
        "organizations_posting": postings.values("organization").distinct().count(),
    }


# --- Financing --------------------------------------------------------------------------------


@transaction.atomic
def file_need(
    alliance: Alliance, data: dict[str, Any], *, actor: Any, source: str
) -> FinancingNeed:
    """A member files a financing need. Side effects: saves, audits."""
    organization = _representing_member(actor, alliance)
    need = FinancingNeed(alliance=alliance, organization=organization, filed_by=actor)
    _fill(need, data, NEED_FIELDS)
    if need.amount is not None and need.amount <= Decimal(0):
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    need.full_clean()
    need.save()
    audit.record(need, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(need, NEED_FIELDS)))  # fmt: skip
    return need


def institutions(alliance: Alliance) -> QuerySet[Organization]:
    """The alliance's financial institutions: member organisations of that kind today."""
    return Organization.objects.filter(
        in_force_on(timezone.localdate(), "memberships__"), memberships__alliance=alliance,
        kind=OrganizationKind.FINANCIAL,
    ).distinct()  # fmt: skip


def institution_of(actor: Any, alliance: Alliance) -> Organization | None:
    """The financial institution of the alliance ``actor`` answers for, if any."""
    organization_id = getattr(actor, "organization_id", None)
    if not organization_id:
        return None
    return institutions(alliance).filter(pk=organization_id).first()


def visible_needs(user: Any, alliance: Alliance) -> QuerySet[FinancingNeed]:
    """Needs the user may see: the secretariat all of them; a financial institution the open
    ones and those it answered or filed; a member its own organisation's; anyone else none."""
    needs = FinancingNeed.objects.filter(alliance=alliance).select_related("organization", "link")
    if is_secretariat(user, alliance):  # platform administrators included
        return needs
    if institution_of(user, alliance) is not None:
        # Closed needs stay visible to an institution that answered them or filed them.
        return needs.filter(
            Q(status=BoardStatus.OPEN) | Q(organization_id=user.organization_id)
            | Q(pk__in=FinancingResponse.objects.filter(
                institution_id=user.organization_id).values("need_id"))
        )  # fmt: skip
    organization_id = getattr(user, "organization_id", None)
    return needs.filter(organization_id=organization_id) if organization_id else needs.none()


def takes_part(user: Any, alliance: Alliance) -> bool:
    """Whether ``user`` has a place on the alliance's financing board: the secretariat, a
    financial institution of the alliance, or a member organisation's person."""
    return bool(
        is_secretariat(user, alliance)
        or institution_of(user, alliance)
        or member_organization(user, alliance)
    )


def visible_responses(user: Any, alliance: Alliance) -> QuerySet[FinancingResponse]:
    """Answers the user may read: the secretariat every one; the filing organisation every
    answer to its needs; an institution its own (never another institution's)."""
    responses = FinancingResponse.objects.filter(need__alliance=alliance)
    if is_secretariat(user, alliance):  # platform administrators included
        return responses
    organization_id = getattr(user, "organization_id", None)
    if not organization_id:
        return responses.none()
    return responses.filter(
        Q(need__organization_id=organization_id) | Q(institution_id=organization_id)
    )


@transaction.atomic
def respond(
    need: FinancingNeed, *, actor: Any, source: str, status: str = ResponseStatus.INTERESTED,
    message: str = "",
) -> FinancingResponse:  # fmt: skip
    """A financial institution of the alliance answers a need, or moves its answer on
    (interested → in talks → term sheet → funded, or declined). Side effects: saves, audits."""
    need = FinancingNeed.objects.select_related("alliance").get(pk=need.pk)
    institution = institution_of(actor, need.alliance)
    if institution is None:
        raise PermissionDenied(_("Only the alliance's financial institutions may answer."))
    if status not in ResponseStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    response, created = FinancingResponse.objects.select_for_update().get_or_create(
        need=need, institution=institution,
        defaults={"status": status, "message": message, "responded_by": actor},
    )  # fmt: skip
    if created:
        if need.status != BoardStatus.OPEN:
            raise ValidationError(_("This financing need is closed."))
        before = None
    else:
        before, response.status = response.status, status
        response.message = message or response.message
        response.responded_by = actor
        response.save()
    audit.record(response, action=audit.Action.CREATE if created else audit.Action.UPDATE,
                 actor=actor, source=source, changes={"status": [before, status]})  # fmt: skip
    return response


@transaction.atomic
def close_need(need: FinancingNeed, *, actor: Any, source: str) -> FinancingNeed:
    need = FinancingNeed.objects.select_for_update().get(pk=need.pk)
    if getattr(actor, "organization_id", None) != need.organization_id:
        raise PermissionDenied(_("Only the organisation that filed it may close it."))
    if need.status == BoardStatus.CLOSED:
        raise ValidationError(_("This is already closed."))
    need.status = BoardStatus.CLOSED
    need.save(update_fields=["status", "updated_at"])
    audit.record(need, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [BoardStatus.OPEN, BoardStatus.CLOSED]})  # fmt: skip
    return need


def pipeline(alliance: Alliance) -> dict[str, Any]:
    """The financing pipeline for the secretariat: needs and amounts, and the institutions'
    answers by stage."""
    needs = FinancingNeed.objects.filter(alliance=alliance)
    responses = FinancingResponse.objects.filter(need__alliance=alliance)
    by_status = dict(responses.values_list("status").annotate(n=Count("id")))
    funded = needs.filter(responses__status=ResponseStatus.FUNDED).distinct()
    return {
        "needs": needs.count(),
        "open_needs": needs.filter(status=BoardStatus.OPEN).count(),
        "amount_sought": needs.aggregate(s=Sum("amount"))["s"] or Decimal(0),
        "needs_answered": needs.filter(responses__isnull=False).distinct().count(),
        "responses_by_status": {s: by_status.get(s, 0) for s in ResponseStatus.values},
        "needs_funded": funded.count(),
        "amount_funded_needs": funded.aggregate(s=Sum("amount"))["s"] or Decimal(0),
    }
