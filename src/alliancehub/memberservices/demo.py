"""Demo member services of the promotion association (seed 002, ``sx-stipa``).

The article says the association will improve its service for high-tech-enterprise
recognition, provide talent-recruitment services and work with banks and investment
companies on financing. The catalogue below follows it; the providers are seed
organisations (the research institutes and science associations the seeds name), the target
times are demo data. TENGY (天洁, an executive-director unit) asks for help with recognition
through a representative who can sign in; the request is in progress with a provider.
Loading again adds nothing: services are found by name, the request by its subject.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from ..accounts.demo import DEMO_USERNAME
from ..accounts.models import AllianceRole, User
from ..alliances.models import Alliance
from ..common.domain import audit
from ..common.domain.audit import Source
from ..organizations.models import Organization
from .domain import catalogue, requests
from .enums import ServiceKind, TimeUnit
from .models import Service, ServiceRequest

SYSTEM = Source.SYSTEM
TENGY = "浙江天洁环境科技股份有限公司"
TSINGHUA_YRD = "浙江清华长三角研究院"
SHU_SX = "上海大学绍兴研究院"
SX_AST = "绍兴市科学技术协会"
ZJ_AST = "诸暨市科学技术协会"

# (name, kind, description, target amount, unit, providers)
SERVICES: list[tuple[str, str, str, int, str, list[str]]] = [
    ("高新技术企业认定辅导", ServiceKind.HIGH_TECH_RECOGNITION,
     "国家高新技术企业与省级科技型企业认定政策解读、申报材料梳理与预评估辅导（演示数据）。",
     10, TimeUnit.DAYS, [TSINGHUA_YRD, SHU_SX]),
    ("科技成果转化对接", ServiceKind.TECHNOLOGY_TRANSFER,
     "对接高校院所科技成果，协助开展成果评价与转化合作（演示数据）。",
     15, TimeUnit.DAYS, [SHU_SX, TSINGHUA_YRD]),
    ("融资对接", ServiceKind.FINANCING,
     "与银行、投资公司、证券公司合作搭建融资平台，对接融资渠道（演示数据；合作金融机构待录入）。",
     7, TimeUnit.DAYS, []),
    ("人才招聘服务", ServiceKind.TALENT, "为会员单位发布招聘需求、组织专场招聘（演示数据）。",
     5, TimeUnit.DAYS, [SX_AST]),
    ("科技政策咨询", ServiceKind.POLICY, "科技创新与高新技术企业政策咨询（演示数据）。",
     48, TimeUnit.HOURS, [SX_AST, ZJ_AST]),
    ("企业维权服务", ServiceKind.LEGAL, "会员企业合法权益维护的咨询与协调（演示数据）。",
     5, TimeUnit.DAYS, []),
]  # fmt: skip

REQUEST_SUBJECT = "申请高新技术企业认定辅导（演示数据）"
REQUEST_TEXT = (
    "我公司拟于今年申报国家高新技术企业，请协助梳理研发费用归集与知识产权材料。"
    "（演示数据：报道只说促进会将提升高新技术企业认定服务水平。）"
)


def _org(name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first()


def _user(username: str, **defaults: Any) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created or not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _grant(user: User, alliance: Alliance, role: str, organization: Organization | None) -> None:
    grant, created = AllianceRole.objects.get_or_create(
        user=user, alliance=alliance, role=role, defaults={"organization": organization}
    )
    if created:
        audit.record(grant, action=audit.Action.CREATE, actor=None, source=SYSTEM,
                     changes={"role": [None, role], "user": [None, user.username]})  # fmt: skip


def _catalogue(alliance: Alliance, secretariat: User) -> int:
    added = 0
    for name, kind, description, amount, unit, providers in SERVICES:
        if Service.objects.for_alliance(alliance).filter(name=name).exists():
            continue
        units = [org for org in map(_org, providers) if org is not None]
        data = {"kind": kind, "name": name, "description": description,
                "target_amount": amount, "target_unit": unit}  # fmt: skip
        catalogue.create_service(alliance, data, providers=units, actor=secretariat,
                                 source=SYSTEM)  # fmt: skip
        added += 1
    return added


def _request(alliance: Alliance, secretariat: User) -> int:
    tengy = _org(TENGY)
    if (
        tengy is None
        or ServiceRequest.objects.for_alliance(alliance).filter(subject=REQUEST_SUBJECT).exists()
    ):
        return 0
    member = _user("tengy", display_name="天洁会员代表（演示）", organization=tengy)
    _grant(member, alliance, AllianceRole.Kind.MEMBER, tengy)
    service = Service.objects.for_alliance(alliance).get(name=SERVICES[0][0])
    made = requests.submit_request(service, organization=tengy, subject=REQUEST_SUBJECT,
                                   description=REQUEST_TEXT, actor=member, source=SYSTEM)  # fmt: skip
    requests.accept_request(made, actor=secretariat, source=SYSTEM)
    provider = service.providers.order_by("name").first()
    if provider is not None:
        requests.assign_request(made, provider=provider, actor=secretariat, source=SYSTEM)
    requests.comment_on_request(made, "已安排合作机构对接，先核对近三年研发费用辅助账。（演示数据）",
                                actor=secretariat, source=SYSTEM)  # fmt: skip
    requests.start_request(made, actor=secretariat, source=SYSTEM)
    return 1


@transaction.atomic
def load() -> str:
    """The promotion association's catalogue and one request in progress, if not there yet."""
    alliance = Alliance.objects.filter(slug="sx-stipa").first()
    if alliance is None:
        return "memberservices: alliance sx-stipa missing, nothing loaded"
    with translation.override("zh-hans"):
        secretariat = _user(DEMO_USERNAME, display_name="演示秘书处 Demo secretariat",
                            is_staff=True)  # fmt: skip
        _grant(secretariat, alliance, AllianceRole.Kind.SECRETARIAT, None)
        services = _catalogue(alliance, secretariat)
        made = _request(alliance, secretariat)
    return (
        f"services: {services} added; requests: {made} added; sign-in (password "
        f"{settings.DEMO_PASSWORD}): tengy (member representative of {TENGY} in sx-stipa)"
    )
