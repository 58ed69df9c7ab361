"""The chain pages' query forms (region, alliance, weak share …) and the position form.

The query forms read ``request.GET``; an unknown region or link is a form error, which the
pages answer with 400 and the message beside the box.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..alliances.models import Alliance
from ..organizations.fields import RegionField
from .domain.analysis import DEFAULT_WEAK_SHARE
from .enums import PositionRole
from .models import Chain, Link

REGION_HELP = _("GB/T 2260 code or name, e.g. 330600 or 绍兴市; a region includes its sub-regions.")


class LinkChoiceField(forms.ModelChoiceField):
    """A link by its code; labelled with its localized name, children indented."""

    def label_from_instance(self, obj: Link) -> str:
        indent = "\u3000" * obj.code.count(".")
        return f"{indent}{obj}"


class WeakShareField(forms.FloatField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("Weak below"),
            required=False,
            min_value=0.01,
            max_value=1,
            initial=DEFAULT_WEAK_SHARE,
            help_text=_("Share of the expected count under which a link counts as weak."),
            widget=forms.NumberInput(
                attrs={"step": "0.05", "placeholder": str(DEFAULT_WEAK_SHARE)}
            ),
            **kwargs,
        )


class MapForm(forms.Form):
    """What the chain map shows: a region (or the whole country), optionally one alliance."""

    region = RegionField(label=_("Region"), required=False, help_text=REGION_HELP)
    alliance = forms.ModelChoiceField(
        label=_("Alliance"),
        queryset=Alliance.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    weak_share = WeakShareField()

    def weak_share_value(self) -> float:
        return self.cleaned_data.get("weak_share") or DEFAULT_WEAK_SHARE


class GapsForm(forms.Form):
    """One region, optionally a second one beside it."""

    region = RegionField(label=_("Region"), help_text=REGION_HELP)
    compare = RegionField(label=_("Compare with"), required=False, help_text=REGION_HELP)
    weak_share = WeakShareField()

    def weak_share_value(self) -> float:
        return self.cleaned_data.get("weak_share") or DEFAULT_WEAK_SHARE


class CandidatesForm(forms.Form):
    """Risks and investment-attraction candidates for a region, optionally for one link."""

    region = RegionField(label=_("Region"), help_text=REGION_HELP)
    link = LinkChoiceField(
        label=_("Link"),
        queryset=Link.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Every weak or missing link"),
    )

    def __init__(self, *args, chain: Chain, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        link = self.fields["link"]
        assert isinstance(link, forms.ModelChoiceField)
        link.queryset = chain.links.filter(retired=False).order_by("order")


class ChainLinkChoiceField(forms.ModelChoiceField):
    """A link of any chain, labelled ``chain › link``."""

    def label_from_instance(self, obj: Link) -> str:
        return f"{obj.chain} › {obj}"


class PositionForm(forms.Form):
    """Place an organisation on a link (the domain function checks the rest)."""

    link = ChainLinkChoiceField(
        label=_("Chain link"),
        queryset=Link.objects.filter(retired=False)
        .select_related("chain")
        .order_by("chain__slug", "order"),
    )
    products = forms.CharField(label=_("Products"), max_length=300, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=PositionRole.choices, initial=PositionRole.MANUFACTURER
    )
    capacity = forms.CharField(label=_("Capacity"), max_length=200, required=False)
    since = forms.DateField(
        label=_("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
