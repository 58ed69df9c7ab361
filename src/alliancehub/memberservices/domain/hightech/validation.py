"""Checks on the facts before any rule runs: one message per wrong field, in the user's language.

Keys name the field by its path in ``Facts`` (``"staff.sci_tech"``, ``"years.1.sales_revenue"``)
so a form can put each message beside its input. A figure of zero is valid: the rules that
would divide by it answer "cannot be judged" instead.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from .enums import Advancement, CoreSupport, Fulfilment, IncidentKind, TechField
from .facts import Facts, expected_fiscal_years

Add = Callable[[str, str], None]


def validate(facts: Facts, *, on: date, today: date | None = None) -> None:
    """Raise ``ValidationError({field: [messages]})`` if any fact is missing or impossible.

    ``on`` is the (planned) application date; facts dated after it, or after ``today`` when
    given, are refused as lying in the future.
    """
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    _check_dates(facts, on, today, add)
    _check_years(facts, on, add)
    _check_people_and_ip(facts, add)
    _check_choices(facts, add)
    total = _number(facts, "total_revenue", add)
    high_tech = _number(facts, "high_tech_revenue", add)
    backed = _number(facts, "ip_backed_revenue", add)
    if total is not None and high_tech is not None and high_tech > total:
        add("high_tech_revenue", _("High-tech revenue cannot exceed total revenue."))
    if high_tech is not None and backed is not None and backed > high_tech:
        add(
            "ip_backed_revenue",
            _("Revenue from products backed by own IP cannot exceed high-tech revenue."),
        )
    if errors:
        raise ValidationError(errors)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return False
    return not isinstance(value, Decimal) or value.is_finite()


def _number(
    obj: Any, name: str, add: Add, *, prefix: str = "", signed: bool = False
) -> Decimal | None:
    """The field's value if it is a usable number, else ``None`` with a message."""
    value = getattr(obj, name, None)
    key = prefix + name
    if value is None:
        add(key, _("This figure is required."))
    elif not _is_number(value):
        add(key, _("Enter an exact number (a decimal amount or a whole number)."))
    elif value < 0 and not signed:
        add(key, _("This figure cannot be negative."))
    else:
        return Decimal(value)
    return None


def _check_dates(facts: Facts, on: date, today: date | None, add: Add) -> None:
    registered = facts.registered_on
    if not isinstance(registered, date):
        add("registered_on", _("Enter the registration date."))
    elif today is not None and registered > today:
        add("registered_on", _("The registration date lies in the future."))
    elif registered > on:
        add("registered_on", _("The registration date lies after the assessment date."))
    for index, incident in enumerate(facts.incidents or ()):
        key = f"incidents.{index}.occurred_on"
        when = getattr(incident, "occurred_on", None)
        if not isinstance(when, date):
            add(key, _("Enter the date of the incident."))
        elif when > on or (today is not None and when > today):
            add(key, _("The date of the incident lies in the future."))


def _check_years(facts: Facts, on: date, add: Add) -> None:
    years = list(facts.years or ())
    numbers = [getattr(year, "year", None) for year in years]
    if isinstance(facts.registered_on, date) and facts.registered_on <= on:
        expected = expected_fiscal_years(facts.registered_on, on)
        if not expected:
            add(
                "years",
                _("No fiscal year has ended since registration: there is nothing to assess yet."),
            )
        elif numbers != expected:
            add(
                "years",
                _(
                    "Enter the fiscal years {first}–{last}, oldest first: the last three before the assessment year, or those since registration."
                ).format(first=expected[0], last=expected[-1]),
            )
    for index, year in enumerate(years):
        prefix = f"years.{index}."
        if isinstance(year.year, int) and year.year >= on.year:
            add(
                prefix + "year",
                _("The fiscal year {year} has not ended by the assessment date.").format(
                    year=year.year
                ),
            )
        _number(year, "sales_revenue", add, prefix=prefix)
        total = _number(year, "rd_expenses", add, prefix=prefix)
        in_china = _number(year, "rd_expenses_in_china", add, prefix=prefix)
        _number(year, "net_assets", add, prefix=prefix, signed=True)
        _whole(year, "conversions", add, prefix=prefix)
        if total is not None and in_china is not None and in_china > total:
            add(
                prefix + "rd_expenses_in_china",
                _(
                    "R&D expenses in China cannot exceed the year's total R&D expenses ({year})."
                ).format(year=year.year),
            )


def _whole(obj: Any, name: str, add: Add, *, prefix: str) -> int | None:
    value = getattr(obj, name, None)
    if value is None:
        add(prefix + name, _("This figure is required."))
    elif isinstance(value, bool) or not isinstance(value, int):
        add(prefix + name, _("Enter a whole number."))
    elif value < 0:
        add(prefix + name, _("This figure cannot be negative."))
    else:
        return value
    return None


def _check_people_and_ip(facts: Facts, add: Add) -> None:
    in_service = _number(facts.staff, "in_service", add, prefix="staff.")
    others = _number(facts.staff, "part_time_and_temporary", add, prefix="staff.")
    sci_tech = _number(facts.staff, "sci_tech", add, prefix="staff.")
    if (
        in_service is not None
        and others is not None
        and sci_tech is not None
        and sci_tech > in_service + others
    ):
        add("staff.sci_tech", _("Science and technology staff cannot outnumber the employees."))
    _whole(facts.ip, "class_one", add, prefix="ip.")
    _whole(facts.ip, "class_two", add, prefix="ip.")


def _check_choices(facts: Facts, add: Add) -> None:
    """Bands and kinds must be one of their choices (a form's select guarantees it)."""
    fields: list[tuple[str, Any, type[TextChoices], bool]] = [
        ("tech_field", facts.tech_field, TechField, True),
        ("ip.advancement", facts.ip.advancement, Advancement, False),
        ("ip.core_support", facts.ip.core_support, CoreSupport, False),
    ]
    management = facts.management
    for name in (
        "system_and_accounts",
        "institution_and_cooperation",
        "conversion_incentives",
        "talent",
    ):
        fields.append((f"management.{name}", getattr(management, name, None), Fulfilment, False))
    for index, incident in enumerate(facts.incidents or ()):
        fields.append(
            (f"incidents.{index}.kind", getattr(incident, "kind", None), IncidentKind, False)
        )
    for key, value, choices, optional in fields:
        if value is None and optional:
            continue
        if value not in choices.values:
            add(key, _("Choose one of the listed options."))
    for name in ("self_developed", "standards"):
        if not isinstance(getattr(facts.ip, name, None), bool):
            add(f"ip.{name}", _("Answer yes or no."))
