"""Form fields shared by the organisation form, the directory filter and the import."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .domain.regions import resolve
from .models import Region


class RegionInput(forms.TextInput):
    """A text box for a region code or name, with suggestions fetched as the user types."""

    template_name = "organizations/widgets/region_input.html"

    def format_value(self, value):
        if isinstance(value, Region):
            return value.code
        return super().format_value(value)


class RegionField(forms.Field):
    """A region given by its GB/T 2260 code or its name (诸暨市, 浙江省绍兴市诸暨市, Zhuji)."""

    widget = RegionInput
    default_error_messages = {
        "unknown": _(
            "Unknown region “{value}”: enter a six-digit administrative division code or a region name."
        ),
        "ambiguous": _("“{value}” could mean several regions ({choices}); please enter the code."),
    }

    def to_python(self, value):
        if isinstance(value, Region) or value in self.empty_values:
            return value or None
        value = str(value).strip()
        if value.isdigit():  # the common case, answered in one query
            region = Region.objects.select_related("parent").filter(code=value).first()
            if region is None:
                raise ValidationError(
                    self.error_messages["unknown"].format(value=value), code="unknown"
                )
            return region
        codes = resolve(value)
        if not codes:
            raise ValidationError(
                self.error_messages["unknown"].format(value=value), code="unknown"
            )
        if len(codes) > 1:
            regions = Region.objects.filter(code__in=codes[:6]).select_related("parent")
            choices = "、".join(
                " ".join(str(part) for part in (r.code, r.parent, r) if part) for r in regions
            )
            raise ValidationError(
                self.error_messages["ambiguous"].format(value=value, choices=choices),
                code="ambiguous",
            )
        return Region.objects.select_related("parent").get(code=codes[0])

    def prepare_value(self, value):
        return value.code if isinstance(value, Region) else value
