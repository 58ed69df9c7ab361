"""Demo data of the chains: the templates, the seed organisations' positions and a synthetic
Yangtze River Delta population (``data/demo_population.py``), so that the maps of Shaoxing
(hydrogen), Jiaxing (photovoltaics) and Hangzhou (new-energy vehicles) have strong, weak and
missing links to show.

The seed organisations' positions go through ``positions.add_position`` (audited). The few
thousand synthetic organisations and their positions are bulk-inserted with the registry's
derived fields (``registry.derive_fields``; the search index follows by trigger on SQLite and
by generated column on PostgreSQL), unaudited, each marked ``演示数据（合成）`` in its
description; the per-region counts are then rebuilt once. Safe to run again: what exists is
skipped.
"""

import zlib
from datetime import date, timedelta

from ..common.domain.audit import Source
from ..common.text import normalize_name
from ..organizations.demo import SEED_ORGANIZATIONS
from ..organizations.domain import registry, tallies
from ..organizations.models import Organization, Region
from .data import demo_population as population
from .domain import positions, templates
from .enums import PositionRole, PositionSource, PositionStatus
from .models import Link, Position

# (organisation, chain, link, role, products): the examples, and seed organisations
# whose names or articles say where they sit.
SEED_POSITIONS = [
    ("绍兴三元石化有限公司", "hydrogen", "production.byproduct", "manufacturer", "工业副产氢"),
    ("中国石化绍兴分公司", "hydrogen", "refueling.operation", "service", "加油加氢综合能源站"),
    ("浙江蓝能燃气设备有限公司", "hydrogen", "refueling.equipment", "manufacturer", "加氢站成套设备"),
    ("绍兴宝晶复合材料有限公司", "hydrogen", "storage.gas_cylinder", "manufacturer", "高压储氢气瓶"),
    ("吉利控股集团", "nev", "vehicle", "manufacturer", "新能源乘用车、商用车"),
    ("上海大学绍兴研究院", "hydrogen", "services", "research", "氢能技术研发"),
    ("浙江清华长三角研究院", "hydrogen", "services", "research", "氢能技术研发与转化"),
    ("长三角氢能科技研究院", "hydrogen", "services", "research", "氢能技术研究"),
    ("湖南张家界氢维星系科技有限责任公司", "hydrogen", "production.electrolysis", "manufacturer",
     "分布式离网水制氢"),
    ("上海燃料电池汽车商业化促进中心", "hydrogen", "application.vehicles", "service",
     "燃料电池汽车推广服务"),
]  # fmt: skip


def load() -> str:
    """Load the templates, then add the positions and organisations not there yet."""
    templates.load_all()
    links = {(link.chain.slug, link.code): link for link in Link.objects.select_related("chain")}
    seeded = _seed_positions(links)
    organizations, placed = _population(links)
    if placed:
        positions.refresh_counts()
    return (
        f"chains: {seeded} seed positions, {organizations} demo organisations "
        f"and {placed} of their positions added"
    )


def _seed_positions(links: dict[tuple[str, str], Link]) -> int:
    added = 0
    for name, chain, code, role, products in SEED_POSITIONS:
        organization = Organization.objects.filter(name_normalized=normalize_name(name)).first()
        link = links.get((chain, code))
        if organization is None or link is None:
            continue
        if Position.objects.filter(organization=organization, link=link).exists():
            continue
        positions.add_position(
            organization, link, actor=None, source=Source.IMPORT, entered_by=PositionSource.IMPORT, role=role,
            products=products,
        )  # fmt: skip
        added += 1
    return added


def _high_tech(spec: population.DemoOrganization) -> bool | None:
    """About one in five larger synthetic companies is a recognised high-tech enterprise; for
    the rest it is not known. Derived from the name, so the population stays the same."""
    if spec.size in ("large", "medium") and zlib.crc32(spec.name.encode()) % 5 == 0:
        return True
    return None


def _counties() -> list[population.County]:
    regions = {r.code: r for r in Region.objects.all()}
    counties = []
    for place, _weight, _affinity in population.PLACES:
        top = regions[place]
        short = (top.name.removesuffix("市"), top.name_en)
        for region in regions.values():
            if region.parent_id != place or region.level != "county":
                continue
            prefixes = [short, short]
            if top.level == "prefecture" and region.name.endswith("市"):  # 诸暨市 → 诸暨
                prefixes.append((region.name.removesuffix("市"), region.name_en))
            counties.append(population.County(region.code, place, prefixes))
    return sorted(counties, key=lambda county: county.code)


def _leaf_codes(links: dict[tuple[str, str], Link]) -> dict[str, list[str]]:
    parents = {link.parent_id for link in links.values()}
    ordered = sorted(links.values(), key=lambda link: (link.chain.slug, link.order))
    leaves: dict[str, list[str]] = {}
    for link in ordered:
        if link.pk not in parents and not link.retired:
            leaves.setdefault(link.chain.slug, []).append(link.code)
    return leaves


def _population(links: dict[tuple[str, str], Link]) -> tuple[int, int]:
    """(organisations added, positions added) of the synthetic population."""
    reserved = {normalize_name(seed[0]) for seed in SEED_ORGANIZATIONS}
    demo = population.generate(_leaf_codes(links), _counties(), reserved, normalize_name)
    taken = set(Organization.objects.values_list("name_normalized", flat=True))
    new = []
    for spec in demo:
        organization = Organization(
            name=spec.name, name_en=spec.name_en, name_en_is_rendering=True, kind=spec.kind,
            size=spec.size, region_id=spec.region, description=spec.description,
            high_tech=_high_tech(spec),
        )  # fmt: skip
        registry.derive_fields(organization)
        if organization.name_normalized not in taken:
            new.append(organization)
    Organization.objects.bulk_create(new, batch_size=500)
    tallies.adjust([organization.region_id for organization in new], +1)
    ids = dict(
        Organization.objects.filter(description=population.DESCRIPTION)
        .values_list("name_normalized", "id")
    )  # fmt: skip
    held = set(
        Position.objects.filter(organization_id__in=ids.values()).values_list(
            "organization_id", "link_id"
        )
    )
    rows = []
    for spec in demo:
        organization_id = ids.get(normalize_name(spec.name))
        for key in spec.links:
            link = links[tuple(key.split(":"))]  # type: ignore[index]
            if organization_id is None or (organization_id, link.pk) in held:
                continue
            rows.append(_position(organization_id, link, spec))
    Position.objects.bulk_create(rows, batch_size=1000)
    return len(new), len(rows)


def _position(organization_id: int, link: Link, spec: population.DemoOrganization) -> Position:
    crc = zlib.crc32(f"{spec.name}{link.code}".encode())
    role = PositionRole.RESEARCH if spec.kind == "research_institute" else PositionRole.MANUFACTURER
    return Position(
        organization_id=organization_id, link=link, products=link.name, role=role,
        since=date(2008, 1, 1) + timedelta(days=crc % 5000), status=PositionStatus.CONFIRMED,
        source=PositionSource.IMPORT, region_code=spec.region,
    )  # fmt: skip
