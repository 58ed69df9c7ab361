"""A small alliance with a council, ready for meetings and votes (built through the domain)."""

from dataclasses import dataclass, field
from datetime import date

from rest_framework.test import APIClient

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import council
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.enums import MeetingKind
from alliancehub.governance.models import Meeting, Term
from alliancehub.organizations.models import Organization

from . import OrganizationFactory, UserFactory

SYSTEM = Source.SYSTEM
COUNCIL_TIERS = [
    MembershipTier.CHAIR,
    MembershipTier.VICE_CHAIR,
    MembershipTier.VICE_CHAIR,
    MembershipTier.DIRECTOR,
    MembershipTier.DIRECTOR,
    MembershipTier.DIRECTOR,
]


@dataclass
class Setup:
    alliance: Alliance
    term: Term
    units: list[Organization]  # the six council units, chair first
    members: list[Organization]  # two ordinary member units (no vote in council)
    secretariat: object
    representatives: dict[int, object] = field(default_factory=dict)  # organisation id → user

    def meeting(self, kind: str = MeetingKind.COUNCIL, *, present: int | None = None) -> Meeting:
        """A meeting on 2021-06-01 with the first ``present`` council units present (all)."""
        held = meetings.schedule_meeting(
            self.alliance, term=self.term, kind=kind, held_on=date(2021, 6, 1),
            venue="绍兴国际会展中心", actor=self.secretariat, source=SYSTEM,
        )  # fmt: skip
        count = len(self.units) if present is None else present
        for unit in self.units[:count]:
            meetings.record_attendance(held, organization=unit, actor=None, source=SYSTEM)
        return held


def build_alliance(slug: str = "sx-h2", *, name: str = "绍兴市氢能产业联盟") -> Setup:
    alliance = Alliance.objects.create(name=name, name_en=f"{slug} alliance", slug=slug)
    term = council.start_term(alliance, starts_on=date(2021, 1, 1), actor=None, source=SYSTEM)
    secretariat = UserFactory(username=f"{slug}-secretariat")
    AllianceRole.objects.create(
        user=secretariat, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    setup = Setup(alliance, term, [], [], secretariat)
    for index, tier in enumerate([*COUNCIL_TIERS, MembershipTier.MEMBER, MembershipTier.MEMBER]):
        unit = OrganizationFactory(name=f"{slug}成员单位{index}有限公司")
        membership.admit(alliance, unit, tier, on=date(2021, 1, 1), actor=None, source=SYSTEM)
        (setup.units if tier != MembershipTier.MEMBER else setup.members).append(unit)
        rep = UserFactory(username=f"{slug}-rep{index}", organization=unit)
        AllianceRole.objects.create(
            user=rep, alliance=alliance, role=AllianceRole.Kind.MEMBER, organization=unit
        )
        setup.representatives[unit.pk] = rep
    return setup


def english_api(user=None) -> APIClient:
    """An API client reading English (labels, titles, messages), signed in as ``user`` if given."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def api_url(setup: Setup, resource: str, pk=None, action: str = "") -> str:
    """``/api/v1/alliances/<slug>/<resource>/[<pk>/][<action>/]``."""
    path = f"/api/v1/alliances/{setup.alliance.slug}/{resource}/"
    if pk is not None:
        path += f"{pk}/"
    return path + (f"{action}/" if action else "")
