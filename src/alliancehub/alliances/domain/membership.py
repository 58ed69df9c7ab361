"""Joining an alliance, changing tier, leaving: the secretariat's membership decisions.

Every function records an audit-log entry. Membership periods are never deleted or rewritten:
a change ends the open period the day before the new one starts.
"""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ...accounts.models import AllianceRole
from ...common.domain import audit
from ...common.tasks import enqueue
from ...organizations.models import Organization
from ..enums import AllianceStatus, ApplicationStatus, MembershipTier
from ..models import Alliance, Membership, MembershipApplication
from ..tasks import notify_decision


def current_membership(alliance: Alliance, organization: Organization) -> Membership | None:
    return Membership.objects.filter(
        alliance=alliance, organization=organization, valid_to__isnull=True
    ).first()


def in_force_on(day: date, prefix: str = "") -> Q:
    """The condition for a membership period in force on ``day`` (``prefix``: the path to the
    membership from the queried model, e.g. ``"memberships__"``)."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def members_on(alliance: Alliance, day: date, tier: str | None = None) -> QuerySet[Membership]:
    """The memberships of ``alliance`` in force on ``day``, optionally of one tier."""
    periods = Membership.objects.filter(in_force_on(day), alliance=alliance)
    if tier:
        periods = periods.filter(tier=tier)
    return periods.select_related("organization")


@transaction.atomic
def apply_for_membership(
    alliance: Alliance,
    organization: Organization,
    *,
    actor: Any,
    source: str,
    tier: str = MembershipTier.MEMBER,
    message: str = "",
) -> MembershipApplication:
    """File an application. Side effects: saves it, writes an audit entry.

    Refused when the organisation is already a member or has an application pending.
    """
    if current_membership(alliance, organization):
        raise ValidationError(_("This organisation is already a member of the alliance."))
    if alliance.status != AllianceStatus.ACTIVE:
        raise ValidationError(_("This alliance no longer takes members."))
    if MembershipApplication.objects.filter(
        alliance=alliance, organization=organization, status=ApplicationStatus.PENDING
    ).exists():
        raise ValidationError(_("This organisation already has an application pending."))
    application = MembershipApplication.objects.create(
        alliance=alliance,
        organization=organization,
        tier=tier,
        message=message,
        applicant=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        application, action=audit.Action.CREATE, actor=actor, source=source,
        changes={"status": [None, application.status], "tier": [None, tier]},
    )  # fmt: skip
    return application


def _decide(
    application: MembershipApplication, status: str, *, actor: Any, source: str, reason: str
) -> None:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."))
    application.status, application.reason = status, reason
    application.decided_by = actor if getattr(actor, "pk", None) else None
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
    enqueue(notify_decision, application.pk)
    audit.record(
        application, action=audit.Action.UPDATE, actor=actor, source=source,
        changes={"status": [ApplicationStatus.PENDING, status], "reason": [None, reason or None]},
    )  # fmt: skip


@transaction.atomic
def approve_membership(
    application: MembershipApplication,
    *,
    actor: Any,
    source: str,
    on: date | None = None,
    basis: str = "",
    tier: str | None = None,
) -> Membership:
    """Admit the applicant from ``on`` (today by default) at the tier applied for, or at
    ``tier`` when the secretariat decides otherwise.

    Side effects: marks the application approved, opens a membership period, writes audit
    entries for both, e-mails the applicant (after commit). Refused if the application was already decided.
    """
    _decide(application, ApplicationStatus.APPROVED, actor=actor, source=source, reason="")
    membership = _open_period(
        application.alliance, application.organization, tier or application.tier,
        on=on or timezone.localdate(), actor=actor, source=source,
        basis=basis,
    )  # fmt: skip
    applicant = application.applicant
    if applicant is not None and applicant.organization_id == application.organization_id:
        AllianceRole.objects.get_or_create(
            user=applicant, alliance=application.alliance, role=AllianceRole.Kind.MEMBER,
            defaults={"organization": application.organization},
        )  # fmt: skip
    return membership


@transaction.atomic
def admit(
    alliance: Alliance,
    organization: Organization,
    tier: str,
    *,
    on: date,
    actor: Any,
    source: str,
    basis: str = "",
) -> Membership:
    """Enter a member directly, by a secretariat decision or a resolution (no application).

    Side effects: opens a membership period, audits. Refused if it is already a member.
    """
    if (
        Membership.objects.select_for_update()
        .filter(alliance=alliance, organization=organization, valid_to__isnull=True)
        .exists()
    ):
        raise ValidationError(_("This organisation is already a member of the alliance."))
    return _open_period(
        alliance, organization, tier, on=on, actor=actor, source=source, basis=basis
    )


@transaction.atomic
def reject_membership(
    application: MembershipApplication, *, actor: Any, source: str, reason: str
) -> None:
    """Turn the application down; the reason is required, shown and e-mailed to the applicant."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the applicant a reason.")})
    _decide(
        application, ApplicationStatus.REJECTED, actor=actor, source=source, reason=reason.strip()
    )


def _open_period(
    alliance: Alliance,
    organization: Organization,
    tier: str,
    *,
    on: date,
    actor: Any,
    source: str,
    basis: str,
) -> Membership:
    membership = Membership(
        alliance=alliance, organization=organization, tier=tier, valid_from=on, basis=basis
    )
    membership.full_clean()
    membership.save()
    audit.record(
        membership, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(membership, ["tier", "valid_from", "basis"])),
    )  # fmt: skip
    return membership


def _close_period(membership: Membership, *, last_day: date, actor: Any, source: str) -> None:
    if last_day < membership.valid_from:
        raise ValidationError(_("A membership cannot end before it starts."))
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to", "updated_at"])
    audit.record(
        membership, action=audit.Action.UPDATE, actor=actor, source=source,
        changes={"valid_to": [None, str(last_day)]},
    )  # fmt: skip


@transaction.atomic
def change_tier(
    membership: Membership, tier: str, *, actor: Any, source: str, on: date, basis: str
) -> Membership:
    """Move a member to another tier from ``on``, by a resolution or a secretariat decision.

    Side effects: ends the open period the day before ``on``, opens a new one, audits both.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.valid_to is not None:
        raise ValidationError(_("This membership period has already ended."))
    if membership.tier == tier:
        raise ValidationError(_("The organisation already holds this tier."))
    if on == membership.valid_from:
        # Admitted and moved on the same day (a founding conference admits, then elects): the
        # first tier was never in force for a whole day, so the period takes the new tier.
        before = audit.snapshot(membership, ["tier", "basis"])
        membership.tier, membership.basis = tier, basis
        membership.save(update_fields=["tier", "basis", "updated_at"])
        audit.record(
            membership, action=audit.Action.UPDATE, actor=actor, source=source,
            changes=audit.diff(before, audit.snapshot(membership, ["tier", "basis"])),
        )  # fmt: skip
        return membership
    _close_period(membership, last_day=on - timedelta(days=1), actor=actor, source=source)
    return _open_period(
        membership.alliance, membership.organization, tier,
        on=on, actor=actor, source=source, basis=basis,
    )  # fmt: skip


@transaction.atomic
def withdraw(membership: Membership, *, actor: Any, source: str, last_day: date) -> None:
    """End a membership on ``last_day`` (withdrawal or expulsion). Its history stays."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.valid_to is not None:
        raise ValidationError(_("This membership period has already ended."))
    _close_period(membership, last_day=last_day, actor=actor, source=source)
