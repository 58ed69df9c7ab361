"""The policy library's form and filters. They read and check the input; the domain decides.

Regions and chain links are offered as multi-selects: the provinces and prefectures, the
counties of the alliance's province, and any region the policy already names; every current
chain link, grouped under its chain.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..alliances.models import Alliance
from ..chains.domain.names import localized
from ..chains.models import Link
from ..organizations.domain.regions import prefix_bounds
from ..organizations.enums import OrganizationKind, OrganizationSize, RegionLevel
from ..organizations.fields import RegionField
from ..organizations.models import Region
from .domain.policies import FIELDS, in_force
from .models import Policy

IN_FORCE, ALL = "in_force", "all"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RegionsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        if obj.level == RegionLevel.PROVINCE or obj.parent is None:
            return f"{obj.code} {obj}"
        return f"{obj.code} {obj.parent} {obj}"


class LinksChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Link) -> str:
        return f"{localized(obj.chain)} › {localized(obj)}"


def current_links(keep: list[int] | None = None) -> QuerySet[Link]:
    """Every current chain link, and the retired ones in ``keep`` (a policy names them)."""
    shown = Q(retired=False) | Q(pk__in=keep or [])
    return Link.objects.filter(shown).select_related("chain").order_by("chain", "order")


def offered_regions(alliance: Alliance, chosen: list[str]) -> QuerySet[Region]:
    """Provinces, prefectures, the counties of the alliance's province, and ``chosen``."""
    shown = Q(level__in=[RegionLevel.PROVINCE, RegionLevel.PREFECTURE]) | Q(code__in=chosen)
    if alliance.region_id:
        low, high = prefix_bounds(alliance.region_id[:2])
        shown |= Q(code__gte=low, code__lt=high)
    return Region.objects.filter(shown).select_related("parent").order_by("code")


class PolicyForm(forms.Form):
    """A policy of the library: its text and dates, then who it is for (each condition left
    empty applies to everyone)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    issuing_region = RegionField(
        label=_("Issuing region"), required=False,
        help_text=_("GB/T 2260 code or name, e.g. 330600 or 绍兴市."),
    )  # fmt: skip
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    effective_from = forms.DateField(label=_("In force from"), required=False, widget=DateInput())
    effective_until = forms.DateField(label=_("In force until"), required=False, widget=DateInput())
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    full_text = forms.CharField(
        label=_("Full text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    source_url = forms.URLField(label=_("Official address"), required=False, assume_scheme="https")
    regions = RegionsChoiceField(
        label=_("For organisations in"), queryset=Region.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("A region includes its sub-regions. None chosen: anywhere (hold Ctrl to pick several)."),
    )  # fmt: skip
    links = LinksChoiceField(
        label=_("For chain links"), queryset=Link.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Organisations with a confirmed position on one of them or below. None chosen: any."),
    )  # fmt: skip
    kinds = forms.MultipleChoiceField(
        label=_("Organisation kinds"), choices=OrganizationKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any kind."),
    )  # fmt: skip
    sizes = forms.MultipleChoiceField(
        label=_("Enterprise sizes"), choices=OrganizationSize.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any size."),
    )  # fmt: skip
    high_tech_only = forms.BooleanField(
        label=_("Recognised high-tech enterprises only"), required=False
    )
    min_age_years = forms.IntegerField(
        label=_("Founded at least (years ago)"), required=False, min_value=0, max_value=200
    )
    max_age_years = forms.IntegerField(
        label=_("Founded at most (years ago)"), required=False, min_value=0, max_value=200
    )

    ELIGIBILITY = ("regions", "links", "kinds", "sizes", "high_tech_only", "min_age_years",
                   "max_age_years")  # fmt: skip

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = [str(code) for code in (self.initial.get("regions") or [])]
        if self.is_bound:
            chosen += self.data.getlist("regions") if hasattr(self.data, "getlist") else []
        regions = self.fields["regions"]
        assert isinstance(regions, forms.ModelMultipleChoiceField)
        regions.queryset = offered_regions(alliance, chosen)
        links = self.fields["links"]
        assert isinstance(links, forms.ModelMultipleChoiceField)
        links.queryset = current_links(self.initial.get("links"))

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.ELIGIBILITY]

    def eligibility_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ELIGIBILITY]

    @classmethod
    def initial_for(cls, policy: Policy) -> dict[str, Any]:
        initial = {name: getattr(policy, name) for name in FIELDS}
        initial["regions"] = list(policy.regions.values_list("code", flat=True))
        initial["links"] = list(policy.links.values_list("pk", flat=True))
        return initial

    def domain_data(self) -> tuple[dict[str, Any], list[Region], list[Link]]:
        data = dict(self.cleaned_data)
        regions, links = list(data.pop("regions")), list(data.pop("links"))
        for name in ("document_number", "full_text", "source_url"):
            data[name] = data[name] or ""
        return data, regions, links


class RegionFilter(django_filters.Filter):
    field_class = RegionField


class PolicyFilterSet(django_filters.FilterSet):
    """The library's filters, for the page and the API alike; without ``when=all`` only the
    policies in force today are listed."""

    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search",
        help_text=_("Words of the title, the summary or the document number."),
    )  # fmt: skip
    issuer = django_filters.CharFilter(
        label=_("Issued by"), field_name="issuer", lookup_expr="icontains"
    )
    region = RegionFilter(
        label=_("Issuing region"), method="filter_region",
        help_text=_("GB/T 2260 code or name; a region includes its sub-regions."),
    )  # fmt: skip
    when = django_filters.ChoiceFilter(
        label=_("Period"), method="filter_when", empty_label=None,
        choices=[(IN_FORCE, _("In force today")), (ALL, _("All, expired and future too"))],
    )  # fmt: skip

    class Meta:
        model = Policy
        fields = ["search", "issuer", "region", "when"]

    def filter_queryset(self, queryset: QuerySet[Policy]) -> QuerySet[Policy]:
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("when") != ALL:
            queryset = queryset.filter(in_force(timezone.localdate()))
        return queryset

    def filter_when(self, queryset: QuerySet[Policy], name: str, value: str) -> QuerySet[Policy]:
        return queryset  # applied in ``filter_queryset``: its absence means "in force"

    def filter_search(self, queryset: QuerySet[Policy], name: str, value: str) -> QuerySet[Policy]:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word)
                | Q(document_number__icontains=word)
            )  # fmt: skip
        return queryset

    def filter_region(self, queryset: QuerySet[Policy], name: str, value: Any) -> QuerySet[Policy]:
        if not value:
            return queryset
        low, high = prefix_bounds(value.prefix)
        return queryset.filter(issuing_region_id__gte=low, issuing_region_id__lt=high)
