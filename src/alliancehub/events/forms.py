"""The event pages' forms: the event and its programme, the registration form with the event's
own questions, the secretariat's decisions and the check-in desk. They read and check the
input; the domain functions decide (and their refusals come back onto these forms)."""

from typing import Any
from urllib.parse import unquote

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..alliances.models import Alliance
from ..organizations.models import Organization
from .enums import BodyRole, QuestionKind
from .models import Event, Question, Session, Speaker


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def rows(count: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": count})


class OwnIds:
    """Element ids of their own (``<id_prefix>-<field>``) for forms that share a page."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class EventForm(forms.ModelForm):
    """An event's details; its status changes through the publish and cancel buttons."""

    class Meta:
        model = Event
        fields = [
            "kind", "title", "theme", "description", "starts_at", "ends_at", "venue", "capacity",
            "registration_opens_at", "registration_closes_at", "requires_approval", "visibility",
            "part_of", "note",
        ]  # fmt: skip
        widgets = {
            "description": rows(5), "note": rows(2), "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(), "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
        }  # fmt: skip
        labels = {"capacity": pgettext_lazy("event", "Seats")}

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        part_of = self.fields["part_of"]
        assert isinstance(part_of, forms.ModelChoiceField)
        main_events = Event.objects.for_alliance(alliance).filter(part_of__isnull=True)
        if self.instance.pk:
            main_events = main_events.exclude(pk=self.instance.pk)
        part_of.queryset = main_events.order_by("-starts_at")
        part_of.help_text = _("For a segment with its own registration or judging.")


def find_organization(name: str) -> Organization | None:
    """The registered organisation named exactly ``name`` (or with this credit code)."""
    name = name.strip()
    if not name:
        return None
    return Organization.objects.filter(Q(name=name) | Q(credit_code=name.upper())).first()


class BodyForm(OwnIds, forms.Form):
    id_prefix = "body"
    role = forms.ChoiceField(label=_("Role"), choices=BodyRole.choices)
    name = forms.CharField(
        label=_("Body"), max_length=200,
        help_text=_("The organisation's full name or credit code; a body that is not in the "
                    "registry is named as typed."),
    )  # fmt: skip

    def domain_data(self) -> dict[str, Any]:
        name = self.cleaned_data["name"]
        return {"organization": find_organization(name), "name": name}


class SessionForm(OwnIds, forms.ModelForm):
    id_prefix = "session"

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "description"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(), "description": rows(2)}


class SpeakerForm(OwnIds, forms.ModelForm):
    id_prefix = "speaker"
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())

    class Meta:
        model = Speaker
        fields = ["session", "name", "title", "talk", "keynote"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session = self.fields["session"]
        assert isinstance(session, forms.ModelChoiceField)
        session.queryset = event.sessions.order_by("order", "id")


class QuestionForm(OwnIds, forms.Form):
    id_prefix = "question"
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Options"), required=False, widget=rows(3),
        help_text=_("For choice questions: one option per line."),
    )  # fmt: skip
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def domain_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        return data


class CapacityForm(OwnIds, forms.Form):
    id_prefix = "capacity"
    capacity = forms.IntegerField(
        label=pgettext_lazy("event", "Seats"), min_value=1, required=False,
        help_text=_("Leave empty for unlimited seats. New seats go to the waiting list first."),
    )  # fmt: skip


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_field(question: Question) -> forms.Field:
    """The form field asking ``question``; the domain checks the answer again."""
    common: dict[str, Any] = {"label": question.text, "required": question.required}
    options = [(option, option) for option in question.choices]
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=rows(3), **common)
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=300, **common)


class RegistrationForm(forms.Form):
    """The person and the answers to the event's questions (fields ``question_<id>``, the
    names the domain gives its errors)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    organization_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    job_title = forms.CharField(label=_("Position"), max_length=100, required=False)

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"question_{question.pk}"] = question_field(question)

    def person(self) -> dict[str, str]:
        names = ("name", "email", "phone", "organization_name", "job_title")
        return {name: self.cleaned_data[name] for name in names}

    def answers(self) -> dict[int, Any]:
        given = {q.pk: self.cleaned_data.get(f"question_{q.pk}") for q in self.questions}
        return {pk: value for pk, value in given.items() if value not in (None, "", [])}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=rows(2))


class CheckInForm(forms.Form):
    token = forms.CharField(
        label=_("Ticket code"), max_length=500,
        help_text=_("Scan the QR code, or paste or type the code printed under it."),
    )  # fmt: skip

    def clean_token(self) -> str:
        """The code alone, also when a scanner read the ticket page's address."""
        value = self.cleaned_data["token"].strip()
        if "/tickets/" in value:
            value = unquote(value.split("/tickets/", 1)[1].split("/", 1)[0])
        return value
