"""Member services as the tests meet them: an alliance with its secretariat, an expert,
members, a provider and another alliance (``build_world``); its talent and financing boards
with financial institutions (``build_boards``); and requests, postings and financing needs
made through the domain (``submit``, ``post``, ``file``)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.common.domain.audit import Source
from alliancehub.memberservices.domain import boards, catalogue, requests
from alliancehub.memberservices.enums import ServiceKind, TimeUnit
from alliancehub.memberservices.models import Service

from . import OrganizationFactory, UserFactory

WEB = Source.WEB


@dataclass
class World:
    alliance: Alliance
    other: Alliance  # another alliance, with its own member and service
    secretariat: object
    expert: object
    member: object  # representative of ``unit``
    unit: object
    neighbour: object  # representative of ``neighbour_unit``, another member
    neighbour_unit: object
    provider: object  # representative of ``provider_unit`` (no role in the alliance)
    provider_unit: object
    outsider: object  # member representative in ``other``
    other_secretariat: object
    service: Service  # high-tech recognition, 48 hours, provided by ``provider_unit``
    other_service: Service


def add_member(alliance: Alliance, name: str, username: str):
    unit = OrganizationFactory(name=name)
    membership.admit(alliance, unit, MembershipTier.MEMBER, on=date(2024, 1, 1), actor=None,
                     source=Source.SYSTEM)  # fmt: skip
    person = UserFactory(username=username, organization=unit)
    AllianceRole.objects.create(
        user=person, alliance=alliance, role=AllianceRole.Kind.MEMBER, organization=unit
    )
    return unit, person


def grant(alliance: Alliance, username: str, role: str):
    person = UserFactory(username=username)
    AllianceRole.objects.create(user=person, alliance=alliance, role=role)
    return person


def build_world() -> World:
    alliance = Alliance.objects.create(
        name="绍兴市科技创新促进会", name_en="STIPA", slug="sx-stipa"
    )
    other = Alliance.objects.create(name="苏州氢能联盟", name_en="Suzhou H2", slug="sz-h2")
    secretariat = grant(alliance, "stipa-secretariat", AllianceRole.Kind.SECRETARIAT)
    expert = grant(alliance, "stipa-expert", AllianceRole.Kind.EXPERT)
    other_secretariat = grant(other, "sz-secretariat", AllianceRole.Kind.SECRETARIAT)
    unit, member = add_member(alliance, "浙江天洁环境科技股份有限公司", "tengy")
    neighbour_unit, neighbour = add_member(alliance, "绍兴宝晶复合材料有限公司", "baojing")
    _other_unit, outsider = add_member(other, "苏州膜电极有限公司", "sz-member")
    provider_unit = OrganizationFactory(name="浙江清华长三角研究院", kind="research_institute")
    provider = UserFactory(username="tsinghua-yrd", organization=provider_unit)
    service = catalogue.create_service(
        alliance,
        {"kind": ServiceKind.HIGH_TECH_RECOGNITION, "name": "高新技术企业认定辅导",
         "target_amount": 48, "target_unit": TimeUnit.HOURS},
        providers=[provider_unit], actor=secretariat, source=WEB,
    )  # fmt: skip
    other_service = catalogue.create_service(
        other, {"kind": ServiceKind.FINANCING, "name": "融资对接", "target_amount": 7},
        actor=other_secretariat, source=WEB,
    )  # fmt: skip
    return World(alliance, other, secretariat, expert, member, unit, neighbour, neighbour_unit,
                 provider, provider_unit, outsider, other_secretariat, service, other_service)  # fmt: skip


def submit(world: World, who: str = "member", subject: str = "申请认定辅导", **extra):
    person = getattr(world, who)
    unit = world.unit if who == "member" else world.neighbour_unit
    return requests.submit_request(
        extra.pop("service", world.service), organization=unit, subject=subject,
        description=extra.pop("description", "请协助梳理研发费用归集。"), actor=person,
        source=WEB, **extra,
    )  # fmt: skip


@dataclass
class Boards:
    world: World
    bank: object  # a financial institution of the alliance (member representative)
    bank_unit: object
    fund: object  # another one
    fund_unit: object
    other_bank: object  # a financial institution of the other alliance

    def __getattr__(self, name):
        return getattr(self.world, name)


def institution(alliance: Alliance, name: str, username: str, *, role: bool = True):
    unit = OrganizationFactory(name=name, kind="financial")
    membership.admit(alliance, unit, MembershipTier.MEMBER, on=date(2024, 1, 1), actor=None,
                     source=Source.SYSTEM)  # fmt: skip
    person = UserFactory(username=username, organization=unit)
    if role:
        AllianceRole.objects.create(user=person, alliance=alliance, role=AllianceRole.Kind.MEMBER,
                                    organization=unit)  # fmt: skip
    return unit, person


def build_boards() -> Boards:
    world = build_world()
    bank_unit, bank = institution(world.alliance, "绍兴银行", "sx-bank")
    fund_unit, fund = institution(world.alliance, "绍兴市产业基金", "sx-fund", role=False)
    _unit, other_bank = institution(world.other, "苏州银行", "sz-bank")
    return Boards(world, bank, bank_unit, fund, fund_unit, other_bank)


def post(world, who="member", title="电化学工程师", **extra):
    data = {"title": title, "description": "燃料电池测试与标定。",
            "valid_until": timezone.localdate() + timedelta(days=30), **extra}  # fmt: skip
    return boards.post_job(world.alliance, data, actor=getattr(world, who), source=WEB)


def file(world, who="member", amount="5000000", stage="a", **extra):
    data = {"amount": Decimal(amount), "stage": stage, "use_of_funds": "扩建膜电极产线", **extra}
    return boards.file_need(world.alliance, data, actor=getattr(world, who), source=WEB)
