"""The roadshow pages' forms: the call, its rubric, a project's submission, screening and
scheduling, judges, and a judge's scorecard (fields ``criterion_<id>``, the names the domain
gives its errors)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..accounts.models import AllianceRole, User
from ..alliances.models import Alliance
from ..chains.domain.names import localized
from ..chains.models import Link
from .enums import FundingStage, JudgeRole
from .forms import DateTimeInput, OwnIds, rows
from .models import Criterion, Project, Roadshow


class LinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Link) -> str:
        return f"{localized(obj.chain)} › {localized(obj)}"


class LinksChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Link) -> str:
        return f"{localized(obj.chain)} › {localized(obj)}"


def current_links() -> QuerySet[Link]:
    return Link.objects.filter(retired=False).select_related("chain").order_by("chain", "order")


class CallForm(OwnIds, forms.Form):
    id_prefix = "call"
    opens_at = forms.DateTimeField(label=_("Submissions open at"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Submissions close at"), widget=DateTimeInput())
    links = LinksChoiceField(
        label=_("Chain links sought"), queryset=Link.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty to take projects from any link."),
    )  # fmt: skip
    stages = forms.MultipleChoiceField(
        label=_("Funding stages sought"), choices=FundingStage.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to take projects at any stage."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        links = self.fields["links"]
        assert isinstance(links, forms.ModelMultipleChoiceField)
        links.queryset = current_links()


class CriterionForm(OwnIds, forms.ModelForm):
    id_prefix = "criterion"

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "scale_min", "scale_max"]
        widgets = {"description": rows(2)}


class ProjectForm(forms.ModelForm):
    """A project for the call; the chain links offered are those the call seeks (any when it
    names none)."""

    link = LinkChoiceField(label=_("Chain link"), queryset=Link.objects.none(), required=False)

    class Meta:
        model = Project
        fields = ["title", "organization_name", "team", "link", "stage", "financing_sought",
                  "summary", "deck"]  # fmt: skip
        widgets = {"team": rows(2), "summary": rows(4)}

    def __init__(self, *args: Any, roadshow: Roadshow, organization: Any = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        link = self.fields["link"]
        assert isinstance(link, forms.ModelChoiceField)
        sought = roadshow.links.select_related("chain")
        link.queryset = sought if sought.exists() else current_links()
        if roadshow.stages:
            stage = self.fields["stage"]
            assert isinstance(stage, forms.ChoiceField)
            stage.choices = [("", "---------")] + [
                (value, label) for value, label in FundingStage.choices if value in roadshow.stages
            ]
        self.fields["deck"].help_text = _("PDF, PPT or PPTX.")
        if organization is not None:  # presented by the organisation the user represents
            del self.fields["organization_name"]

    def domain_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


class ScreenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (required to reject)"), max_length=1000, required=False, widget=rows(2)
    )


class ScheduleForm(forms.Form):
    order = forms.IntegerField(label=_("Order"), min_value=1, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), required=False, widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=DateTimeInput())


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({obj.get_username()})"


class AssignJudgeForm(forms.Form):
    judge = JudgeChoiceField(
        label=_("Judge"), queryset=User.objects.none(),
        help_text=_("The alliance's experts (their role is given on the accounts page)."),
    )  # fmt: skip
    role = forms.ChoiceField(label=_("Judging as"), choices=JudgeRole.choices)

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        judge = self.fields["judge"]
        assert isinstance(judge, forms.ModelChoiceField)
        experts = AllianceRole.objects.filter(alliance=alliance, role=AllianceRole.Kind.EXPERT)
        judge.queryset = User.objects.filter(pk__in=experts.values("user_id")).order_by("username")


class ScoreForm(forms.Form):
    """One number per criterion and the feedback. The fields take any number: the domain
    says when one is outside its criterion's scale, and then nothing is saved."""

    feedback = forms.CharField(
        label=_("Feedback to the applicant"), required=False, max_length=5000, widget=rows(4),
        help_text=_("The applicant reads it, without your name, once the scores are released."),
    )  # fmt: skip

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            label = _("{name} ({low}–{high})").format(
                name=criterion.name, low=criterion.scale_min, high=criterion.scale_max
            )
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=label, max_digits=6, decimal_places=2, help_text=criterion.description,
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            )  # fmt: skip
        self.order_fields([f"criterion_{c.pk}" for c in criteria] + ["feedback"])

    def scores(self) -> dict[int, Any]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ConflictForm(OwnIds, forms.Form):
    id_prefix = "conflict"
    note = forms.CharField(
        label=_("What is the conflict of interest?"), max_length=1000, widget=rows(2)
    )
