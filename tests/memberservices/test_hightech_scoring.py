"""The innovation-capability score of 国科发火〔2016〕195号 三（七）, band by band."""

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from alliancehub.memberservices.domain.hightech import (
    Advancement,
    CoreSupport,
    Fulfilment,
    RdManagement,
    Verdict,
    assess,
    score_verdict,
)
from alliancehub.memberservices.domain.hightech.growth import growth_points, growth_rate
from alliancehub.memberservices.domain.hightech.scoring import (
    acquisition_points,
    conversion_points,
    innovation_score,
    management_points,
    quantity_points,
)
from tests.factories.hightech import GOOD_IP, ON, make_facts, with_years

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# The pass mark: "70分以上（不含70分）".


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        (70, 70, Verdict.FAIL),  # exactly 70 does not pass
        (D("70.5"), D("70.5"), Verdict.PASS),  # a panel average may have a half point
        (71, 71, Verdict.PASS),
        (69, 70, Verdict.FAIL),
        (70, 71, Verdict.AT_RISK),  # the range straddles 70: low ≤ 70 < high
        (55, 76, Verdict.AT_RISK),
        (71, 100, Verdict.PASS),
    ],
)
def test_score_must_be_above_seventy(low, high, verdict):
    assert score_verdict(low, high) == verdict


def test_comfortable_applicant_scores_well_above_seventy():
    score = innovation_score(make_facts())

    assert [(part.code, part.points) for part in score.parts] == [
        ("ip", (23, 30)),  # 7+7+7+1+1 … 8+8+8+6+2 = 32, capped at 30
        ("conversion", (25, 30)),
        ("management", (14, 20)),
        ("growth", (14, 16)),
    ]
    assert score.points == (76, 96)


def test_score_range_across_seventy_is_at_risk_with_advice():
    ip = replace(
        GOOD_IP,
        class_one=0,
        class_two=5,
        advancement=Advancement.AVERAGE,
        core_support=CoreSupport.FAIRLY_STRONG,
        standards=False,
    )
    facts = with_years(make_facts(ip=ip), conversions=3)

    result = assess(facts, on=ON).rule("innovation_score")

    assert (result.figures[0].value, result.figures[1].value) == (55, 76)
    assert result.verdict == Verdict.AT_RISK
    assert result.met is None
    assert result.advice.startswith("The score passes only if the experts give more than 70.")
    assert "Conversion of results (+12)" in result.advice


def test_score_at_most_seventy_fails_and_names_the_items_with_most_room():
    management = RdManagement(Fulfilment.NONE, Fulfilment.NONE, Fulfilment.NONE, Fulfilment.NONE)
    facts = with_years(make_facts(management=management), conversions=2)

    result = assess(facts, on=ON).rule("innovation_score")

    # IP 23-30, conversion 7-12, management 0, growth 14-16: at most 58.
    assert result.verdict == Verdict.FAIL
    assert result.advice.startswith("The score reaches 58 at best; more than 70 is required.")
    assert "Conversion of results (+18)" in result.advice


# 1. Intellectual property (≤30).


@pytest.mark.parametrize(
    ("class_one", "class_two", "points"),
    [
        (1, 0, (7, 8)),
        (3, 10, (7, 8)),
        (0, 6, (5, 6)),
        (0, 5, (5, 6)),
        (0, 4, (3, 4)),
        (0, 3, (3, 4)),
        (0, 2, (1, 2)),
        (0, 1, (1, 2)),
        (0, 0, (0, 0)),
    ],
)
def test_ip_quantity_bands_by_class_and_count(class_one, class_two, points):
    assert quantity_points(class_one, class_two) == points


@pytest.mark.parametrize(
    ("class_one", "self_developed", "points"),
    [(1, True, (1, 6)), (1, False, (1, 3)), (0, True, (0, 0))],
)
def test_ip_acquisition_scores_own_rd_higher_than_acquired_ip(class_one, self_developed, points):
    ip = replace(GOOD_IP, class_one=class_one, class_two=0, self_developed=self_developed)

    assert acquisition_points(ip) == points


@pytest.mark.parametrize(
    ("advancement", "points"),
    [
        (Advancement.HIGH, (7, 8)),
        (Advancement.FAIRLY_HIGH, (5, 6)),
        (Advancement.AVERAGE, (3, 4)),
        (Advancement.LOW, (1, 2)),
        (Advancement.NONE, (0, 0)),
    ],
)
def test_technical_advancement_band_gives_its_range(advancement, points):
    score = innovation_score(make_facts(ip=replace(GOOD_IP, advancement=advancement)))

    assert score.item("ip.advancement").points == points


@pytest.mark.parametrize(
    ("core_support", "points"),
    [
        (CoreSupport.STRONG, (7, 8)),
        (CoreSupport.FAIRLY_STRONG, (5, 6)),
        (CoreSupport.AVERAGE, (3, 4)),
        (CoreSupport.WEAK, (1, 2)),
        (CoreSupport.NONE, (0, 0)),
    ],
)
def test_core_support_band_gives_its_range(core_support, points):
    score = innovation_score(make_facts(ip=replace(GOOD_IP, core_support=core_support)))

    assert score.item("ip.core_support").points == points


