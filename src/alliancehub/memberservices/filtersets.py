"""The request list's filters, for the page and the API alike: state, service kind, overdue."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .domain.overdue import overdue_condition
from .enums import RequestStatus, ServiceKind
from .models import ServiceRequest


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RequestStatus.choices, empty_label=_("All states")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="service__kind", choices=ServiceKind.choices,
        empty_label=_("All kinds"),
    )  # fmt: skip
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue",
        help_text=_("Not resolved within the service's target time."),
    )  # fmt: skip

    class Meta:
        model = ServiceRequest
        fields = ["status", "kind", "overdue"]

    def filter_overdue(
        self, queryset: QuerySet[ServiceRequest], name: str, value: Any
    ) -> QuerySet[ServiceRequest]:
        if value is None:
            return queryset
        return (
            queryset.filter(overdue_condition()) if value else queryset.exclude(overdue_condition())
        )
