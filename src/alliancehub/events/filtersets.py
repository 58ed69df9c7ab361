"""The events lists' filters (pages and API alike) and the registrations list's."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..alliances.models import Alliance
from ..common.text import to_simplified
from .enums import EventKind, RegistrationStatus
from .models import Event, Registration

WHEN = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class EventFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search", help_text=_("Words of the title or theme.")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN, method="filter_when", empty_label=_("Any time")
    )
    alliance = django_filters.ModelChoiceFilter(
        label=_("Alliance"), queryset=Alliance.objects.order_by("name"), to_field_name="slug",
        empty_label=_("All alliances"),
    )  # fmt: skip

    class Meta:
        model = Event
        fields = ["search", "kind", "when", "alliance"]

    def filter_search(self, queryset: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(theme__icontains=word) | Q(venue__icontains=word)
            )
        return queryset

    def filter_when(self, queryset: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now).order_by("starts_at", "id")
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


class RegistrationFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search",
        help_text=_("Name, e-mail, phone or organisation."),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Registration
        fields = ["search", "status"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        condition = Q()
        for term in {value, to_simplified(value)}:
            condition |= (
                Q(name__icontains=term) | Q(email__icontains=term) | Q(phone__icontains=term)
                | Q(organization_name__icontains=term)
            )  # fmt: skip
        return queryset.filter(condition)