def test_standards_bonus_counts_while_the_ip_part_is_below_thirty():
    ip = replace(GOOD_IP, advancement=Advancement.AVERAGE, core_support=CoreSupport.AVERAGE)

    with_bonus = innovation_score(make_facts(ip=ip)).parts[0].points
    without = innovation_score(make_facts(ip=replace(ip, standards=False))).parts[0].points

    assert with_bonus == (15, 24)
    assert without == (14, 22)


# 2. Conversion of results (≤30), by the yearly average.


@pytest.mark.parametrize(
    ("average", "points"),
    [
        (Fraction(10), (25, 30)),
        (Fraction(5), (25, 30)),
        (Fraction(4999, 1000), (19, 24)),
        (Fraction(4), (19, 24)),
        (Fraction(3), (13, 18)),
        (Fraction(2), (7, 12)),
        (Fraction(1), (1, 6)),
        (Fraction(2, 3), (0, 6)),  # between the bands "≥1项" and "0项"
        (Fraction(0), (0, 0)),
    ],
)
def test_conversion_bands_by_yearly_average(average, points):
    assert conversion_points(average) == points


@pytest.mark.parametrize(
    ("conversions", "points"),
    [
        ([5, 5, 5], (25, 30)),
        ([5, 5, 4], (19, 24)),
        ([4, 4, 4], (19, 24)),
        ([3, 3, 3], (13, 18)),
        ([1, 2, 3], (7, 12)),
        ([1, 1, 1], (1, 6)),
        ([0, 0, 0], (0, 0)),
    ],
)
def test_conversions_are_averaged_over_the_fiscal_years(conversions, points):
    score = innovation_score(with_years(make_facts(), conversions=conversions))

    assert score.item("conversion").points == points


# 3. R&D organisation and management (≤20): our split of each item's maximum.


@pytest.mark.parametrize(
    ("level", "maximum", "points"),
    [
        (Fulfilment.FULL, 6, (4, 6)),
        (Fulfilment.PARTIAL, 6, (1, 3)),
        (Fulfilment.NONE, 6, (0, 0)),
        (Fulfilment.FULL, 4, (3, 4)),
        (Fulfilment.PARTIAL, 4, (1, 2)),
        (Fulfilment.NONE, 4, (0, 0)),
    ],
)
def test_management_item_ranges(level, maximum, points):
    assert management_points(level, maximum) == points


# 4. Growth (≤20): each rate ½ × (y2 ÷ y1 + y3 ÷ y2) − 1, banded.


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        (Fraction(35, 100), (9, 10)),
        (Fraction(3499, 10000), (7, 8)),
        (Fraction(25, 100), (7, 8)),
        (Fraction(2499, 10000), (5, 6)),
        (Fraction(15, 100), (5, 6)),
        (Fraction(1499, 10000), (3, 4)),
        (Fraction(5, 100), (3, 4)),
        (Fraction(499, 10000), (1, 2)),
        (Fraction(1, 10000), (1, 2)),
        (Fraction(0), (0, 0)),
        (Fraction(-1, 10), (0, 0)),
        (None, (0, 0)),
    ],
)
def test_growth_bands_by_rate(rate, points):
    assert growth_points(rate) == points


def test_growth_rate_averages_the_two_yearly_ratios():
    rate, note = growth_rate([D(100), D(135), D("182.25")])

    assert rate == Fraction(35, 100)
    assert note == ""


def test_growth_with_zero_first_year_uses_the_last_two_years():
    rate, note = growth_rate([D(0), D(100), D(150)])

    assert rate == Fraction(1, 2)
    assert "first year" in note


def test_growth_with_zero_second_year_scores_zero():
    rate, note = growth_rate([D(100), D(0), D(150)])

    assert rate is None
    assert growth_points(rate) == (0, 0)
    assert "second year" in note


def test_growth_over_two_years_compares_them():
    assert growth_rate([D(100), D(120)])[0] == Fraction(1, 5)
    assert growth_rate([D(0), D(120)])[0] is None


def test_growth_over_one_year_scores_zero():
    assert growth_rate([D(100)])[0] is None


def test_shrinking_company_scores_zero_for_growth():
    rate, _note = growth_rate([D(100), D(80), D(60)])

    assert rate == Fraction(-225, 1000)
    assert growth_points(rate) == (0, 0)


def test_negative_net_assets_are_computed_but_flagged():
    rate, note = growth_rate([D(-100), D(50), D(60)])

    assert rate is not None
    assert "negative" in note


def test_growth_items_read_their_rate():
    score = innovation_score(make_facts())

    item = score.item("growth.sales")
    assert item.points == (7, 8)
    assert item.basis == "Rate: 26.66 %"
