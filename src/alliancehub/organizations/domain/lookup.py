"""Finding a registered organisation from what a person types: its credit code or its name."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from ...common.text import normalize_name
from ..models import Organization
from ..validators import normalize_credit_code


def find_organization(value: str) -> Organization:
    """The organisation with this credit code or exact name (Traditional or Simplified, any
    spacing). Raises ValidationError, naming the value, when there is none."""
    value = value.strip()
    match = Organization.objects.filter(
        Q(credit_code=normalize_credit_code(value)) | Q(name_normalized=normalize_name(value))
    ).first()
    if match is None:
        raise ValidationError(
            _("“{value}” is not in the organisation directory; add it there first.").format(
                value=value
            )
        )
    return match


def organizations_from_lines(text: str) -> list[Organization]:
    """One organisation per non-empty line; every line that matches nothing is reported."""
    found, errors = [], []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        try:
            found.append(find_organization(line))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return found
