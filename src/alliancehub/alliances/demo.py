"""Demo alliances from the sample news articles, with the member units the articles name.

Dates are the articles' where they give one. The NEV alliance's article gives only the day
("24日"); its month and year (May 2021) are demo data and the membership's basis says so.
"""

from datetime import date
from typing import Any

from ..common.domain.audit import Source
from ..organizations.models import Organization
from .domain import membership
from .enums import MembershipTier
from .models import Alliance

SX_HYDROGEN_VICE_CHAIRS = [
    "上海大学绍兴研究院", "中国石化绍兴分公司", "绍兴市城市投资集团有限公司", "绍兴凤登环保有限公司",
    "浙江蓝能燃气设备有限公司", "浙江清华长三角研究院", "绍兴俊吉能源科技有限公司",
    "绍兴宝晶复合材料有限公司",
]  # fmt: skip

ALLIANCES: list[dict[str, Any]] = [
    {
        "slug": "sx-hydrogen",
        "name": "绍兴市氢能产业“双创”联盟",
        "name_en": 'Shaoxing Hydrogen Energy Industry "Double Innovation" Alliance',
        "region_id": "330600",
        "founded_on": date(2021, 11, 10),
        "focus_chains": ["hydrogen"],
        "description": "成立大会审议通过联盟章程，选举产生第一届理事会。",
        "members": [("绍兴三元石化有限公司", MembershipTier.CHAIR, date(2021, 11, 10), "成立大会选举")]
        + [(n, MembershipTier.VICE_CHAIR, date(2021, 11, 10), "成立大会选举") for n in SX_HYDROGEN_VICE_CHAIRS],
    },
    {
        "slug": "sx-stipa",
        "name": "绍兴市科技创新促进会",
        "name_en": "Shaoxing Science and Technology Innovation Promotion Association",
        "region_id": "330600",
        "founded_on": None,
        "focus_chains": [],
        "description": "2020年12月5日在诸暨召开第一届理事会第六次会议，增补两家副会长单位。",
        "members": [
            ("浙江天洁环境科技股份有限公司", MembershipTier.EXECUTIVE_DIRECTOR, date(2020, 12, 5),
             "第一届理事会第六次会议报道所载"),
        ],
    },
    {
        "slug": "yrd-nev",
        "name": "长三角新能源汽车产业链联盟",
        "name_en": "Yangtze River Delta New Energy Vehicle Industry Chain Alliance",
        "region_id": "330100",
        "founded_on": date(2021, 5, 24),
        "focus_chains": ["nev"],
        "description": "在杭州召开成立大会，审议通过联盟章程、理事长单位名单和秘书长名单。",
        "members": [
            ("吉利控股集团", MembershipTier.ROTATING_CHAIR, date(2021, 5, 24),
             "成立大会；报道只写“24日”，年月为演示数据"),
        ],
    },
]  # fmt: skip


def load() -> str:
    """Create the demo alliances and memberships that are not there yet."""
    created = admitted = 0
    for spec in ALLIANCES:
        fields = {k: v for k, v in spec.items() if k not in ("slug", "members")}
        alliance, new = Alliance.objects.get_or_create(slug=spec["slug"], defaults=fields)
        created += new
        for name, tier, since, basis in spec["members"]:
            organization = Organization.objects.get(name=name)
            if membership.current_membership(alliance, organization):
                continue
            application = membership.apply_for_membership(
                alliance, organization, actor=None, source=Source.SYSTEM, tier=tier
            )
            membership.approve_membership(
                application, actor=None, source=Source.SYSTEM, on=since, basis=basis
            )
            admitted += 1
    return f"alliances: {created} added; memberships: {admitted} added"
