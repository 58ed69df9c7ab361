"""The talent and financing boards' forms and filters. They read and check the input; the
domain decides (a date in the past, an amount of zero, who may do what)."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..chains.domain.names import localized
from ..chains.models import Link
from ..organizations.domain.regions import prefix_bounds
from ..organizations.fields import RegionField
from .enums import ApplicationStatus, BoardStatus, FinancingStage, ResponseStatus
from .forms_policies import DateInput, RegionFilter, current_links
from .models import FinancingNeed, JobPosting


class LinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Link) -> str:
        return f"{localized(obj.chain)} › {localized(obj)}"


def _link_field() -> LinkChoiceField:
    return LinkChoiceField(
        label=_("Chain link"), queryset=Link.objects.none(), required=False,
        empty_label=_("— none —"),
    )  # fmt: skip


def link_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every current link as ``(chain:code, name)``, grouped by chain; sub-links indented."""
    groups: dict[Any, list[tuple[str, str]]] = {}
    for link in current_links():
        indent = "\u3000" * link.code.count(".")
        groups.setdefault(link.chain, []).append((link.key, f"{indent}{localized(link)}"))
    return [(localized(chain), items) for chain, items in groups.items()]


class JobPostingForm(forms.Form):
    title = forms.CharField(label=_("Position"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Duties, requirements, what the organisation offers."),
    )  # fmt: skip
    link = _link_field()
    region = RegionField(
        label=_("Place of work"), required=False,
        help_text=_("GB/T 2260 code or name, e.g. 330602 or 越城区."),
    )  # fmt: skip
    openings = forms.IntegerField(label=_("Openings"), min_value=1, max_value=999, initial=1)
    salary = forms.CharField(label=_("Salary"), max_length=100, required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        link = self.fields["link"]
        assert isinstance(link, forms.ModelChoiceField)
        link.queryset = current_links()


class ApplicationForm(forms.Form):
    """A candidate's application: anyone may send one, signed in or not."""

    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    message = forms.CharField(
        label=_("About you"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your experience, and when you could start."),
    )  # fmt: skip


class ApplicationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)


class NeedForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount sought (yuan)"), max_digits=16, decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )  # fmt: skip
    stage = forms.ChoiceField(label=_("Stage"), choices=FinancingStage.choices)
    use_of_funds = forms.CharField(
        label=_("Use of funds"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the money is for, and by when it is needed."),
    )  # fmt: skip
    link = _link_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        link = self.fields["link"]
        assert isinstance(link, forms.ModelChoiceField)
        link.queryset = current_links()


class ResponseForm(forms.Form):
    """A financial institution's answer to a need, or how far it has gone since."""

    status = forms.ChoiceField(
        label=_("Your answer"), choices=ResponseStatus.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the member"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


def _on_link(value: str) -> Q:
    """The rows whose link is ``chain:code`` or one under it."""
    slug, _sep, code = value.partition(":")
    return Q(link__chain__slug=slug) & (Q(link__code=code) | Q(link__code__startswith=f"{code}."))


class PostingFilterSet(django_filters.FilterSet):
    """The talent board's filters, for the page and the API alike."""

    link = django_filters.ChoiceFilter(
        label=_("Chain link"), method="filter_link", choices=[], empty_label=_("All links"),
        help_text=_("A link includes its sub-links."),
    )  # fmt: skip
    region = RegionFilter(
        label=_("Place of work"), method="filter_region",
        help_text=_("GB/T 2260 code or name; a region includes its sub-regions."),
    )  # fmt: skip

    class Meta:
        model = JobPosting
        fields = ["link", "region"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In the active language; the field may already exist (the API schema built it).
        link = self.filters["link"]
        link.extra["choices"] = link_choices()
        link.field.choices = link.extra["choices"]

    def filter_link(
        self, queryset: QuerySet[JobPosting], name: str, value: str
    ) -> QuerySet[JobPosting]:
        return queryset.filter(_on_link(value))

    def filter_region(
        self, queryset: QuerySet[JobPosting], name: str, value: Any
    ) -> QuerySet[JobPosting]:
        if not value:
            return queryset
        low, high = prefix_bounds(value.prefix)
        return queryset.filter(region_id__gte=low, region_id__lt=high)


class NeedFilterSet(django_filters.FilterSet):
    """The financing needs' filters, for the page and the API alike."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BoardStatus.choices, empty_label=_("Open and closed")
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=FinancingStage.choices, empty_label=_("All stages")
    )

    class Meta:
        model = FinancingNeed
        fields = ["status", "stage"]
