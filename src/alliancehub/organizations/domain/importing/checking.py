"""Turning a row's raw values into an organisation, or into the reasons it cannot be one."""

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ....common.text import fold
from ...enums import OrganizationKind, OrganizationSize
from ...models import Contact, Industry, Organization, Region
from ..regions import resolve
from ..registry import CONTACT_FIELDS, derive_fields
from .columns import COLUMN_LABELS

#: Words people write in a "kind" or "size" column besides the labels of the three languages.
CHOICE_ALIASES = {
    "企业": "enterprise", "公司": "enterprise", "民营企业": "enterprise", "国有企业": "enterprise",
    "高校": "university", "大学": "university", "高等院校": "university", "学院": "university",
    "科研院所": "research_institute", "研究院": "research_institute",
    "研究所": "research_institute", "新型研发机构": "research_institute",
    "政府": "government", "政府部门": "government", "政府机构": "government", "机关": "government",
    "协会": "association", "学会": "association", "商会": "association", "联盟": "association",
    "社会团体": "association", "社团": "association",
    "银行": "financial", "金融机构": "financial", "投资机构": "financial",
    "其他": "other",
    "大型": "large", "中型": "medium", "小型": "small", "微型": "micro",
}  # fmt: skip


def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    values = {value for value, _label in choices.choices}
    lookup = {fold(word): value for word, value in CHOICE_ALIASES.items() if value in values}
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[fold(str(label))] = value
                lookup[fold(value)] = value
    return lookup


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class RowChecker:
    """Turns raw row values into model values, collecting every problem with the row."""

    def __init__(self) -> None:
        self.kinds = _choice_lookup(OrganizationKind)
        self.sizes = _choice_lookup(OrganizationSize)
        self.industries = {code: code for code in Industry.objects.values_list("code", flat=True)}
        self.regions: dict[str, Region] = {}
        self.seen_names: dict[str, int] = {}
        self.seen_codes: dict[str, int] = {}

    def _region(self, value: Any, errors: list[str]) -> Region | None:
        text = str(value).strip()
        codes = resolve(text)
        if len(codes) != 1:
            errors.append(
                _("Unknown region “{value}”.").format(value=text)
                if not codes
                else _("Region “{value}” is ambiguous; use its six-digit code.").format(value=text)
            )
            return None
        if codes[0] not in self.regions:
            self.regions[codes[0]] = Region.objects.get(code=codes[0])
        return self.regions[codes[0]]

    @staticmethod
    def _date(value: Any, errors: list[str]) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        # 2010-03-04, 2010/3/4, 2010.3.4 and 2010年3月4日 are all the same day.
        match = _DATE.fullmatch(str(value).strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:  # 2010-13-01
                pass
        errors.append(_("“{value}” is not a date (use YYYY-MM-DD).").format(value=value))
        return None

    def check(
        self, values: dict[str, Any]
    ) -> tuple[Organization | None, dict[str, str], list[str]]:
        """``(unsaved organisation, contact, [])`` for a good row, ``(None, {}, reasons)`` otherwise."""
        errors: list[str] = []
        text = {k: str(v).strip() for k, v in values.items()}
        data: dict[str, Any] = {
            field: text.get(field, "")
            for field in ("name", "name_en", "website", "description", "credit_code")
        }
        if "kind" in text:
            data["kind"] = self.kinds.get(fold(text["kind"]))
            if data["kind"] is None:
                errors.append(_("Unknown kind “{value}”.").format(value=text["kind"]))
        if "size" in text:
            data["size"] = self.sizes.get(fold(text["size"]))
            if data["size"] is None:
                errors.append(_("Unknown size “{value}”.").format(value=text["size"]))
        if "region" in values:
            data["region"] = self._region(values["region"], errors)
        if "industry" in text:
            code = (
                text["industry"]
                .split(" ")[0]
                .upper()
                .zfill(2 if text["industry"][:1].isdigit() else 1)
            )
            data["industry_id"] = self.industries.get(code)
            if data["industry_id"] is None:
                errors.append(_("Unknown industry class “{value}”.").format(value=text["industry"]))
        if "founded_on" in values:
            data["founded_on"] = self._date(values["founded_on"], errors)
        organization = Organization(**{k: v for k, v in data.items() if v is not None})
        derive_fields(organization)
        try:
            organization.full_clean(
                exclude=["region", "industry", "kind", "size"], validate_constraints=False
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = getattr(Organization._meta.get_field(field), "verbose_name", field)
                errors.extend(
                    _("{field}: {message}").format(field=capfirst(label), message=message)
                    for message in messages
                )
        contact = self._contact(text, errors)
        errors.extend(self._duplicates(organization))
        if errors:
            return None, {}, errors
        return organization, contact, []

    @staticmethod
    def _contact(text: dict[str, str], errors: list[str]) -> dict[str, str]:
        # Checked here because bulk_create does not validate: on PostgreSQL an over-long phone
        # number would otherwise fail the whole batch.
        contact = {field: text.get(f"contact_{field}", "") for field in CONTACT_FIELDS}
        if contact["name"]:
            try:
                Contact(**contact).full_clean(exclude=["organization"])
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    label = COLUMN_LABELS[f"contact_{field}"]
                    errors.extend(
                        _("{field}: {message}").format(field=label, message=message)
                        for message in messages
                    )
        return contact

    def _duplicates(self, organization: Organization) -> list[str]:
        errors = []
        key, code = organization.name_normalized, organization.credit_code
        if key in self.seen_names:
            errors.append(_("Same name as row {row}.").format(row=self.seen_names[key]))
        if code and code in self.seen_codes:
            errors.append(_("Same credit code as row {row}.").format(row=self.seen_codes[code]))
        return errors

    def remember(self, organization: Organization, row_number: int) -> None:
        self.seen_names.setdefault(organization.name_normalized, row_number)
        if organization.credit_code:
            self.seen_codes.setdefault(organization.credit_code, row_number)
