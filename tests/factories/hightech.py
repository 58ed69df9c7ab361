"""High-tech-enterprise facts as the pre-assessment tests build them: a comfortable applicant
(``make_facts``) and its fiscal years changed (``with_years``)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from alliancehub.memberservices.domain.hightech import (
    Advancement,
    CoreSupport,
    Facts,
    FiscalYear,
    Fulfilment,
    IntellectualProperty,
    RdManagement,
    Staff,
    TechField,
    expected_fiscal_years,
)

ON = date(2025, 6, 1)
D = Decimal

#: A comfortable applicant: every condition passes with room to spare.
BASE_YEARS = {
    2022: FiscalYear(2022, D(30_000_000), D(2_000_000), D(2_000_000), D(10_000_000), 5),
    2023: FiscalYear(2023, D(40_000_000), D(2_500_000), D(2_500_000), D(13_000_000), 5),
    2024: FiscalYear(2024, D(48_000_000), D(3_000_000), D(3_000_000), D(17_000_000), 5),
}
GOOD_IP = IntellectualProperty(
    class_one=2,
    class_two=3,
    self_developed=True,
    advancement=Advancement.HIGH,
    core_support=CoreSupport.STRONG,
    standards=True,
)
FULL_MANAGEMENT = RdManagement(Fulfilment.FULL, Fulfilment.FULL, Fulfilment.FULL, Fulfilment.FULL)


def make_facts(*, registered_on=date(2018, 3, 1), on=ON, **changes) -> Facts:
    """The comfortable applicant, with the fiscal years its registration date calls for."""
    years = tuple(
        BASE_YEARS.get(year) or FiscalYear(year, D(48_000_000), D(3_000_000), D(3_000_000), D(17_000_000), 5)
        for year in expected_fiscal_years(registered_on, on)
    )  # fmt: skip
    facts = Facts(
        registered_on=registered_on,
        tech_field=TechField.ELECTRONIC_INFORMATION,
        ip=GOOD_IP,
        staff=Staff(in_service=100, part_time_and_temporary=0, sci_tech=20),
        years=years,
        total_revenue=D(48_000_000),
        high_tech_revenue=D(40_000_000),
        ip_backed_revenue=D(30_000_000),
        management=FULL_MANAGEMENT,
    )
    return replace(facts, **changes)


def with_years(facts: Facts, **fields) -> Facts:
    """Every fiscal year with ``fields`` replaced (lists give one value per year)."""
    years = []
    for index, year in enumerate(facts.years):
        values = {name: value[index] if isinstance(value, list) else value for name, value in fields.items()}  # fmt: skip
        years.append(replace(year, **values))
    return replace(facts, years=tuple(years))
