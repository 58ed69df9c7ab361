"""The exchange pages' forms. They read and check the input; the domain functions decide.

Links travel as ``chain:code`` keys (as in the API), regions as GB/T 2260 codes or names,
alliances by primary key among those the posting organisation belongs to.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..alliances.domain.membership import in_force_on
from ..alliances.models import Alliance
from ..chains.domain.keys import links_by_key
from ..chains.domain.names import localized
from ..chains.models import Link
from ..organizations.fields import RegionField
from ..organizations.models import Organization
from .enums import Direction, Outcome, PostKind, Visibility
from .models import Post

Choices = list[tuple[str, Any]]


def link_choices() -> Choices:
    """Every current chain link as ``(chain:code, name)``, grouped by chain, in the active
    language; children indented under their parent."""
    groups: dict[Any, list[tuple[str, str]]] = {}
    links = Link.objects.filter(retired=False).select_related("chain")
    for link in links.order_by("chain__slug", "order", "code"):
        indent = "\u3000" * link.code.count(".")
        groups.setdefault(link.chain, []).append((link.key, f"{indent}{localized(link)}"))
    return [(localized(chain), items) for chain, items in groups.items()]


def alliance_label(alliance: Alliance) -> str:
    if (get_language() or "").startswith("en") and alliance.name_en:
        return alliance.name_en
    return alliance.name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class LinksField(forms.MultipleChoiceField):
    """Chain links by ``chain:code``; cleans to ``Link`` objects."""

    widget = forms.SelectMultiple(attrs={"size": 10})

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> list[Link]:
        keys = list(dict.fromkeys(self.to_python(value)))
        self.validate(keys)
        # Retired ones too: the domain explains why they are refused.
        links, unknown = links_by_key(keys, retired=True)
        if unknown:
            raise forms.ValidationError(
                _("Unknown chain link: {keys}.").format(keys=", ".join(unknown)), code="unknown"
            )
        return links


class AllianceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Alliance) -> str:
        return alliance_label(obj)


def member_alliances(organization: Organization, post: Post | None = None) -> QuerySet[Alliance]:
    """The alliances the organisation belongs to today, and those the post is already
    addressed to."""
    today = timezone.localdate()
    member = Alliance.objects.filter(
        in_force_on(today, "memberships__"), memberships__organization=organization
    )
    ids = set(member.values_list("pk", flat=True))
    if post is not None and post.pk:
        ids |= set(post.listings.values_list("alliance_id", flat=True))
    return Alliance.objects.filter(pk__in=ids).order_by("name")


class PostForm(forms.Form):
    """An offer or a need. ``publish`` (the button pressed) sends it out once saved."""

    direction = forms.ChoiceField(
        label=_("Offer or need"), choices=Direction.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PostKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    links = LinksField(
        label=_("Chain links"), required=False,
        help_text=_("The industry-chain links the post is about (hold Ctrl to pick several)."),
    )  # fmt: skip
    region = RegionField(
        label=_("Region"), required=False,
        help_text=_("GB/T 2260 code or name, e.g. 330602 or 越城区."),
    )  # fmt: skip
    quantity = forms.DecimalField(
        label=_("Quantity"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    price_terms = forms.CharField(label=_("Price terms"), max_length=200, required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Visibility.choices, initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )  # fmt: skip
    alliances = AllianceChoiceField(
        label=_("Alliances"), queryset=Alliance.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Show the post on these alliances' marketplaces (required when it is for "
                    "members only)."),
    )  # fmt: skip

    def __init__(self, *args: Any, organization: Organization, post: Post | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        links = self.fields["links"]
        assert isinstance(links, LinksField)
        links.choices = link_choices()
        alliances = self.fields["alliances"]
        assert isinstance(alliances, forms.ModelMultipleChoiceField)
        alliances.queryset = member_alliances(organization, post)

    @classmethod
    def initial_for(cls, post: Post) -> dict[str, Any]:
        names = ["direction", "kind", "title", "description", "region", "quantity", "unit",
                 "price_terms", "valid_until", "visibility"]  # fmt: skip
        initial = {name: getattr(post, name) for name in names}
        initial["links"] = [link.key for link in post.links.select_related("chain")]
        initial["alliances"] = list(post.listings.values_list("alliance_id", flat=True))
        return initial

    def domain_data(self) -> tuple[dict[str, Any], list[Link], list[Alliance]]:
        """``(data, links, alliances)`` as the domain functions take them."""
        data = dict(self.cleaned_data)
        links, alliances = data.pop("links"), list(data.pop("alliances"))
        return data, links, alliances


class IntroductionForm(forms.Form):
    """Ask for ``post``'s organisation to be introduced to ``counterpart``'s."""

    post = forms.IntegerField(widget=forms.HiddenInput)
    counterpart = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class RejectListingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the organisation"), max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ExchangeSettingsForm(forms.Form):
    review_required = forms.BooleanField(
        label=_("Review posts before they are shown"), required=False,
        help_text=_("A post addressed to the alliance waits for the secretariat's approval."),
    )  # fmt: skip
