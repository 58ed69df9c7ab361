"""Saved high-tech pre-assessments: the facts as JSON, the report as data, and a request for
the secretariat's help that carries the report's summary.

``facts_from_data`` is lenient on purpose: it converts what it can (numbers written as text,
ISO dates) and hands anything else to ``hightech.validate`` as it came, so every wrong or
missing figure gets the domain's own message, keyed by its path in ``Facts``.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import ServiceKind
from ..models import Assessment, Service, ServiceRequest
from .access import member_ids
from .hightech import (
    Facts,
    FiscalYear,
    Incident,
    IntellectualProperty,
    RdManagement,
    Report,
    Staff,
    Verdict,
    assess,
)

IP_FIELDS = ["class_one", "class_two", "self_developed", "advancement", "core_support", "standards"]
STAFF_FIELDS = ["in_service", "part_time_and_temporary", "sci_tech"]
YEAR_FIELDS = ["year", "sales_revenue", "rd_expenses", "rd_expenses_in_china", "net_assets",
               "conversions"]  # fmt: skip
MANAGEMENT_FIELDS = ["system_and_accounts", "institution_and_cooperation",
                     "conversion_incentives", "talent"]  # fmt: skip
REVENUE_FIELDS = ["total_revenue", "high_tech_revenue", "ip_backed_revenue"]
WHOLE = {"class_one", "class_two", "year", "conversions"}


# Facts <-> JSON ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def facts_to_data(facts: Facts) -> dict[str, Any]:
    """JSON-safe: amounts and headcounts as decimal strings, dates as ISO strings."""

    def part(obj: Any, names: list[str]) -> dict[str, Any]:
        return {name: _plain(getattr(obj, name)) for name in names}

    return {
        "registered_on": _plain(facts.registered_on),
        "tech_field": facts.tech_field,
        "ip": part(facts.ip, IP_FIELDS),
        "staff": part(facts.staff, STAFF_FIELDS),
        "years": [part(year, YEAR_FIELDS) for year in facts.years],
        **{name: _plain(getattr(facts, name)) for name in REVENUE_FIELDS},
        "management": part(facts.management, MANAGEMENT_FIELDS),
        "incidents": [
            {"kind": incident.kind, "occurred_on": _plain(incident.occurred_on)}
            for incident in facts.incidents
        ],
    }


def _number(value: Any, whole: bool = False) -> Any:
    """An exact number where ``value`` reads as one; otherwise ``value`` itself."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return value
    if isinstance(value, Decimal) and whole and value.is_finite() and value == value.to_integral():
        return int(value)
    return value


