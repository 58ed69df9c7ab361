"""企业创新能力评价: the 100-point score of 国科发火〔2016〕195号 三（七）, as a range.

Experts score every item in whole points within its band (各级指标均按整数打分), so each item
is a range ``(low, high)``; the parts and the total add the ends. Countable items (IP quantity
and way of obtaining it, conversions, growth) are banded from the numbers; the others come
from the band the member expects. The score must be "70分以上（不含70分）": above 70.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .enums import ADVANCEMENT_POINTS, CORE_SUPPORT_POINTS, Advancement, CoreSupport, Fulfilment
from .facts import Facts, IntellectualProperty
from .growth import growth_points, growth_rate
from .results import percent, to_decimal

Points = tuple[int, int]


@dataclass(frozen=True)
class ScoreItem:
    code: str
    title: str
    maximum: int
    points: Points
    basis: str  # why this band, in words

    @property
    def room(self) -> int:
        """Points the item could still gain at best."""
        return self.maximum - self.points[1]


@dataclass(frozen=True)
class ScorePart:
    code: str
    title: str
    maximum: int  # the part's cap: the IP bonus cannot lift the IP part above 30
    items: tuple[ScoreItem, ...]

    @property
    def points(self) -> Points:
        low = sum(item.points[0] for item in self.items)
        high = sum(item.points[1] for item in self.items)
        return min(low, self.maximum), min(high, self.maximum)


@dataclass(frozen=True)
class InnovationScore:
    parts: tuple[ScorePart, ...]

    @property
    def points(self) -> Points:
        return (
            sum(part.points[0] for part in self.parts),
            sum(part.points[1] for part in self.parts),
        )

    def item(self, code: str) -> ScoreItem:
        return next(item for part in self.parts for item in part.items if item.code == code)


def quantity_points(class_one: int, class_two: int) -> Points:
    """195号 三（七）1（3）: A Ⅰ类 ≥1 7-8; B Ⅱ类 ≥5 5-6; C Ⅱ类 3-4 3-4; D Ⅱ类 1-2 1-2; E 0."""
    if class_one >= 1:
        return 7, 8
    for least, points in ((5, (5, 6)), (3, (3, 4)), (1, (1, 2))):
        if class_two >= least:
            return points
    return 0, 0


def acquisition_points(ip: IntellectualProperty) -> Points:
    """195号 三（七）1（4）: A 有自主研发 1-6; B 仅有受让、受赠和并购等 1-3; no IP, no points."""
    if ip.items == 0:
        return 0, 0
    return (1, 6) if ip.self_developed else (1, 3)


def conversion_points(average: Fraction) -> Points:
    """195号 三（七）2: yearly average ≥5 25-30; ≥4 19-24; ≥3 13-18; ≥2 7-12; ≥1 1-6; 0 0.

    The table does not place an average between 0 and 1 (say 2 conversions in 3 years): it is
    neither "≥1项" nor "0项", so it spans both bands, 0-6.
    """
    for least, points in ((5, (25, 30)), (4, (19, 24)), (3, (13, 18)), (2, (7, 12)), (1, (1, 6))):
        if average >= least:
            return points
    return (0, 0) if average == 0 else (0, 6)


def management_points(level: Fulfilment, maximum: int) -> Points:
    """Our own split of an item of 195号 三（七）3, which gives only its maximum: fully in
    place → upper half, partly → lower half from 1, not in place → 0."""
    half = maximum // 2
    return {Fulfilment.FULL: (half + 1, maximum), Fulfilment.PARTIAL: (1, half)}.get(level, (0, 0))


def _ip_part(ip: IntellectualProperty) -> ScorePart:
    """195号 三（七）1, ≤30 with the standards bonus."""
    items = (
        ScoreItem(
            "ip.advancement",
            _("Technical advancement"),
            8,
            ADVANCEMENT_POINTS[ip.advancement],
            _("Band: {band}").format(band=Advancement(ip.advancement).label),
        ),
        ScoreItem(
            "ip.core_support",
            _("Core support to the main products"),
            8,
            CORE_SUPPORT_POINTS[ip.core_support],
            _("Band: {band}").format(band=CoreSupport(ip.core_support).label),
        ),
        ScoreItem(
            "ip.quantity",
            _("Number of IP items"),
            8,
            quantity_points(ip.class_one, ip.class_two),
            _("Class I: {one}, class II: {two}").format(one=ip.class_one, two=ip.class_two),
        ),
        ScoreItem(
            "ip.acquisition",
            _("How the IP was obtained"),
            6,
            acquisition_points(ip),
            _("Own R&D") if ip.self_developed else _("Only transfer, gift, merger or the like"),
        ),
        ScoreItem(
            "ip.standards",
            _("Drafting of national or industry standards (bonus)"),
            2,
            (1, 2) if ip.standards else (0, 0),
            _("Yes") if ip.standards else _("No"),
        ),
    )
    return ScorePart("ip", _("Intellectual property"), 30, items)


def _conversion_part(facts: Facts) -> ScorePart:
    """195号 三（七）2, ≤30, by the yearly average over the fiscal years entered."""
    total = sum(year.conversions for year in facts.years)
    average = Fraction(total, len(facts.years))
    shown = to_decimal(average).quantize(Decimal("0.01"))
    basis = _("{total} conversions in {years} years: {average} a year").format(
        total=total, years=len(facts.years), average=shown
    )
    item = ScoreItem(
        "conversion", _("Conversion of results"), 30, conversion_points(average), basis
    )
    return ScorePart(
        "conversion", _("Conversion of scientific and technological results"), 30, (item,)
    )


def _management_part(facts: Facts) -> ScorePart:
    """195号 三（七）3, ≤20: items of ≤6, ≤6, ≤4, ≤4."""
    management = facts.management
    rows = (
        (
            "management.system",
            _("R&D rules, cost accounting and auxiliary ledger"),
            6,
            management.system_and_accounts,
        ),
        (
            "management.institution",
            _("R&D institution and research cooperation"),
            6,
            management.institution_and_cooperation,
        ),
        (
            "management.conversion",
            _("Conversion organisation, incentives and open platforms"),
            4,
            management.conversion_incentives,
        ),
        (
            "management.talent",
            _("Training, recruitment and rewards for S&T staff"),
            4,
            management.talent,
        ),
    )
    items = tuple(
        ScoreItem(
            code, title, maximum, management_points(level, maximum), str(Fulfilment(level).label)
        )
        for code, title, maximum, level in rows
    )
    return ScorePart("management", _("R&D organisation and management"), 20, items)


def _growth_part(facts: Facts) -> ScorePart:
    """195号 三（七）4, ≤20: net-asset growth ≤10 plus sales growth ≤10."""
    items = (
        _growth_item(
            "growth.net_assets", _("Net-asset growth"), [year.net_assets for year in facts.years]
        ),
        _growth_item(
            "growth.sales", _("Sales revenue growth"), [year.sales_revenue for year in facts.years]
        ),
    )
    return ScorePart("growth", _("Growth"), 20, items)


def _growth_item(code: str, title: str, values: Sequence[Decimal]) -> ScoreItem:
    rate, note = growth_rate(values)
    shown = _("Rate: {rate}").format(rate=percent(rate)) if rate is not None else ""
    basis = " ".join(text for text in (shown, note) if text)
    return ScoreItem(code, title, 10, growth_points(rate), basis)


def innovation_score(facts: Facts) -> InnovationScore:
    return InnovationScore(
        (_ip_part(facts.ip), _conversion_part(facts), _management_part(facts), _growth_part(facts))
    )
