"""The directory's filters, shared by the page and ``GET /api/v1/organizations/``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .domain import regions, search
from .enums import OrganizationKind
from .fields import RegionField
from .models import Organization


class RegionFilter(django_filters.Filter):
    field_class = RegionField


class OrganizationFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Part of the Chinese or English name, or the credit code."),
    )
    region = RegionFilter(
        label=_("Region"),
        method="filter_region",
        help_text=_("GB/T 2260 code or name; a region includes its sub-regions."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Organization
        fields = ["search", "region", "kind"]

    def filter_search(self, queryset, name, value):
        return search.matching(queryset, value)

    def filter_region(self, queryset, name, value):
        return regions.within(queryset, value) if value else queryset
