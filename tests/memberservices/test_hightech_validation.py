"""Facts that cannot be assessed are refused with one message per field."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.memberservices.domain.hightech import (
    Incident,
    IncidentKind,
    Staff,
    assess,
    validate,
)
from tests.factories.hightech import ON, make_facts, with_years

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def errors_of(facts, on=ON, today=None) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        validate(facts, on=on, today=today)
    return caught.value.message_dict


def test_valid_facts_raise_nothing():
    validate(make_facts(), on=ON, today=ON)


def test_negative_sales_revenue_is_refused():
    facts = with_years(make_facts(), sales_revenue=[D(1), D(-1), D(1)])

    assert errors_of(facts) == {"years.1.sales_revenue": ["This figure cannot be negative."]}


def test_negative_net_assets_are_accepted():
    validate(with_years(make_facts(), net_assets=D(-500_000)), on=ON)


@pytest.mark.parametrize("field", ["total_revenue", "high_tech_revenue", "ip_backed_revenue"])
def test_missing_revenue_figure_is_refused(field):
    errors = errors_of(make_facts(**{field: None}))

    assert errors[field] == ["This figure is required."]


def test_missing_rd_expenses_are_refused():
    facts = with_years(make_facts(), rd_expenses=[D(2_000_000), None, D(3_000_000)])

    assert errors_of(facts) == {"years.1.rd_expenses": ["This figure is required."]}


def test_float_amount_is_refused_as_inexact():
    errors = errors_of(make_facts(total_revenue=48_000_000.0))

    assert errors == {
        "total_revenue": ["Enter an exact number (a decimal amount or a whole number)."]
    }


def test_not_a_number_is_refused():
    errors = errors_of(make_facts(total_revenue=D("NaN")))

    assert list(errors) == ["total_revenue"]


def test_rd_in_china_above_total_rd_is_refused():
    facts = with_years(
        make_facts(), rd_expenses_in_china=[D(2_000_000), D(2_500_001), D(3_000_000)]
    )

    assert errors_of(facts) == {
        "years.1.rd_expenses_in_china": [
            "R&D expenses in China cannot exceed the year's total R&D expenses (2023)."
        ]
    }


def test_high_tech_revenue_above_total_revenue_is_refused():
    facts = make_facts(total_revenue=D(39_999_999))

    assert errors_of(facts) == {
        "high_tech_revenue": ["High-tech revenue cannot exceed total revenue."]
    }


def test_ip_backed_revenue_above_high_tech_revenue_is_refused():
    facts = make_facts(ip_backed_revenue=D(40_000_001))

    assert list(errors_of(facts)) == ["ip_backed_revenue"]


def test_more_sci_tech_staff_than_employees_is_refused():
    facts = make_facts(staff=Staff(in_service=8, part_time_and_temporary=2, sci_tech=D("10.5")))

    assert errors_of(facts) == {
        "staff.sci_tech": ["Science and technology staff cannot outnumber the employees."]
    }


def test_sci_tech_staff_equal_to_employees_is_accepted():
    validate(make_facts(staff=Staff(in_service=8, part_time_and_temporary=2, sci_tech=10)), on=ON)


def test_negative_counts_are_refused():
    facts = make_facts(
        staff=Staff(in_service=-1, part_time_and_temporary=0, sci_tech=0),
        ip=replace(make_facts().ip, class_two=-2),
    )
    facts = with_years(facts, conversions=[1, -1, 1])

    assert set(errors_of(facts)) == {"staff.in_service", "ip.class_two", "years.1.conversions"}


def test_registration_after_the_assessment_date_is_refused():
    errors = errors_of(make_facts(registered_on=date(2025, 6, 2)))

    assert errors["registered_on"] == ["The registration date lies after the assessment date."]


def test_registration_in_the_future_is_refused():
    errors = errors_of(make_facts(), on=date(2025, 6, 1), today=date(2018, 2, 28))

    assert errors == {"registered_on": ["The registration date lies in the future."]}


def test_incident_in_the_future_is_refused():
    facts = make_facts(incidents=(Incident(IncidentKind.SAFETY, date(2025, 6, 2)),))

    assert errors_of(facts) == {
        "incidents.0.occurred_on": ["The date of the incident lies in the future."]
    }


def test_fiscal_years_must_be_the_three_before_the_assessment_year():
    facts = make_facts()
    facts = replace(facts, years=facts.years[:2])

    assert errors_of(facts) == {
        "years": [
            "Enter the fiscal years 2022–2024, oldest first: the last three before the "
            "assessment year, or those since registration."
        ]
    }


def test_a_fiscal_year_that_has_not_ended_is_refused():
    facts = make_facts()
    facts = replace(facts, years=(*facts.years[1:], replace(facts.years[-1], year=2025)))

    errors = errors_of(facts)

    assert errors["years.2.year"] == ["The fiscal year 2025 has not ended by the assessment date."]


def test_company_without_a_finished_fiscal_year_cannot_be_assessed():
    facts = make_facts(registered_on=date(2025, 1, 5))

    assert errors_of(facts) == {
        "years": ["No fiscal year has ended since registration: there is nothing to assess yet."]
    }


def test_assess_validates_first():
    with pytest.raises(ValidationError):
        assess(make_facts(total_revenue=D(-1)), on=ON)


def test_every_bad_field_is_reported_at_once():
    facts = make_facts(total_revenue=D(-1), registered_on=date(2026, 1, 1))

    assert {"total_revenue", "registered_on"} <= set(errors_of(facts))


def test_unknown_band_and_field_are_refused():
    facts = make_facts(
        tech_field="astrology",
        ip=replace(make_facts().ip, advancement="stellar", standards="maybe"),
        management=replace(make_facts().management, talent="some"),
    )

    assert errors_of(facts) == {
        "tech_field": ["Choose one of the listed options."],
        "ip.advancement": ["Choose one of the listed options."],
        "ip.standards": ["Answer yes or no."],
        "management.talent": ["Choose one of the listed options."],
    }


def test_choices_given_as_plain_values_are_assessed_like_the_enums():
    facts = make_facts(
        tech_field="new_materials",
        ip=replace(make_facts().ip, advancement="fairly_high", core_support="strong"),
        management=replace(make_facts().management, talent="partial"),
    )

    report = assess(facts, on=ON)

    assert (
        report.rule("tech_field").reason
        == "The core technology belongs to the field “New materials”."
    )
    assert report.score.item("ip.advancement").points == (5, 6)
    assert report.score.item("management.talent").points == (1, 2)
