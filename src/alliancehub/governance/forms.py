from fractions import Fraction
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..alliances.enums import MembershipTier
from ..alliances.forms import DateInput
from ..alliances.models import Alliance
from ..organizations.domain.lookup import find_organization, organizations_from_lines
from ..organizations.models import Organization
from .domain.voting_rules import parse_share
from .enums import UNIT_OFFICES, BallotKind, Choice, MeetingKind, MotionKind, OfficeKind
from .models import Candidate, CharterVersion, Term

DOCUMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".txt", ".md"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def checked_document(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is None:
        return None
    if Path(upload.name or "").suffix.lower() not in DOCUMENT_TYPES:
        raise ValidationError(_("Upload a PDF, Word, Excel, PowerPoint or text document."))
    if (upload.size or 0) > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The document is larger than 20 MB."))
    return upload


class TermForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(), required=False)


def _member_names() -> forms.TextInput:
    """A text box that suggests the alliance's members (``<datalist id="member-names">``)."""
    return forms.TextInput(attrs={"list": "member-names", "autocomplete": "off"})


class AppointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Office"), choices=OfficeKind.choices)
    organization = forms.CharField(
        label=_("Unit (name or credit code)"),
        required=False,
        max_length=200,
        widget=_member_names(),
    )
    person = forms.CharField(label=_("Person"), required=False, max_length=100)
    person_title = forms.CharField(
        label=_("Position of the person"), required=False, max_length=200
    )
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    basis = forms.CharField(label=_("Basis"), required=False, max_length=200)

    def clean_organization(self) -> Organization | None:
        value = self.cleaned_data["organization"]
        return find_organization(value) if value.strip() else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in UNIT_OFFICES and not data.get("organization"):
            self.add_error("organization", _("This office is held by a member unit."))
        return data


class RotationForm(forms.Form):
    organization = forms.CharField(
        label=_("Unit (name or credit code)"), max_length=200, widget=_member_names()
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean_organization(self) -> Organization:
        return find_organization(self.cleaned_data["organization"])


class MeetingForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=MeetingKind.choices, initial=MeetingKind.COUNCIL
    )
    number = forms.IntegerField(
        label=_("Number within the term"), required=False, min_value=1,
        help_text=_("Leave empty to take the next number."),
    )  # fmt: skip
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    presided_by = forms.CharField(label=_("Presided by"), required=False, max_length=100)
    presiding_title = forms.CharField(
        label=_("Presiding person's office"), required=False, max_length=100
    )

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = Term.objects.for_alliance(alliance).order_by("-number")
        self.fields["term"].queryset = terms  # type: ignore[attr-defined]
        self.fields["term"].initial = terms.first()


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.FileField(label=_("Document"), required=False,
                               help_text=_("PDF, Word, Excel, PowerPoint or text; up to 20 MB."))  # fmt: skip

    def clean_document(self) -> UploadedFile | None:
        return checked_document(self.cleaned_data.get("document"))


class MotionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=MotionKind.choices,
        widget=forms.Select(attrs={"data-kind-switch": ""}),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ballot = forms.ChoiceField(label=_("Ballot"), choices=BallotKind.choices)
    units = forms.CharField(
        label=_("Units (admission or change of tier)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: the name or the credit code."),
    )  # fmt: skip
    tier = forms.ChoiceField(
        label=_("New tier"), choices=[("", "—"), *MembershipTier.choices], required=False
    )
    office = forms.ChoiceField(
        label=_("Office to fill (election)"),
        choices=[("", "—"), *OfficeKind.choices],
        required=False,
    )
    seats = forms.IntegerField(label=_("Seats"), required=False, min_value=1)
    candidates = forms.CharField(
        label=_("Candidates (election)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a unit's name or credit code, or a person's name."),
    )  # fmt: skip
    charter_version = forms.ModelChoiceField(
        label=_("Charter version to adopt"), queryset=CharterVersion.objects.none(), required=False
    )

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drafts = CharterVersion.objects.for_alliance(alliance).filter(resolution__isnull=True)
        self.fields["charter_version"].queryset = drafts  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == MotionKind.TIER_CHANGE:
            try:
                units = organizations_from_lines(data.get("units", ""))
            except ValidationError as error:
                self.add_error("units", error)
                units = []
            if not data.get("tier"):
                self.add_error("tier", _("Choose the new tier."))
            data["tier_changes"] = [(unit, data.get("tier")) for unit in units]
        if kind == MotionKind.ELECTION:
            lines = [
                line.strip() for line in data.get("candidates", "").splitlines() if line.strip()
            ]
            try:
                if data.get("office") in UNIT_OFFICES:
                    data["candidate_list"] = [
                        (unit, "") for unit in organizations_from_lines("\n".join(lines))
                    ]
                else:
                    data["candidate_list"] = [(None, name) for name in lines]
            except ValidationError as error:
                self.add_error("candidates", error)
        return data


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect, required=False
    )
    candidates = forms.ModelMultipleChoiceField(
        label=_("Your candidates"), queryset=Candidate.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, motion: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:  # the secretariat records a unit's vote (a show of hands, paper)
            self.fields["unit"] = forms.ModelChoiceField(label=_("Member unit"), queryset=units)
            self.order_fields(["unit"])
            self.fields["choice"].label = _("The unit's vote")
            self.fields["candidates"].label = _("The unit's candidates")
        if motion.kind == MotionKind.ELECTION:
            del self.fields["choice"]
            self.fields["candidates"].queryset = motion.candidates.select_related("organization")  # type: ignore[attr-defined]
            self.fields["candidates"].help_text = _("Choose at most {seats}.").format(
                seats=motion.seats
            )
        else:
            del self.fields["candidates"]
            self.fields["choice"].required = True


class CharterForm(forms.ModelForm):
    class Meta:
        model = CharterVersion
        fields = ("title", "text", "signed_pdf")
        widgets = {"text": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}

    def clean_signed_pdf(self) -> Any:
        upload = self.cleaned_data.get("signed_pdf")
        if isinstance(upload, UploadedFile):
            if Path(upload.name or "").suffix.lower() != ".pdf" or upload.read(5) != b"%PDF-":
                raise ValidationError(_("Upload the signed charter as a PDF file."))
            upload.seek(0)
            if (upload.size or 0) > DOCUMENT_MAX_BYTES:
                raise ValidationError(_("The document is larger than 20 MB."))
        return upload


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
    )


class VotingRuleForm(forms.Form):
    quorum = forms.CharField(
        label=_("Quorum (share of the units with a vote present)"), max_length=10
    )
    threshold = forms.CharField(
        label=_("Majority (share of the units present voting yes)"), max_length=10
    )
    strict = forms.BooleanField(
        label=_("More than the share (unchecked: at least)"), required=False
    )

    def clean_quorum(self) -> Fraction:
        return parse_share(self.cleaned_data["quorum"])

    def clean_threshold(self) -> Fraction:
        return parse_share(self.cleaned_data["threshold"])
