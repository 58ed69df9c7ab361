"""Query parameters of the registry's API lists."""

from datetime import date

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..domain.membership import in_force_on
from ..enums import ApplicationStatus, MembershipTier
from ..models import Membership, MembershipApplication


class MembershipFilterSet(django_filters.FilterSet):
    on = django_filters.DateFilter(
        label=_("In force on"), method="filter_on",
        help_text=_("Only the periods in force on this day (YYYY-MM-DD)."),
    )  # fmt: skip
    tier = django_filters.ChoiceFilter(label=_("Tier"), choices=MembershipTier.choices)

    class Meta:
        model = Membership
        fields = ["on", "tier"]

    def filter_on(self, queryset: QuerySet[Membership], name: str, value: date) -> QuerySet:
        return queryset.filter(in_force_on(value))


class ApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)

    class Meta:
        model = MembershipApplication
        fields = ["status"]