def _day(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _fields(data: Any, names: list[str], numbers: bool = True) -> dict[str, Any]:
    data = data if isinstance(data, Mapping) else {}
    return {
        name: _number(data.get(name), name in WHOLE) if numbers else data.get(name)
        for name in names
    }


def _rows(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def facts_from_data(data: Mapping[str, Any]) -> Facts:
    """``Facts`` from ``facts_to_data``'s shape (or the API's); missing parts become ``None``
    for ``validate`` to report."""
    ip = _fields(data.get("ip"), IP_FIELDS)
    years = [FiscalYear(**_fields(year, YEAR_FIELDS)) for year in _rows(data.get("years"))]
    incidents = [
        # Any value passes through: ``validate`` names what is not a kind.
        Incident(kind=row.get("kind"), occurred_on=_day(row.get("occurred_on")))  # type: ignore[arg-type]
        for row in (row if isinstance(row, Mapping) else {} for row in _rows(data.get("incidents")))
    ]
    return Facts(
        registered_on=_day(data.get("registered_on")),
        tech_field=data.get("tech_field") or None,
        ip=IntellectualProperty(**ip),
        staff=Staff(**_fields(data.get("staff"), STAFF_FIELDS)),
        years=tuple(years),
        **{name: _number(data.get(name)) for name in REVENUE_FIELDS},
        management=RdManagement(**_fields(data.get("management"), MANAGEMENT_FIELDS, False)),
        incidents=tuple(incidents),
    )


# The report as data --------------------------------------------------------------------------


def report_to_data(report: Report) -> dict[str, Any]:
    """Every verdict with its figures, citation, reason and advice, and the score range by
    part and item, in the active language. Figures carry their exact value (a decimal string;
    a share as a fraction, 0.05 = 5 %) and the text the page shows."""
    low, high = report.score.points
    return {
        "on": report.on.isoformat(),
        "verdict": str(report.verdict),
        "verdict_label": str(Verdict(report.verdict).label),
        "rules": [
            {
                "code": rule.code,
                "title": str(rule.title),
                "citation": rule.citation,
                "verdict": str(rule.verdict),
                "verdict_label": str(Verdict(rule.verdict).label),
                "met": rule.met,
                "reason": str(rule.reason),
                "advice": str(rule.advice),
                "figures": [
                    {
                        "label": str(figure.label),
                        "value": None if figure.value is None else str(figure.value),
                        "kind": str(figure.kind),
                        "text": figure.text,
                    }
                    for figure in rule.figures
                ],
            }
            for rule in report.rules
        ],
        "score": {
            "low": low,
            "high": high,
            "parts": [
                {
                    "code": part.code,
                    "title": str(part.title),
                    "maximum": part.maximum,
                    "low": part.points[0],
                    "high": part.points[1],
                    "items": [
                        {
                            "code": item.code,
                            "title": str(item.title),
                            "maximum": item.maximum,
                            "low": item.points[0],
                            "high": item.points[1],
                            "basis": str(item.basis),
                        }
                        for item in part.items
                    ],
                }
                for part in report.score.parts
            ],
        },
    }


def report_summary(report: Report) -> str:
    """Plain text for a help request: the overall verdict, each condition's verdict with its
    reason and advice, the score range."""
    low, high = report.score.points
    lines = [
        _("High-tech enterprise pre-assessment for {date}: {verdict}.").format(
            date=report.on.isoformat(), verdict=Verdict(report.verdict).label
        ),
        _("Expected innovation score: {low}–{high} of 100.").format(low=low, high=high),
        "",
    ]
    for rule in report.rules:
        lines.append(f"- [{Verdict(rule.verdict).label}] {rule.title}: {rule.reason}")
        if rule.advice:
            lines.append(f"  {rule.advice}")
    return "\n".join(lines)


# Saving --------------------------------------------------------------------------------------


def _check_member(actor: Any, alliance: Alliance, organization: Organization) -> None:
    if organization.pk not in member_ids(actor, alliance):
        raise PermissionDenied(_("You do not represent this member of the alliance."))


def report_of(assessment: Assessment) -> Report:
    """The saved assessment's report, computed again in the active language."""
    return assess(facts_from_data(assessment.facts), on=assessment.on)


@transaction.atomic
def save_assessment(
    alliance: Alliance, organization: Organization, facts: Facts, *, on: date, actor: Any,
    source: str, today: date | None = None, assessment: Assessment | None = None,
) -> tuple[Assessment, Report]:  # fmt: skip
    """Judge ``facts`` for ``on`` and keep them for the member (a new assessment, or
    ``assessment`` revised).

    Side effects: saves the facts, date, overall verdict and score range; audits. Refused
    (``ValidationError`` keyed by the facts' paths) when a fact is missing or impossible, or
    when the actor does not represent the organisation in the alliance.
    """
    _check_member(actor, alliance, organization)
    report = assess(facts, on=on, today=today)
    if assessment is None:
        assessment = Assessment(alliance=alliance, organization=organization, created_by=actor)
        action, before = audit.Action.CREATE, {}
    else:
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        action = audit.Action.UPDATE
        before = audit.snapshot(assessment, ["on", "verdict", "score_low", "score_high"])
    assessment.on, assessment.facts = on, facts_to_data(facts)
    assessment.verdict = report.verdict
    assessment.score_low, assessment.score_high = report.score.points
    assessment.save()
    after = audit.snapshot(assessment, ["on", "verdict", "score_low", "score_high"])
    audit.record(assessment, action=action, actor=actor, source=source,
                 changes=audit.diff(before, after))  # fmt: skip
    return assessment, report


def recognition_service(alliance: Alliance) -> Service | None:
    """The alliance's offered high-tech-recognition service (the first, if several)."""
    return (
        Service.objects.for_alliance(alliance)
        .filter(kind=ServiceKind.HIGH_TECH_RECOGNITION, active=True)
        .order_by("id")
        .first()
    )


@transaction.atomic
def link_help_request(
    assessment: Assessment, request: ServiceRequest, *, actor: Any, source: str
) -> Assessment:
    """Remember the help request filed from the assessment (the secretariat may then read
    the assessment). Side effects: saved; audited."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_member(actor, assessment.alliance, assessment.organization)
    if request.organization_id != assessment.organization_id:
        raise ValidationError(_("The request is not this organisation's."))
    before = audit.snapshot(assessment, ["help_request"])
    assessment.help_request = request
    assessment.save(update_fields=["help_request", "updated_at"])
    audit.record(assessment, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff(before, audit.snapshot(assessment, ["help_request"])))  # fmt: skip
    return assessment
