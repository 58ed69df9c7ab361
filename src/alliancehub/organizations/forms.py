from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .domain import importing
from .domain.registry import CONTACT_FIELDS, EDITABLE_FIELDS
from .fields import RegionField
from .models import Contact, Industry, Organization
from .validators import normalize_credit_code


class OrganizationForm(forms.ModelForm):
    """The organisation's own fields. Duplicate checks happen in ``domain.registry``."""

    region = RegionField(
        label=_("Region"),
        required=False,
        help_text=_("Administrative division code or name, e.g. 330681 or 诸暨市."),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Longer than 18: people paste codes with spaces or in full-width; the domain normalises
    # and validates them.
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        required=False,
        max_length=40,
        help_text=Organization._meta.get_field("credit_code").help_text,
    )

    class Meta:
        model = Organization
        fields = EDITABLE_FIELDS
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        industry = self.fields["industry"]
        assert isinstance(industry, forms.ModelChoiceField)
        industry.queryset = Industry.objects.order_by("code")
        if self.instance.pk and self.instance.region_id:
            self.initial["region"] = self.instance.region_id

    def clean_credit_code(self) -> str | None:
        return normalize_credit_code(self.cleaned_data.get("credit_code"))

    def _post_clean(self) -> None:
        # The domain function validates the instance (and checks duplicates) when saving.
        pass


class ContactForm(forms.ModelForm):
    """One contact person; the set is replaced as a whole on save (``registry``), so the
    forms carry no ids that could go stale between two people editing."""

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS


ContactFormSet = forms.formset_factory(ContactForm, extra=1, can_delete=True)


class ImportUploadForm(forms.Form):
    """A CSV or XLSX file of organisations, checked for size and a readable header row."""

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (UTF-8 or GB18030) or Excel .xlsx; the first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is {size}; the largest file accepted is {limit}.").format(
                    size=filesizeformat(upload.size), limit=filesizeformat(limit)
                ),
                code="too_large",
            )
        importing.check_file(upload, upload.name)
        upload.seek(0)
        return upload
