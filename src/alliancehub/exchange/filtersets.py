"""The marketplace's filters: direction, kind, chain link, region, alliance and words."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from ..alliances.models import Alliance
from ..organizations.domain.regions import prefix_bounds
from ..organizations.fields import RegionField
from .enums import Direction, ListingStatus, PostKind
from .forms import alliance_label, link_choices
from .models import Listing, Post


class RegionFilter(django_filters.Filter):
    field_class = RegionField


class AllianceField(ModelChoiceField):
    def label_from_instance(self, obj: Alliance) -> str:
        return alliance_label(obj)


class AllianceFilter(django_filters.ModelChoiceFilter):
    field_class = AllianceField


class PostFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search",
        help_text=_("Words of the title or the description."),
    )  # fmt: skip
    direction = django_filters.ChoiceFilter(
        label=_("Offer or need"), choices=Direction.choices, empty_label=_("Offers and needs")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PostKind.choices, empty_label=_("All kinds")
    )
    link = django_filters.ChoiceFilter(
        label=_("Chain link"), method="filter_link", choices=[], empty_label=_("All links"),
        help_text=_("A link includes its sub-links."),
    )  # fmt: skip
    region = RegionFilter(
        label=_("Region"), method="filter_region",
        help_text=_("GB/T 2260 code or name; a region includes its sub-regions."),
    )  # fmt: skip
    alliance = AllianceFilter(
        label=_("Alliance"), queryset=Alliance.objects.order_by("name"), to_field_name="slug",
        method="filter_alliance", empty_label=_("All alliances"),
    )  # fmt: skip

    class Meta:
        model = Post
        fields = ["search", "direction", "kind", "link", "region", "alliance"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once per request, in the active language. The field may already exist (copied
        # from the class's filters after the API schema was built), so it gets them too.
        link = self.filters["link"]
        link.extra["choices"] = link_choices()
        link.field.choices = link.extra["choices"]

    def filter_search(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset

    def filter_link(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        slug, _sep, code = value.partition(":")
        on_link = Post.links.through.objects.filter(link__chain__slug=slug).filter(
            Q(link__code=code) | Q(link__code__startswith=f"{code}.")
        )
        return queryset.filter(pk__in=on_link.values("post_id"))

    def filter_region(self, queryset: QuerySet[Post], name: str, value: Any) -> QuerySet[Post]:
        if not value:
            return queryset
        low, high = prefix_bounds(value.prefix)
        return queryset.filter(region_id__gte=low, region_id__lt=high)

    def filter_alliance(
        self, queryset: QuerySet[Post], name: str, value: Alliance | None
    ) -> QuerySet[Post]:
        if value is None:
            return queryset
        approved = Listing.objects.filter(alliance=value, status=ListingStatus.APPROVED)
        return queryset.filter(pk__in=approved.values("post_id"))
