from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..organizations.domain.lookup import find_organization
from .enums import MembershipTier
from .models import Alliance, DuesPeriod


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier applied for"), choices=MembershipTier.choices,
                             initial=MembershipTier.MEMBER)  # fmt: skip
    message = forms.CharField(label=_("Message to the secretariat"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)  # fmt: skip


class ApproveForm(forms.Form):
    tier = forms.ChoiceField(
        label=_("Tier"), choices=MembershipTier.choices,
        help_text=_("Admit at the tier applied for, or at another the secretariat decides."),
    )  # fmt: skip
    on = forms.DateField(label=_("Member from"), widget=DateInput(), initial=timezone.localdate)
    basis = forms.CharField(label=_("Basis"), required=False, max_length=200,
                            help_text=_("The resolution or secretariat decision, e.g. 2026-003."))  # fmt: skip


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason given to the applicant"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)  # fmt: skip


class TierChangeForm(forms.Form):
    tier = forms.ChoiceField(label=_("New tier"), choices=MembershipTier.choices)
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    basis = forms.CharField(label=_("Basis"), max_length=200,
                            help_text=_("The resolution or secretariat decision behind the change."))  # fmt: skip


class SuspendForm(forms.Form):
    on = forms.DateField(label=_("Suspended from"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DateForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput(), initial=timezone.localdate)


class DuesForm(forms.ModelForm):
    class Meta:
        model = DuesPeriod
        fields = ("label", "amount", "due_on")
        widgets = {"due_on": DateInput()}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Alliance
        fields = ("name", "name_en", "founded_on", "status", "description", "logo")
        widgets = {"founded_on": DateInput(), "description": forms.Textarea(attrs={"rows": 5})}

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo is larger than 2 MB."))
        return logo


class AdmitForm(forms.Form):
    organization = forms.CharField(label=_("Unit (name or credit code)"), max_length=200)
    tier = forms.ChoiceField(
        label=_("Tier"), choices=MembershipTier.choices, initial=MembershipTier.MEMBER
    )
    on = forms.DateField(label=_("Member from"), widget=DateInput(), initial=timezone.localdate)
    basis = forms.CharField(label=_("Basis"), required=False, max_length=200,
                            help_text=_("The resolution or secretariat decision, e.g. 2026-003."))  # fmt: skip

    def clean_organization(self) -> Any:
        return find_organization(self.cleaned_data["organization"])
