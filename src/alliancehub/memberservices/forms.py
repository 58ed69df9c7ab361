"""The member-services pages' forms. They read and check the input; the domain decides."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..organizations.domain.lookup import organizations_from_lines
from ..organizations.models import Organization
from .enums import ServiceKind, TimeUnit
from .models import Service
from .validators import check_attachments


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Attachments"),
        help_text=_(
            "Optional: up to 10 files of at most 10 MB each (PDF, Word, Excel, PowerPoint, text, PNG, JPEG or ZIP)."
        ),
    )


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.display_name


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.name} · {ServiceKind(obj.kind).label}"


class ServiceForm(forms.Form):
    """A service of the catalogue; providers one per line (name or credit code)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    providers = forms.CharField(
        label=_("Providers"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Partner organisations (banks, law firms, agencies, universities…): one per line, by name or unified social credit code, as in the organisation directory."),
    )  # fmt: skip
    target_amount = forms.IntegerField(label=_("Target response time"), min_value=1)
    target_unit = forms.ChoiceField(
        label=_("Unit"), choices=TimeUnit.choices, initial=TimeUnit.DAYS
    )
    active = forms.BooleanField(
        label=_("Offered to members"), required=False, initial=True,
        help_text=_("Members can request only offered services."),
    )  # fmt: skip

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        names = ["kind", "name", "description", "target_amount", "target_unit", "active"]
        initial = {name: getattr(service, name) for name in names}
        initial["providers"] = "\n".join(service.providers.values_list("name", flat=True))
        return initial

    def clean_providers(self) -> list[Organization]:
        return organizations_from_lines(self.cleaned_data.get("providers") or "")

    def domain_data(self) -> tuple[dict[str, Any], list[Organization]]:
        data = dict(self.cleaned_data)
        return data, data.pop("providers")


class RequestForm(forms.Form):
    """A member's request for one of the offered services."""

    service = ServiceChoiceField(label=_("Service"), queryset=Service.objects.none())
    organization = OrganizationChoiceField(
        label=_("On behalf of"), queryset=Organization.objects.none()
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you need, by when, and anything the secretariat should know."),
    )  # fmt: skip
    attachments = _attachments_field()

    def __init__(self, *args: Any, services: QuerySet[Service],
                 organizations: Iterable[Organization], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        service.queryset = services
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ModelChoiceField)
        units = list(organizations)
        organization.queryset = Organization.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            organization.initial = units[0].pk
            organization.widget = forms.HiddenInput()

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        check_attachments(files)
        return files


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.none(), required=False,
        empty_label=_("— nobody —"),
    )  # fmt: skip
    provider = OrganizationChoiceField(
        label=_("or provider"), queryset=Organization.objects.none(), required=False,
        empty_label=_("— none —"),
    )  # fmt: skip

    def __init__(self, *args: Any, people: QuerySet[Any], providers: QuerySet[Organization],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = people
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = providers


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachments = _attachments_field()

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        check_attachments(files)
        return files


class NoteForm(forms.Form):
    """The optional note with which a request is resolved or reopened."""

    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, widget=forms.RadioSelect,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1: poor … 5: excellent"),
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
