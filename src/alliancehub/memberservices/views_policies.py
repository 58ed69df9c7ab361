"""The policy library's pages.

Anyone reads an alliance's published policies; the secretariat also sees its drafts, enters,
edits and publishes them. A member's representative sees, on a policy's page, whether each of
its conditions holds for the organisations it represents, and the list of the policies that
apply to them (``domain.policies``).
"""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.pagination import CappedCountPaginator
from ..organizations.enums import OrganizationKind, OrganizationSize
from ..organizations.models import Organization
from .domain import access, policies
from .forms_policies import PolicyFilterSet, PolicyForm
from .models import Policy
from .views import WEB, attempt, nav_context

MANAGE = "alliances.manage"
ACT_AS_MEMBER = "alliances.act_as_member"


def library(request: HttpRequest, alliance: Alliance) -> QuerySet[Policy]:
    """The alliance's policies the viewer may read (the secretariat: drafts too)."""
    drafts = access.is_secretariat(request.user, alliance)
    found = policies.library(alliance, drafts=drafts, today=timezone.localdate())
    return found.select_related("issuing_region")


def _units(request: HttpRequest, alliance: Alliance) -> list[Organization]:
    ids = access.member_ids(request.user, alliance)
    return list(Organization.objects.filter(pk__in=ids).order_by("name")) if ids else []


@alliance_view()
def policy_list(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The library: in force today unless ``when=all``; by issuer, issuing region, words."""
    filterset = PolicyFilterSet(request.GET, queryset=library(request, alliance))
    paginator = CappedCountPaginator(filterset.qs.order_by("-issued_on", "-id"), 25)
    page = paginator.get_page(request.GET.get("page"))
    context = {**nav_context(request, alliance), "filter": filterset, "page": page}
    return render(request, "memberservices/policies/list.html", context)


def _labels(values: list[str], choices: Any) -> list[str]:
    names = dict(choices)
    return [str(names[value]) for value in values if value in names]


@alliance_view()
def policy_detail(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The policy's text and conditions; for a member's representative, a checklist per
    organisation it represents."""
    policy = get_object_or_404(library(request, alliance).prefetch_related("regions", "links"),
                               pk=pk)  # fmt: skip
    today = timezone.localdate()
    checklists = []
    for unit in _units(request, alliance):
        conditions = policies.eligibility(policy, unit, today=today)
        checklists.append((unit, conditions, all(c.met for c in conditions)))
    context = {
        **nav_context(request, alliance), "policy": policy, "checklists": checklists,
        "kinds": _labels(policy.kinds, OrganizationKind.choices),
        "sizes": _labels(policy.sizes, OrganizationSize.choices),
    }  # fmt: skip
    return render(request, "memberservices/policies/detail.html", context)


@alliance_view(ACT_AS_MEMBER)
def policies_mine(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The published policies in force that apply to each organisation the viewer represents."""
    today = timezone.localdate()
    groups = [
        (unit, policies.policies_for(unit, alliances=[alliance], today=today))
        for unit in _units(request, alliance)
    ]
    context = {**nav_context(request, alliance), "groups": groups}
    return render(request, "memberservices/policies/mine.html", context)


def _form_page(request: HttpRequest, alliance: Alliance, form: PolicyForm,
               policy: Policy | None) -> HttpResponse:  # fmt: skip
    status = 400 if form.is_bound and form.errors else 200
    context = {**nav_context(request, alliance), "form": form, "policy": policy}
    return render(request, "memberservices/policies/form.html", context, status=status)


@alliance_view(MANAGE)
def policy_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """Enter a policy; "Save and publish" tells the members it applies to at once."""
    form = PolicyForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        data, regions, links = form.domain_data()
        publish = "publish" in request.POST
        created = attempt(form, lambda: policies.create_policy(
            alliance, data, regions=regions, links=links, publish=publish, actor=request.user,
            source=WEB,
        ))  # fmt: skip
        if created is not None:
            messages.success(request, _("The policy was published.") if publish
                             else _("The policy was saved as a draft."))  # fmt: skip
            return redirect("memberservices:policy", slug=alliance.slug, pk=created.pk)
    return _form_page(request, alliance, form, None)


@alliance_view(MANAGE)
def policy_edit(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.for_alliance(alliance), pk=pk)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(policy),
                      alliance=alliance)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data, regions, links = form.domain_data()
        saved = attempt(form, lambda: policies.update_policy(
            policy, data, regions=regions, links=links, actor=request.user, source=WEB
        ))  # fmt: skip
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("memberservices:policy", slug=alliance.slug, pk=policy.pk)
    return _form_page(request, alliance, form, policy)


@require_POST
@alliance_view(MANAGE)
def policy_publish(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Publish a draft: the members it applies to are told."""
    policy = get_object_or_404(Policy.objects.for_alliance(alliance), pk=pk)
    policies.publish_policy(policy, actor=request.user, source=WEB)
    messages.success(request, _("The policy was published; the members it applies to are told."))
    return redirect("memberservices:policy", slug=alliance.slug, pk=policy.pk)
