"""The policy library: which policies apply to an organisation, and telling members of new ones.

A policy's eligibility conditions are each optional; an organisation is eligible when every
condition that is set holds: located in one of the regions (a region includes its
sub-regions), a confirmed position on one of the chain links (or a link under one), one of the
organisation kinds, one of the enterprise sizes, a recognised high-tech enterprise, founded at
least / at most so many whole years ago. An unknown fact (no region, no founding date…) does
not meet a condition that asks for it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance
from ...chains.domain.names import localized
from ...chains.enums import PositionStatus
from ...chains.models import Link, Position
from ...common.domain import audit
from ...common.domain.notifications import notify_each
from ...organizations.models import Organization, Region
from ..models import Policy

FIELDS = [
    "title", "issuer", "document_number", "issuing_region", "issued_on", "effective_from",
    "effective_until", "summary", "full_text", "source_url", "kinds", "sizes",
    "high_tech_only", "min_age_years", "max_age_years",
]  # fmt: skip


@dataclass(frozen=True)
class Condition:
    label: str
    met: bool


def _years(founded: date, today: date) -> int:
    return today.year - founded.year - ((today.month, today.day) < (founded.month, founded.day))


def _on_links(organization: Organization, links: list[Link]) -> bool:
    held = Q()
    for link in links:
        held |= Q(link__chain_id=link.chain_id) & (
            Q(link__code=link.code) | Q(link__code__startswith=f"{link.code}.")
        )
    return Position.objects.filter(
        held, organization=organization, status=PositionStatus.CONFIRMED
    ).exists()


def eligibility(policy: Policy, organization: Organization, *, today: date) -> list[Condition]:
    """The policy's conditions that are set, each with whether ``organization`` meets it."""
    found: list[Condition] = []
    regions = list(policy.regions.all())
    if regions:
        code = organization.region_id or ""
        met = any(code.startswith(region.prefix) for region in regions)
        names = "、".join(region.localized_name for region in regions)
        found.append(Condition(_("Located in {regions}").format(regions=names), met))
    links = list(policy.links.all())  # prefetched by ``policies_for``
    if links:
        names = "、".join(localized(link) for link in links)
        found.append(
            Condition(_("Works on {links}").format(links=names), _on_links(organization, links))
        )
    if policy.kinds:
        found.append(Condition(_("Kind of organisation"), organization.kind in policy.kinds))
    if policy.sizes:
        found.append(Condition(_("Enterprise size"), organization.size in policy.sizes))
    if policy.high_tech_only:
        found.append(
            Condition(_("Recognised high-tech enterprise"), organization.high_tech is True)
        )
    founded = organization.founded_on
    if policy.min_age_years is not None:
        met = founded is not None and _years(founded, today) >= policy.min_age_years
        found.append(
            Condition(_("Founded at least {n} years ago").format(n=policy.min_age_years), met)
        )
    if policy.max_age_years is not None:
        met = founded is not None and _years(founded, today) <= policy.max_age_years
        found.append(
            Condition(_("Founded at most {n} years ago").format(n=policy.max_age_years), met)
        )
    return found


def in_force(today: date) -> Q:
    return (Q(effective_from__isnull=True) | Q(effective_from__lte=today)) & (
        Q(effective_until__isnull=True) | Q(effective_until__gte=today)
    )


def library(alliance: Alliance, *, drafts: bool, today: date) -> QuerySet[Policy]:
    """The alliance's policies (published ones only unless ``drafts``), each annotated
    ``current``: in force on ``today``."""
    found = Policy.objects.for_alliance(alliance)
    if not drafts:
        found = found.filter(published_at__isnull=False)
    return found.annotate(current=ExpressionWrapper(in_force(today), BooleanField()))


def policies_for(
    organization: Organization, *, alliances: Iterable[Alliance] | None = None,
    today: date | None = None,
) -> list[Policy]:  # fmt: skip
    """The published policies in force that ``organization`` is eligible for (in the given
    alliances' libraries, or all), newest first."""
    today = today or timezone.localdate()
    found = Policy.objects.filter(in_force(today), published_at__isnull=False)
    if alliances is not None:
        found = found.filter(alliance__in=list(alliances))
    found = found.prefetch_related("regions", "links__chain")
    return [
        policy
        for policy in found
        if all(c.met for c in eligibility(policy, organization, today=today))
    ]


