"""Demo marketplace: seed organisations post offers and needs along the hydrogen and NEV
chains, each through a representative who can sign in (password: the demo password), and one
introduction is under way. Safe to load again: a post is added once (by organisation and
title), and the representatives' passwords are reset."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..accounts.models import User
from ..alliances.models import Alliance
from ..chains.models import Link
from ..common.domain.audit import Source
from ..common.text import normalize_name
from ..organizations.models import Organization
from .domain import introductions, posts
from .enums import IntroductionStatus
from .models import Introduction, Post

# username: the organisation it represents
REPRESENTATIVES = {
    "sanyuan": "绍兴三元石化有限公司",
    "sinopec-sx": "中国石化绍兴分公司",
    "lanneng": "浙江蓝能燃气设备有限公司",
    "baojing": "绍兴宝晶复合材料有限公司",
    "geely": "吉利控股集团",
    "hydewell": "海德韦尔(太仓)能源科技有限公司",
}
# (username, direction, kind, link key, title, description, quantity, unit, days valid,
#  members-only alliance slug or "")
POSTS = [
    ("sanyuan", "offer", "product", "hydrogen:production.byproduct", "工业副产氢稳定供应",
     "丙烷脱氢副产氢气，提纯后纯度 99.999%，可供加氢站与燃料电池车用，管束车配送绍兴及周边。",
     "3000", "吨/年", 180, ""),
    ("sinopec-sx", "need", "product", "hydrogen:production.byproduct", "加氢站长期采购高纯氢",
     "越城区综合能源站日加注能力 1000 公斤，寻求就近高纯氢源，按月结算。",
     "365", "吨/年", 120, ""),
    ("sinopec-sx", "need", "product", "hydrogen:refueling.equipment", "加氢站成套设备采购",
     "新建 35MPa 加氢站一座，需压缩机、储氢瓶组、加氢机及站控系统整体方案。",
     "1", "套", 90, "sx-hydrogen"),
    ("lanneng", "offer", "product", "hydrogen:refueling.equipment", "35/70MPa 加氢站成套设备",
     "提供加氢站压缩、储存、加注成套设备与安装调试，已交付多个示范站。", "10", "套/年", 180, ""),
    ("baojing", "offer", "capacity", "hydrogen:storage.gas_cylinder", "碳纤维缠绕产线共享",
     "III 型瓶碳纤维缠绕及固化产线有富余产能，可承接来料加工。", "2000", "只/月", 150, ""),
    ("geely", "need", "product", "hydrogen:fuelcell.system", "Fuel-cell systems for city buses",
     "Looking for 110 kW fuel-cell power systems for a fleet of hydrogen buses in Zhejiang.",
     "50", "sets", 120, ""),
    ("hydewell", "offer", "product", "hydrogen:fuelcell.stack", "氫燃料電池電堆供貨",
     "金屬雙極板電堆，額定功率 120kW，適用於商用車與物流車。", "200", "套/年", 150, ""),
]  # fmt: skip


def _representative(username: str, name: str) -> User | None:
    organization = Organization.objects.filter(name_normalized=normalize_name(name)).first()
    if organization is None:
        return None
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"display_name": f"{name}（演示）", "organization": organization},
    )
    user.set_password(settings.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _link(key: str) -> Link:
    slug, code = key.split(":", 1)
    return Link.objects.get(chain__slug=slug, code=code)


@transaction.atomic
def load() -> str:
    people = {u: _representative(u, n) for u, n in REPRESENTATIVES.items()}
    added = 0
    today = timezone.localdate()
    for username, direction, kind, key, title, text, qty, unit, days, slug in POSTS:
        person = people.get(username)
        organization = person.organization if person else None
        if organization is None or Post.objects.filter(organization=organization, title=title):
            continue
        alliances = list(Alliance.objects.filter(slug=slug)) if slug else []
        posts.create_post(
            {"direction": direction, "kind": kind, "title": title, "description": text,
             "region": organization.region, "quantity": Decimal(qty), "unit": unit,
             "valid_until": today + timedelta(days=days),
             "visibility": "members" if alliances else "public"},
            organization=organization, actor=person, source=Source.SYSTEM,
            links=[_link(key)], alliances=alliances, submit=True,
        )  # fmt: skip
        added += 1
    asked = _introduce(people)
    names = ", ".join(u for u, p in people.items() if p)
    return (
        f"exchange: {added} posts, {asked} introductions; representatives {names} (demo password)"
    )


def _introduce(people: dict[str, User | None]) -> int:
    """Sinopec Shaoxing asks to meet Sanyuan about by-product hydrogen, once."""
    asker, asked = people.get("sinopec-sx"), people.get("sanyuan")
    if asker is None or asked is None:
        return 0
    need = Post.objects.filter(
        organization=asker.organization, title="加氢站长期采购高纯氢"
    ).first()
    offer = Post.objects.filter(organization=asked.organization, title="工业副产氢稳定供应").first()
    if (
        need is None
        or offer is None
        or Introduction.objects.filter(post=need, counterpart_post=offer).exclude(
            status=IntroductionStatus.WITHDRAWN
        )
    ):
        return 0
    introductions.request_introduction(
        need, offer, actor=asker, source=Source.SYSTEM,
        message="我站拟与贵公司洽谈副产氢长期供应，盼联系。",
    )  # fmt: skip
    return 1
