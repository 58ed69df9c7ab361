"""The pre-assessment form: one long form in sections, mirroring ``hightech.Facts``.

Every figure is optional here so that a missing or impossible one is reported by the domain's
own validation (``hightech.validate``), whose keys name paths in ``Facts``; ``add_domain_errors``
puts each message beside its input. The three fiscal-year columns are the three years before
the assessment year; those before registration are left out.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..alliances.forms import DateInput
from .domain.assessments import facts_from_data
from .domain.hightech import (
    Advancement,
    CoreSupport,
    Facts,
    Fulfilment,
    IncidentKind,
    TechField,
    expected_fiscal_years,
)

YEAR_COLUMNS = 3
INCIDENT_ROWS = 2
NO_FIELD = "none"
YES_NO = [("", _("— not answered —")), ("yes", _("Yes")), ("no", _("No"))]

YEAR_ROWS = [
    ("sales_revenue", _("Sales revenue (yuan)"),
     _("Main and other business income, as in the corporate income-tax return.")),
    ("rd_expenses", _("R&D expenses (yuan)"),
     _("As collected for the application: entrusted R&D at 80 %, other expenses at most 20 %.")),
    ("rd_expenses_in_china", _("of which spent in China (yuan)"),
     _("Internal R&D plus R&D entrusted to Chinese bodies or persons.")),
    ("net_assets", _("Net assets at year end (yuan)"), _("Total assets less total liabilities; may be negative.")),
    ("conversions", _("Results converted in the year"),
     _("Scientific and technological results turned into products, services or processes.")),
]  # fmt: skip


def _amount(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, max_digits=18, decimal_places=2, help_text=help_text,
        localize=False,
    )  # fmt: skip


def _headcount(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, max_digits=9, decimal_places=2, help_text=help_text
    )


def _count(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, help_text=help_text)


def _choice(label: Any, choices: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", _("— choose —")), *choices],
        help_text=help_text,
    )  # fmt: skip


def _yes_no(label: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=YES_NO, help_text=help_text)


class AssessmentForm(forms.Form):
    registered_on = forms.DateField(
        label=_("Registered on"), required=False, widget=DateInput(),
        help_text=_("The date on the business licence."),
    )  # fmt: skip
    tech_field = forms.ChoiceField(
        label=_("Field of the core technology"),
        choices=[("", _("— choose —")), *TechField.choices,
                 (NO_FIELD, _("None of the eight supported fields"))],
        help_text=_("The field of the technology behind the main products or services."),
    )  # fmt: skip
    ip_class_one = _count(
        _("Class I IP items"),
        _(
            "Invention patents, plant varieties, new drugs, IC layout designs… granted in China, in force, owned."
        ),
    )
    ip_class_two = _count(
        _("Class II IP items"),
        _("Utility models, designs, software copyrights not used in an earlier application."),
    )
    ip_self_developed = _yes_no(
        _("At least one item from own R&D"), _("Not only obtained by transfer, gift or merger.")
    )
    ip_advancement = _choice(_("Technical advancement of the IP"), Advancement.choices)
    ip_core_support = _choice(_("Core support of the IP to the main products"), CoreSupport.choices)
    ip_standards = _yes_no(
        _("Took part in drafting national or industry standards"),
        _("Standards, test methods or technical specifications recognised by the authorities."),
    )
    staff_in_service = _headcount(
        _("Employees in service"), _("Annual monthly average of the last fiscal year.")
    )
    staff_part_time_and_temporary = _headcount(
        _("Part-time and temporary staff"), _("Those who worked 183 days or more in the year.")
    )
    staff_sci_tech = _headcount(
        _("Science and technology staff"),
        _("In R&D, its management or direct technical service, 183 days or more in the year."),
    )
    total_revenue = _amount(
        _("Total revenue (yuan)"), _("Last fiscal year: total income less non-taxable income.")
    )
    high_tech_revenue = _amount(
        _("High-tech products and services revenue (yuan)"),
        _("Last fiscal year, technical income included."),
    )
    ip_backed_revenue = _amount(
        _("of which from products backed by own core IP (yuan)"),
        _("The part of high-tech revenue from products whose core-supporting IP the company owns."),
    )
    management_system_and_accounts = _choice(
        _("R&D rules, cost accounting and auxiliary ledger"), Fulfilment.choices
    )
    management_institution_and_cooperation = _choice(
        _("R&D institution and research cooperation"), Fulfilment.choices
    )
    management_conversion_incentives = _choice(
        _("Conversion organisation, incentives and open platforms"), Fulfilment.choices
    )
    management_talent = _choice(
        _("Training, recruitment and rewards for S&T staff"), Fulfilment.choices
    )

    def __init__(self, *args: Any, on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on = on
        self.years = [on.year - YEAR_COLUMNS + index for index in range(YEAR_COLUMNS)]
        for index, _year in enumerate(self.years):
            for name, label, help_text in YEAR_ROWS:
                field = _count(label) if name == "conversions" else _amount(label)
                field.help_text = help_text
                self.fields[f"y{index}_{name}"] = field
        for index in range(INCIDENT_ROWS):
            self.fields[f"incident{index}_kind"] = _choice(_("Kind"), IncidentKind.choices)
            self.fields[f"incident{index}_occurred_on"] = forms.DateField(
                label=_("Date"), required=False, widget=DateInput()
            )

    # Layout helpers for the template -----------------------------------------------------

    def _section(self, prefix: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(prefix)]

    @property
    def company_fields(self) -> list[forms.BoundField]:
        return [self["registered_on"], self["tech_field"]]

    @property
    def ip_fields(self) -> list[forms.BoundField]:
        names = ["class_one", "class_two", "self_developed", "advancement", "core_support",
                 "standards"]  # fmt: skip
        return [self[f"ip_{name}"] for name in names]

    @property
    def staff_fields(self) -> list[forms.BoundField]:
        return self._section("staff_")

    @property
    def revenue_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("total_revenue", "high_tech_revenue", "ip_backed_revenue")]

    @property
    def management_fields(self) -> list[forms.BoundField]:
        return self._section("management_")

    @property
    def year_rows(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        return [
            (label, help_text, [self[f"y{index}_{name}"] for index in range(YEAR_COLUMNS)])
            for name, label, help_text in YEAR_ROWS
        ]

    @property
    def incident_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"incident{index}_kind"], self[f"incident{index}_occurred_on"])
            for index in range(INCIDENT_ROWS)
        ]

    # Facts ---------------------------------------------------------------------------------

    def _counted_years(self) -> list[int]:
        registered = self.cleaned_data.get("registered_on")
        if isinstance(registered, date) and registered <= self.on:
            return expected_fiscal_years(registered, self.on) or self.years
        return self.years

    def _incident_slots(self) -> list[int]:
        data = self.cleaned_data
        return [
            index for index in range(INCIDENT_ROWS)
            if data.get(f"incident{index}_kind") or data.get(f"incident{index}_occurred_on")
        ]  # fmt: skip

    def facts(self) -> Facts:
        """The facts as entered (call after ``is_valid``); the domain validates them."""
        data = self.cleaned_data

        def pick(prefix: str, names: list[str]) -> dict[str, Any]:
            return {name: data.get(f"{prefix}_{name}") for name in names}

        ip = pick("ip", ["class_one", "class_two", "advancement", "core_support"])
        for name in ("self_developed", "standards"):
            answer = data.get(f"ip_{name}")
            ip[name] = {"yes": True, "no": False}.get(answer or "")
        names = [name for name, _label, _help in YEAR_ROWS]
        years = [
            {"year": year, **pick(f"y{self.years.index(year)}", names)}
            for year in self._counted_years()
        ]
        field = data.get("tech_field")
        return facts_from_data({
            "registered_on": data.get("registered_on"),
            "tech_field": None if field in ("", NO_FIELD, None) else field,
            "ip": ip,
            "staff": pick("staff", ["in_service", "part_time_and_temporary", "sci_tech"]),
            "years": years,
            **{name: data.get(name) for name in ("total_revenue", "high_tech_revenue",
                                                 "ip_backed_revenue")},
            "management": pick("management", ["system_and_accounts",
                                              "institution_and_cooperation",
                                              "conversion_incentives", "talent"]),
            "incidents": [
                {"kind": data.get(f"incident{i}_kind") or None,
                 "occurred_on": data.get(f"incident{i}_occurred_on")}
                for i in self._incident_slots()
            ],
        })  # fmt: skip

    def add_domain_errors(self, error: ValidationError) -> None:
        """Put each of the domain's messages beside the input its key names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        counted, incidents = self._counted_years(), self._incident_slots()
        for key, errors in error.error_dict.items():
            self.add_error(self._field_for(key, counted, incidents), errors)

    def _field_for(self, key: str, counted: list[int], incidents: list[int]) -> str | None:
        parts = key.split(".")
        if parts[0] in ("ip", "staff", "management") and len(parts) == 2:
            name = f"{parts[0]}_{parts[1]}"
        elif parts[0] == "years" and len(parts) == 3 and parts[1].isdigit():
            index = int(parts[1])
            year = counted[index] if index < len(counted) else None
            name = f"y{self.years.index(year)}_{parts[2]}" if year in self.years else ""
        elif parts[0] == "incidents" and len(parts) == 3 and parts[1].isdigit():
            index = int(parts[1])
            name = f"incident{incidents[index]}_{parts[2]}" if index < len(incidents) else ""
        else:
            name = key
        return name if name in self.fields else None

    @classmethod
    def initial_from(cls, facts: dict[str, Any], on: date) -> dict[str, Any]:
        """The form's initial values from saved facts (``facts_to_data``'s shape)."""
        initial: dict[str, Any] = {
            "registered_on": facts.get("registered_on"),
            "tech_field": facts.get("tech_field") or NO_FIELD,
        }
        for prefix in ("ip", "staff", "management"):
            for name, value in (facts.get(prefix) or {}).items():
                if isinstance(value, bool):
                    value = "yes" if value else "no"
                initial[f"{prefix}_{name}"] = value
        for name in ("total_revenue", "high_tech_revenue", "ip_backed_revenue"):
            initial[name] = facts.get(name)
        columns = [on.year - YEAR_COLUMNS + index for index in range(YEAR_COLUMNS)]
        for year in facts.get("years") or []:
            if year.get("year") in columns:
                index = columns.index(year["year"])
                for name, value in year.items():
                    if name != "year":
                        initial[f"y{index}_{name}"] = value
        for index, incident in enumerate((facts.get("incidents") or [])[:INCIDENT_ROWS]):
            initial[f"incident{index}_kind"] = incident.get("kind")
            initial[f"incident{index}_occurred_on"] = incident.get("occurred_on")
        return initial