def _snapshot(policy: Policy) -> dict[str, Any]:
    """The audited values, the eligibility's regions and chain links included."""
    values = audit.snapshot(policy, FIELDS)
    if policy.pk:
        values["regions"] = sorted(policy.regions.values_list("code", flat=True))
        values["links"] = sorted(
            f"{slug}:{code}" for slug, code in policy.links.values_list("chain__slug", "code")
        )
    return values


def _set(policy: Policy, data: dict[str, Any], regions: Iterable[Region] | None,
         links: Iterable[Link] | None) -> None:  # fmt: skip
    for name in FIELDS:
        if name in data:
            setattr(policy, name, data[name])
    policy.full_clean(exclude=["alliance", "created_by"])
    policy.save()
    if regions is not None:
        policy.regions.set(list(regions))
    if links is not None:
        policy.links.set(list(links))


@transaction.atomic
def create_policy(
    alliance: Alliance, data: dict[str, Any], *, actor: Any, source: str,
    regions: Iterable[Region] = (), links: Iterable[Link] = (), publish: bool = False,
) -> Policy:  # fmt: skip
    """Enter a policy in the alliance's library (published at once with ``publish``).

    Side effects: saves, audits; on publishing, tells the eligible members (after commit).
    """
    policy = Policy(alliance=alliance, created_by=actor if getattr(actor, "pk", None) else None)
    _set(policy, data, regions, links)
    audit.record(policy, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, _snapshot(policy)))  # fmt: skip
    return publish_policy(policy, actor=actor, source=source) if publish else policy


@transaction.atomic
def update_policy(
    policy: Policy, data: dict[str, Any], *, actor: Any, source: str,
    regions: Iterable[Region] | None = None, links: Iterable[Link] | None = None,
) -> Policy:  # fmt: skip
    """Change a policy's text, dates or eligibility. Side effects: saves, audits."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    before = _snapshot(policy)
    _set(policy, data, regions, links)
    audit.record_changed(policy, before, after=_snapshot(policy), actor=actor, source=source)
    return policy


@transaction.atomic
def publish_policy(policy: Policy, *, actor: Any, source: str) -> Policy:
    """Publish a policy; the people of the alliance's member organisations it applies to are
    told (in-app, after commit). Publishing twice changes nothing."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.published_at is not None:
        return policy
    policy.published_at = timezone.now()
    policy.save(update_fields=["published_at", "updated_at"])
    audit.record(policy, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"published_at": [None, str(policy.published_at)]})  # fmt: skip
    transaction.on_commit(lambda: tell_eligible_members(policy.pk))
    return policy


def tell_eligible_members(policy_id: int) -> int:
    """Notify the representatives of the alliance's members the policy applies to. Returns
    how many organisations were concerned."""
    from django.contrib.auth import get_user_model

    # Prefetched once: ``eligibility`` reads them again for every member.
    policy = (
        Policy.objects.select_related("alliance").prefetch_related("regions", "links")
        .get(pk=policy_id)
    )  # fmt: skip
    today = timezone.localdate()
    members = Organization.objects.filter(
        in_force_on(today, "memberships__"), memberships__alliance=policy.alliance
    ).distinct()
    try:
        url = reverse("memberservices:policy", args=[policy.alliance.slug, policy.pk])
    except NoReverseMatch:  # the pages are not mounted (a bare domain use)
        url = ""
    concerned = 0
    users = get_user_model().objects.filter(is_active=True)
    for organization in members:
        if not all(c.met for c in eligibility(policy, organization, today=today)):
            continue
        concerned += 1
        notify_each(
            users.filter(organization=organization),
            title=lambda: _("A new policy may apply to your organisation: {title}").format(
                title=policy.title
            ),
            body=lambda: policy.summary[:500], url=url,
        )  # fmt: skip
    return concerned
