from typing import cast

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from ..common.domain import audit
from ..common.domain.audit import Source
from ..common.htmx import HtmxHttpRequest
from ..common.pagination import CappedCountPaginator
from .domain import importing, registry
from .domain.regions import path, suggest_regions
from .domain.registry import CONTACT_FIELDS
from .filtersets import OrganizationFilterSet
from .forms import ContactFormSet, ImportUploadForm, OrganizationForm
from .models import ImportJob, Organization
from .tables import OrganizationTable


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Pages that change the shared registry are for platform staff."""

    request: HttpRequest

    def test_func(self) -> bool:
        return self.request.user.is_staff


class OrganizationListView(SingleTableMixin, FilterView):
    """The directory: search, filter by region and kind; HTMX requests get only the results."""

    model = Organization
    table_class = OrganizationTable
    filterset_class = OrganizationFilterSet
    # The table paginates (once); the list view itself must not count the rows again.
    paginate_by = None
    table_pagination = {"per_page": 20, "paginator_class": CappedCountPaginator}
    template_name = "organizations/organization_list.html"

    def get_queryset(self):
        # Newest first by default: walking the primary key lets a filter stop after one page,
        # whatever the size of the registry. The table's headers sort by other columns.
        return Organization.objects.select_related("region__parent").order_by("-id")

    def get_template_names(self) -> list[str]:
        htmx = cast(HtmxHttpRequest, self.request).htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["organizations/_organization_results.html"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        # The same URL answers with a page or a fragment: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


class OrganizationDetailView(DetailView):
    model = Organization
    template_name = "organizations/organization_detail.html"

    def get_queryset(self):
        return Organization.objects.select_related("region__parent__parent", "industry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        user = self.request.user
        context["region_path"] = path(organization.region) if organization.region else []
        if user.is_authenticated:
            context["contacts"] = list(organization.contacts.all())
        if user.is_staff:
            entries = audit.history(organization).select_related("content_type")[:50]
            context["history"] = audit.readable_history(entries)
        return context


class OrganizationFormView(LoginRequiredMixin, UserPassesTestMixin, View):
    """Create (no ``pk``; staff) or edit an organisation with its contacts (staff, or a person
    who represents the organisation: its own profile)."""

    template_name = "organizations/organization_form.html"
    request: HttpRequest

    def test_func(self) -> bool:
        pk = self.kwargs.get("pk")
        if pk is None:
            return self.request.user.is_staff
        organization = get_object_or_404(Organization, pk=pk)
        return self.request.user.has_perm("organizations.edit_profile", organization)

    def _forms(self, request: HttpRequest, instance: Organization | None):
        data = request.POST if request.method == "POST" else None
        form = OrganizationForm(data, instance=instance or Organization())
        # A posted set stands on its own: compared with what is saved now, a colleague's edit
        # in between would make some of its forms look unchanged, and they would be dropped.
        initial = (
            None
            if data is not None or instance is None
            else (list(instance.contacts.values(*CONTACT_FIELDS)))
        )
        contacts = ContactFormSet(data, initial=initial, prefix="contacts")
        return form, contacts

    def _render(self, request, form, contacts, instance, duplicate=None, status=200):
        context = {"form": form, "contacts": contacts, "object": instance, "duplicate": duplicate}
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = get_object_or_404(Organization, pk=pk) if pk else None
        form, contacts = self._forms(request, instance)
        return self._render(request, form, contacts, instance)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = get_object_or_404(Organization, pk=pk) if pk else None
        form, contacts = self._forms(request, instance)
        if not (form.is_valid() and contacts.is_valid()):
            return self._render(request, form, contacts, instance, status=400)
        people = [
            c.cleaned_data
            for c in contacts.forms
            if c.cleaned_data and not c.cleaned_data.get("DELETE")
        ]
        try:
            if instance:
                organization = registry.update_organization(
                    instance,
                    form.cleaned_data,
                    actor=request.user,
                    source=Source.WEB,
                    contacts=people,
                )
                messages.success(request, _("The changes were saved."))
            else:
                organization = registry.create_organization(
                    form.cleaned_data, actor=request.user, source=Source.WEB, contacts=people
                )
                messages.success(request, _("The organisation was added to the directory."))
        except registry.DuplicateOrganization as error:
            form.add_error(None, error)
            return self._render(request, form, contacts, instance, error.existing, status=400)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, contacts, instance, status=400)
        return redirect(organization)


class OrganizationDeleteView(StaffRequiredMixin, View):
    template_name = "organizations/organization_confirm_delete.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organization = get_object_or_404(Organization, pk=pk)
        return render(request, self.template_name, {"object": organization})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organization = get_object_or_404(Organization, pk=pk)
        try:
            registry.delete_organization(organization, actor=request.user, source=Source.WEB)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(organization)
        messages.success(request, _("The organisation was deleted."))
        return redirect("organizations:list")


def region_options(request: HttpRequest) -> HttpResponse:
    """Up to 20 ``<option>``s for a region box, matching the typed code or name."""
    field = request.GET.get("field", "region")
    regions = suggest_regions(request.GET.get(field, ""))[:20]
    return render(request, "organizations/_region_options.html", {"regions": regions})


class ImportCreateView(StaffRequiredMixin, View):
    template_name = "organizations/import_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        recent = ImportJob.objects.filter(created_by_id=request.user.pk)[:10]
        return render(request, self.template_name, {"form": ImportUploadForm(), "recent": recent})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            recent = ImportJob.objects.filter(created_by_id=request.user.pk)[:10]
            return render(request, self.template_name, {"form": form, "recent": recent}, status=400)
        upload = form.cleaned_data["file"]
        job = importing.start_import(
            upload.read(), upload.name, actor=request.user, language=get_language() or "zh-hans"
        )
        return redirect(job)


class ImportDetailView(StaffRequiredMixin, DetailView):
    """An import's progress (polled by HTMX while it runs) and its rejected rows."""

    model = ImportJob
    template_name = "organizations/import_detail.html"

    def get_queryset(self):
        jobs = ImportJob.objects.select_related("created_by")
        return (
            jobs
            if self.request.user.is_superuser
            else jobs.filter(created_by_id=self.request.user.pk)
        )

    def get_template_names(self) -> list[str]:
        htmx = cast(HtmxHttpRequest, self.request).htmx
        if htmx and not htmx.history_restore_request:
            return ["organizations/_import_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["row_errors"] = self.object.row_errors.all()[:200]
        return context


class ImportResumeView(ImportDetailView):
    """POST: continue an interrupted import."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_object()
        try:
            importing.resume_import(job, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(job)


class ImportReportView(ImportDetailView):
    """The rejected rows as an Excel workbook."""

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        job = self.object
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        filename = f"rejected-rows-{job.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        importing.report_workbook(job).save(response)
        return response
