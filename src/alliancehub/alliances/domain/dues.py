"""Dues and suspensions: the secretariat's record of what members owe and whose rights rest."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...organizations.models import Organization
from ..models import Alliance, DuesPeriod, Membership, Suspension


@transaction.atomic
def record_dues(
    alliance: Alliance,
    organization: Organization,
    *,
    label: str,
    amount: Decimal,
    due_on: date,
    actor: Any,
    source: str,
) -> DuesPeriod:
    """Record what a member owes for a period. Refused for a non-member or a period twice."""
    if not Membership.objects.filter(alliance=alliance, organization=organization).exists():
        raise ValidationError(_("This organisation is not a member of the alliance."))
    dues = DuesPeriod(
        alliance=alliance, organization=organization, label=label.strip(), amount=amount,
        due_on=due_on,
    )  # fmt: skip
    dues.full_clean()
    try:
        with transaction.atomic():
            dues.save()
    except IntegrityError as error:  # recorded at the same moment by someone else
        raise ValidationError(_("Dues for this period are already recorded.")) from error
    audit.record(
        dues, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(dues, ["label", "amount", "due_on"])),
    )  # fmt: skip
    return dues


@transaction.atomic
def mark_paid(dues: DuesPeriod, *, paid_on: date, actor: Any, source: str) -> DuesPeriod:
    dues = DuesPeriod.objects.select_for_update().get(pk=dues.pk)
    if dues.paid_on is not None:
        raise ValidationError(_("These dues are already marked as paid."))
    dues.paid_on = paid_on
    dues.save(update_fields=["paid_on", "updated_at"])
    audit.record(dues, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"paid_on": [None, str(paid_on)]})  # fmt: skip
    return dues


def unpaid_dues(alliance: Alliance, day: date) -> QuerySet[DuesPeriod]:
    """Dues of ``alliance`` past their due date on ``day`` and not paid."""
    return (
        DuesPeriod.objects.for_alliance(alliance)
        .filter(paid_on__isnull=True, due_on__lt=day)
        .select_related("organization")
        .order_by("due_on", "organization__name")
    )


@transaction.atomic
def suspend(
    membership: Membership, *, starts_on: date, reason: str, actor: Any, source: str
) -> Suspension:
    """Suspend a member's rights from ``starts_on`` (it keeps its tier). A reason is required."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.valid_to is not None:
        raise ValidationError(_("This membership period has already ended."))
    if _open_suspension(membership) is not None:
        raise ValidationError(_("This member is already suspended."))
    if starts_on < membership.valid_from:
        raise ValidationError(_("A suspension cannot start before the membership period."))
    suspension = Suspension(membership=membership, starts_on=starts_on, reason=reason.strip())
    suspension.full_clean()
    suspension.save()
    audit.record(
        suspension, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(suspension, ["starts_on", "reason"])),
    )  # fmt: skip
    return suspension


@transaction.atomic
def reinstate(membership: Membership, *, last_day: date, actor: Any, source: str) -> Suspension:
    """End the open suspension after ``last_day``."""
    suspension = _open_suspension(membership)
    if suspension is None:
        raise ValidationError(_("This member is not suspended."))
    if last_day < suspension.starts_on:
        raise ValidationError(_("A suspension cannot end before it starts."))
    suspension.ends_on = last_day
    suspension.save(update_fields=["ends_on", "updated_at"])
    audit.record(suspension, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"ends_on": [None, str(last_day)]})  # fmt: skip
    return suspension


def _open_suspension(membership: Membership) -> Suspension | None:
    """The member's open suspension, locked. It may rest on an earlier period of the same
    membership: a change of tier opens a new period but does not lift a suspension."""
    return (
        Suspension.objects.select_for_update()
        .filter(
            membership__alliance_id=membership.alliance_id,
            membership__organization_id=membership.organization_id,
            ends_on__isnull=True,
        )
        .first()
    )


def suspended_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )
