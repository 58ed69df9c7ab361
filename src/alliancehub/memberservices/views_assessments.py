"""The high-tech-enterprise pre-assessment pages: the form, the saved reports, the PDF.

A member representative enters its organisation's facts; the report is computed from them
(``domain.hightech``) each time it is shown, in the reader's language. The secretariat reads
an assessment once the member has asked it for help with recognition.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..organizations.models import Organization
from .domain import access
from .domain.assessments import recognition_service, report_of, save_assessment
from .forms import OrganizationChoiceField
from .forms_assessment import AssessmentForm
from .models import Assessment
from .views import WEB, nav_context, refusal

ACT_AS_MEMBER = "alliances.act_as_member"


def _units(request: HttpRequest, alliance: Alliance) -> list[Organization]:
    ids = access.member_ids(request.user, alliance)
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


@login_required
@alliance_view()
def assessment_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    assessments = access.visible_assessments(request.user, alliance).select_related(
        "organization", "help_request"
    )
    context = {**nav_context(request, alliance), "assessments": assessments}
    return render(request, "memberservices/assessment_list.html", context)


def _form_page(request: HttpRequest, alliance: Alliance, form: AssessmentForm,
               assessment: Assessment | None) -> HttpResponse:  # fmt: skip
    status = 400 if form.is_bound and form.errors else 200
    context = {**nav_context(request, alliance), "form": form, "assessment": assessment}
    return render(request, "memberservices/assessment_form.html", context, status=status)


def _with_unit(form: AssessmentForm, units: list[Organization], chosen: Any = None) -> None:
    """Several represented organisations: the form asks for which one."""
    if len(units) > 1:
        form.fields["organization"] = OrganizationChoiceField(
            label=_("Organisation"),
            queryset=Organization.objects.filter(pk__in=[u.pk for u in units]),
            initial=chosen,
        )


def _save(request: HttpRequest, alliance: Alliance, form: AssessmentForm,
          organization: Organization, assessment: Assessment | None) -> Assessment | None:  # fmt: skip
    today = timezone.localdate()
    try:
        saved, _report = save_assessment(
            alliance, organization, form.facts(), on=today, today=today, actor=request.user,
            source=WEB, assessment=assessment,
        )  # fmt: skip
    except ValidationError as error:
        form.add_domain_errors(error)
        return None
    except PermissionDenied as error:
        form.add_error(None, refusal(error))
        return None
    return saved


@alliance_view(ACT_AS_MEMBER)
def assessment_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """A new pre-assessment for the organisation the member represents."""
    units = _units(request, alliance)
    form = AssessmentForm(request.POST or None, on=timezone.localdate())
    _with_unit(form, units)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data.get("organization") or units[0]
        saved = _save(request, alliance, form, unit, None)
        if saved is not None:
            messages.success(request, _("The pre-assessment was saved."))
            return redirect("memberservices:assessment", slug=alliance.slug, pk=saved.pk)
    return _form_page(request, alliance, form, None)


def _own(request: HttpRequest, alliance: Alliance, pk: int) -> Assessment:
    """An assessment of an organisation the viewer represents (others: 404)."""
    return get_object_or_404(
        Assessment.objects.for_alliance(alliance)
        .filter(organization_id__in=access.member_ids(request.user, alliance))
        .select_related("organization"),
        pk=pk,
    )


@alliance_view(ACT_AS_MEMBER)
def assessment_edit(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Revise the facts; the assessment is judged again for today."""
    assessment = _own(request, alliance, pk)
    today = timezone.localdate()
    initial = AssessmentForm.initial_from(assessment.facts, today)
    form = AssessmentForm(request.POST or None, initial=initial, on=today)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, alliance, form, assessment.organization, assessment)
        if saved is not None:
            messages.success(request, _("The pre-assessment was saved."))
            return redirect("memberservices:assessment", slug=alliance.slug, pk=saved.pk)
    return _form_page(request, alliance, form, assessment)


def _visible(request: HttpRequest, alliance: Alliance, pk: int) -> Assessment:
    return get_object_or_404(
        access.visible_assessments(request.user, alliance).select_related(
            "organization", "alliance", "help_request"
        ),
        pk=pk,
    )


@login_required
@alliance_view()
def assessment_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The report: each condition's verdict, figures, citation and advice; the score range."""
    assessment = _visible(request, alliance, pk)
    own = assessment.organization_id in access.member_ids(request.user, alliance)
    context = {
        **nav_context(request, alliance), "assessment": assessment, "own": own,
        "report": report_of(assessment), "recognition": recognition_service(alliance),
    }  # fmt: skip
    return render(request, "memberservices/assessment_detail.html", context)


@login_required
@alliance_view()
def assessment_pdf(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The report as a PDF, in the reader's language."""
    from .domain import documents

    assessment = _visible(request, alliance, pk)
    data = documents.assessment_pdf(assessment, report_of(assessment))
    response = HttpResponse(data, content_type="application/pdf")
    filename = documents.assessment_filename(assessment)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
