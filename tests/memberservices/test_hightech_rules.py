"""The conditions of 国科发火〔2016〕32号 第十一条 at every threshold: exactly at, just below,
just above, and at the edge of the 10 % risk margin."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from alliancehub.memberservices.domain.hightech import (
    CoreSupport,
    Incident,
    IncidentKind,
    Person,
    Staff,
    TechField,
    Verdict,
    annual_monthly_average,
    assess,
    staff_from_people,
)
from alliancehub.memberservices.domain.hightech.ratios import rd_threshold
from tests.factories.hightech import ON, make_facts, with_years

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def rule(facts, code, on=ON):
    return assess(facts, on=on).rule(code)


# 第十一条（一）: 195号 三（一） defines "一年以上" as 365 calendar days or more.


@pytest.mark.parametrize(
    ("registered_on", "on", "verdict"),
    [
        (date(2024, 6, 1), date(2025, 6, 1), Verdict.PASS),  # exactly 365 days
        (date(2024, 6, 2), date(2025, 6, 1), Verdict.FAIL),  # 364 days
        (date(2024, 5, 31), date(2025, 6, 1), Verdict.PASS),  # 366 days
        # 2024 is a leap year: 365 days are up a day before the anniversary.
        (date(2023, 3, 1), date(2024, 2, 29), Verdict.PASS),
        (date(2023, 3, 1), date(2024, 2, 28), Verdict.FAIL),
        (date(2024, 2, 29), date(2025, 2, 28), Verdict.PASS),  # 365 days, no 29 February
        (date(2024, 2, 29), date(2025, 2, 27), Verdict.FAIL),
    ],
)
def test_registration_counts_365_calendar_days(registered_on, on, verdict):
    result = rule(make_facts(registered_on=registered_on, on=on), "registration", on=on)

    assert result.verdict == verdict


def test_registration_too_recent_advises_the_first_possible_date():
    facts = make_facts(registered_on=date(2024, 6, 2))

    result = rule(facts, "registration")

    assert (
        result.reason == "Registered 364 days before the assessment date; 365 or more are required."
    )
    assert result.advice == "Apply on or after 2025-06-02."


# 第十一条（二）; 195号 三（二）（三）.


def test_company_without_ip_fails_ip_ownership():
    facts = make_facts(ip=replace(make_facts().ip, class_one=0, class_two=0))

    result = rule(facts, "ip_ownership")

    assert result.verdict == Verdict.FAIL
    assert "invention patent" in result.advice


def test_ip_without_core_support_fails_ip_ownership():
    facts = make_facts(ip=replace(make_facts().ip, core_support=CoreSupport.NONE))

    assert rule(facts, "ip_ownership").verdict == Verdict.FAIL


@pytest.mark.parametrize(
    ("backed", "verdict"),
    [
        (D(5_000_000), Verdict.FAIL),  # exactly half: "超过50%" is strict
        (D(5_000_001), Verdict.AT_RISK),
        (D(5_499_999), Verdict.AT_RISK),
        (D(5_500_000), Verdict.PASS),  # 55 %: out of the margin
    ],
)
def test_main_products_need_more_than_half_of_high_tech_revenue(backed, verdict):
    facts = make_facts(
        total_revenue=D(12_000_000), high_tech_revenue=D(10_000_000), ip_backed_revenue=backed
    )

    assert rule(facts, "ip_ownership").verdict == verdict


def test_ip_backed_revenue_at_exactly_half_needs_one_more_yuan():
    facts = make_facts(
        total_revenue=D(12_000_000), high_tech_revenue=D(10_000_000), ip_backed_revenue=D(5_000_000)
    )

    assert rule(facts, "ip_ownership").advice == (
        "1 yuan more revenue from products backed by own IP would pass half of high-tech revenue."
    )


# 第十一条（三）.


def test_technology_outside_the_eight_fields_fails():
    result = rule(make_facts(tech_field=None), "tech_field")

    assert result.verdict == Verdict.FAIL
    assert result.advice


@pytest.mark.parametrize("field", list(TechField))
def test_each_of_the_eight_fields_passes(field):
    result = rule(make_facts(tech_field=field), "tech_field")

    assert result.verdict == Verdict.PASS
    assert str(field.label) in result.reason


def test_there_are_exactly_eight_supported_fields():
    assert len(TechField) == 8


# 第十一条（四）; 195号 三（五）.


@pytest.mark.parametrize(
    ("sci_tech", "verdict", "met"),
    [
        (D(10), Verdict.AT_RISK, True),  # exactly 10 %: "不低于" includes it
        (D("9.99"), Verdict.FAIL, False),
        (D("10.01"), Verdict.AT_RISK, True),
        (D("10.99"), Verdict.AT_RISK, True),
        (D(11), Verdict.PASS, True),  # 10 % + 10 % of 10 %
    ],
)
def test_sci_tech_staff_threshold_is_ten_percent(sci_tech, verdict, met):
    facts = make_facts(staff=Staff(in_service=100, part_time_and_temporary=0, sci_tech=sci_tech))

    result = rule(facts, "sci_tech_staff")

    assert (result.verdict, result.met) == (verdict, met)


def test_too_few_sci_tech_staff_are_told_how_many_more_to_hire():
    facts = make_facts(staff=Staff(in_service=100, part_time_and_temporary=0, sci_tech=9))

    result = rule(facts, "sci_tech_staff")

    # 10 / 101 is still below 10 %, 11 / 102 is above.
    assert result.advice == (
        "2 more science and technology staff (183 days or more in the year) would reach 10 %."
    )


def test_sci_tech_staff_at_risk_are_told_what_gives_a_margin():
    facts = make_facts(staff=Staff(in_service=100, part_time_and_temporary=0, sci_tech=10))

    assert rule(facts, "sci_tech_staff").advice == (
        "2 more science and technology staff would give a 10 % margin."
    )


def test_part_time_and_temporary_staff_count_among_the_employees():
    facts = make_facts(staff=Staff(in_service=90, part_time_and_temporary=10, sci_tech=10))

    result = rule(facts, "sci_tech_staff")

    assert result.figure("Employees").value == 100
    assert result.verdict == Verdict.AT_RISK


@pytest.mark.parametrize(
    ("person", "employees", "sci_tech"),
    [
        (Person(in_service=False, days_worked=183, sci_tech=True), 1, 1),
        (Person(in_service=False, days_worked=182, sci_tech=True), 0, 0),
        (Person(in_service=False, days_worked=182, sci_tech=False), 0, 0),
        (Person(in_service=True, days_worked=182, sci_tech=False), 1, 0),
        # 195号 三（五）1: the 183 days hold for all S&T staff, in-service staff included.
        (Person(in_service=True, days_worked=182, sci_tech=True), 1, 0),
        (Person(in_service=True, days_worked=183, sci_tech=True), 1, 1),
    ],
)
def test_people_count_by_the_183_day_rule(person, employees, sci_tech):
    staff = staff_from_people([person])

    assert (staff.employees, staff.sci_tech) == (employees, sci_tech)


def test_headcount_is_the_average_of_the_monthly_averages():
    assert annual_monthly_average([(10, 12)] * 12) == 11
    # Opened mid-year: the months of operation are the year.
    assert annual_monthly_average([(0, 10)] + [(10, 10)] * 5) == D(55) / 6
    assert annual_monthly_average([]) == 0


# 第十一条（五）: the threshold by the last year's sales revenue; "（含）" includes the bound.


@pytest.mark.parametrize(
    ("last_sales", "threshold"),
    [
        (D(0), Fraction(5, 100)),
        (D(49_999_999), Fraction(5, 100)),
        (D(50_000_000), Fraction(5, 100)),
        (D(50_000_001), Fraction(4, 100)),
        (D(200_000_000), Fraction(4, 100)),
        (D(200_000_001), Fraction(3, 100)),
    ],
)
def test_rd_threshold_follows_last_years_sales_band(last_sales, threshold):
    assert rd_threshold(last_sales) == threshold


def rd_facts(sales: Decimal, share: Decimal):
    """Three years with the same sales and R&D at ``share`` of them."""
    return with_years(
        make_facts(),
        sales_revenue=sales,
        rd_expenses=sales * share,
        rd_expenses_in_china=sales * share,
    )


@pytest.mark.parametrize(
    ("sales", "share", "verdict"),
    [
        (D(50_000_000), D("0.05"), Verdict.AT_RISK),
        (D(50_000_000), D("0.0499"), Verdict.FAIL),
        (D(50_000_000), D("0.04"), Verdict.FAIL),  # 4 % is not enough at exactly 50,000,000
        (D(50_000_000), D("0.055"), Verdict.PASS),
        (D(50_000_001), D("0.04"), Verdict.AT_RISK),
        (D(50_000_001), D("0.0399"), Verdict.FAIL),
        (D(200_000_000), D("0.04"), Verdict.AT_RISK),
        (D(200_000_000), D("0.03"), Verdict.FAIL),  # 3 % is not enough at exactly 200,000,000
        (D(200_000_001), D("0.03"), Verdict.AT_RISK),
        (D(200_000_001), D("0.0299"), Verdict.FAIL),
        (D(200_000_001), D("0.033"), Verdict.PASS),
    ],
)
def test_rd_share_at_each_band_edge(sales, share, verdict):
    assert rule(rd_facts(sales, share), "rd_intensity").verdict == verdict


def test_rd_one_cent_short_of_the_threshold_fails():
    facts = with_years(
        make_facts(),
        sales_revenue=D(50_000_000),
        rd_expenses=[D(2_500_000), D(2_500_000), D("2499999.99")],
        rd_expenses_in_china=[D(2_500_000), D(2_500_000), D("2499999.99")],
    )

    result = rule(facts, "rd_intensity")

    assert result.verdict == Verdict.FAIL
    assert result.advice == "1 yuan more R&D expenses over 2022–2024 would reach 5 %."


def test_rd_shortfall_is_told_in_yuan_over_the_three_years():
    facts = with_years(
        make_facts(),
        rd_expenses=[D(1_000_000), D(1_500_000), D(2_000_000)],
        rd_expenses_in_china=[D(1_000_000), D(1_500_000), D(2_000_000)],
    )

    result = rule(facts, "rd_intensity")

    # 5 % of 118,000,000 is 5,900,000; 4,500,000 were spent.
    assert result.advice == "1,400,000 yuan more R&D expenses over 2022–2024 would reach 5 %."


def test_young_company_is_measured_over_its_actual_years():
    facts = make_facts(registered_on=date(2023, 5, 10))

    result = rule(facts, "rd_intensity")

    assert [year.year for year in facts.years] == [2023, 2024]
    assert result.figure("Sales revenue").value == 88_000_000
    assert "2023–2024" in result.reason


@pytest.mark.parametrize(
    ("share", "verdict"),
    [
        (D("0.6"), Verdict.AT_RISK),
        (D("0.599"), Verdict.FAIL),
        (D("0.601"), Verdict.AT_RISK),
        (D("0.66"), Verdict.PASS),
    ],
)
def test_rd_in_china_needs_sixty_percent(share, verdict):
    facts = with_years(
        make_facts(),
        rd_expenses_in_china=[D(2_000_000) * share, D(2_500_000) * share, D(3_000_000) * share],
    )

    assert rule(facts, "rd_in_china").verdict == verdict


def test_rd_abroad_is_told_how_much_to_move_to_china():
    facts = with_years(
        make_facts(),
        rd_expenses_in_china=[D(1_198_000), D(1_497_500), D(1_797_000)],
    )

    assert rule(facts, "rd_in_china").advice == (
        "Moving 7,500 yuan of R&D from abroad to China would reach 60 %."
    )


# 第十一条（六）; 195号 三（四）.


@pytest.mark.parametrize(
    ("high_tech", "verdict"),
    [
        (D(6_000_000), Verdict.AT_RISK),
        (D(5_999_999), Verdict.FAIL),
        (D(6_000_001), Verdict.AT_RISK),
        (D(6_600_000), Verdict.PASS),
    ],
)
def test_high_tech_revenue_needs_sixty_percent_of_total_revenue(high_tech, verdict):
    facts = make_facts(
        total_revenue=D(10_000_000), high_tech_revenue=high_tech, ip_backed_revenue=high_tech
    )

    assert rule(facts, "high_tech_revenue").verdict == verdict


def test_high_tech_revenue_shortfall_counts_new_sales_in_the_total_too():
    facts = make_facts(
        total_revenue=D(10_000_000),
        high_tech_revenue=D(5_999_999),
        ip_backed_revenue=D(5_999_999),
    )

    # (5,999,999 + 3) / (10,000,000 + 3) ≥ 60 %; with 2 more it is not.
    assert rule(facts, "high_tech_revenue").advice == (
        "3 yuan more high-tech revenue would reach 60 %."
    )


# 第十一条（八）; 195号 三（一）: "申请认定前一年内" is the 365 days before the application.


@pytest.mark.parametrize(
    ("occurred_on", "verdict"),
    [
        (ON, Verdict.FAIL),
        (date(2024, 6, 1), Verdict.FAIL),  # 365 days before
        (date(2024, 5, 31), Verdict.PASS),  # 366 days before
        (date(2020, 1, 1), Verdict.PASS),
    ],
)
def test_only_incidents_in_the_365_days_before_count(occurred_on, verdict):
    facts = make_facts(incidents=(Incident(IncidentKind.ENVIRONMENT, occurred_on),))

    assert rule(facts, "no_major_incident").verdict == verdict


def test_incident_advice_names_the_first_clear_day():
    facts = make_facts(
        incidents=(
            Incident(IncidentKind.QUALITY, date(2024, 9, 1)),
            Incident(IncidentKind.SAFETY, date(2024, 6, 1)),
        )
    )

    result = rule(facts, "no_major_incident")

    assert result.figure("Incidents in the year before").value == 2
    assert result.advice == (
        "Apply on or after 2025-09-02, when the last incident is more than a year old."
    )
