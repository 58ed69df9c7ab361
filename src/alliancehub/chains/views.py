"""The chain pages: list, chain map, a link's organisations, gap analysis, risks and candidates,
and an organisation's place in the chains (with its positions kept by staff or itself).

The figures come from ``domain/analysis/``; position changes go through
``domain/positions.py``, as the API's do.
"""

from collections.abc import Iterable
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..common.domain.audit import Source
from ..common.htmx import HtmxHttpRequest
from ..organizations.models import Organization
from .domain import analysis, positions, suggest
from .enums import LinkStatus, PositionSource, PositionStatus, Stage
from .forms import CandidatesForm, GapsForm, MapForm, PositionForm
from .models import Chain, Link, Position

#: The Excel exports are served by the API (``/api/v1/chains/<slug>/gaps.xlsx`` …).
API_CHAINS = "/api/v1/chains/"
#: At most this many organisations listed under a clicked link.
LINK_ORGANIZATIONS_SHOWN = 100


def _chain(slug: str) -> Chain:
    return get_object_or_404(Chain, slug=slug)


def _is_fragment(request: HttpRequest) -> bool:
    htmx = cast(HtmxHttpRequest, request).htmx
    return bool(htmx and not htmx.boosted and not htmx.history_restore_request)


def _query(**values: Any) -> str:
    """``?a=1&b=2`` for the values that are set (regions and alliances by code and slug)."""
    plain = {
        key: getattr(value, "code", None) or getattr(value, "slug", None) or value
        for key, value in values.items()
        if value not in (None, "")
    }
    return "?" + urlencode(plain) if plain else ""


def chain_list(request: HttpRequest) -> HttpResponse:
    chains = Chain.objects.annotate(link_count=Count("links", filter=Q(links__retired=False)))
    return render(request, "chains/chain_list.html", {"chains": chains})


# The chain map ------------------------------------------------------------------------------


def _chart_data(figures: analysis.ChainMap, risky: set[int], query: str) -> dict[str, Any]:
    """What ``chain-map.js`` draws: nodes in template order, supply edges, labels."""
    codes = {figure.link.pk: figure.link.code for figure in figures.links}
    slug = figures.chain.slug
    nodes = [
        {
            "code": figure.link.code,
            "name": str(figure.link),
            "stage": figure.link.stage,
            "parent": codes.get(figure.link.parent_id) if figure.link.parent_id else None,
            "count": figure.count,
            "expected": round(figure.expected, 1),
            "share": None if figure.share is None else round(figure.share, 2),
            "status": str(figure.status),
            "risk": figure.link.pk in risky,
            "url": reverse("chains:link-organizations", args=[slug, figure.link.code]) + query,
        }
        for figure in figures.links
    ]
    edges = [
        [source.code, target.code]
        for source, target in figures.edges
        if source.pk in codes and target.pk in codes
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "stages": [[value, str(label)] for value, label in Stage.choices],
        "statuses": {value: str(label) for value, label in LinkStatus.choices},
        "labels": {
            "count": _("Organisations"),
            "expected": _("Expected"),
            "share": _("Share of expected"),
            "risk": _("Supply risk"),
            "click": _("Click to list the organisations"),
        },
    }


def chain_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The chain by stage, coloured by the selected region's (or alliance's) strength."""
    chain = _chain(slug)
    form = MapForm(request.GET)
    context: dict[str, Any] = {"chain": chain, "form": form}
    if not form.is_valid():
        return render(request, "chains/chain_map.html", context, status=400)
    region, alliance = form.cleaned_data["region"], form.cleaned_data["alliance"]
    figures = analysis.chain_map(
        chain, region=region, alliance=alliance, weak_share=form.weak_share_value()
    )
    risks = analysis.risks(chain, region) if region else []
    query = _query(region=region, alliance=alliance)
    context.update(
        figures=figures,
        risks=risks,
        region=region,
        alliance=alliance,
        query=query,
        chart=_chart_data(figures, {risk.link.pk for risk in risks}, query),
        region_query=_query(region=region),
    )
    return render(request, "chains/chain_map.html", context)


def link_organizations(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The organisations on one link in the region (and alliance): a fragment for the map page
    when asked by HTMX, a page of its own otherwise."""
    chain = _chain(slug)
    link = get_object_or_404(Link.objects.select_related("chain", "parent"), chain=chain, code=code)
    form = MapForm(request.GET)
    template = (
        "chains/_link_organizations.html"
        if _is_fragment(request)
        else "chains/link_organizations.html"
    )
    context: dict[str, Any] = {"chain": chain, "link": link, "form": form}
    if not form.is_valid():
        response = render(request, template, context, status=400)
    else:
        region, alliance = form.cleaned_data["region"], form.cleaned_data["alliance"]
        here = Position.objects.filter(link=link, status=PositionStatus.CONFIRMED)
        organizations = (
            analysis.organizations_on(link, region=region, alliance=alliance)
            .select_related("region")
            .prefetch_related(Prefetch("chain_positions", queryset=here, to_attr="here"))[
                : LINK_ORGANIZATIONS_SHOWN + 1
            ]
        )
        shown = list(organizations)
        context.update(
            region=region,
            alliance=alliance,
            organizations=shown[:LINK_ORGANIZATIONS_SHOWN],
            more=len(shown) > LINK_ORGANIZATIONS_SHOWN,
            map_url=reverse("chains:map", args=[slug]) + _query(region=region, alliance=alliance),
        )
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# Gap analysis, risks, candidates ------------------------------------------------------------


def gaps(request: HttpRequest, slug: str) -> HttpResponse:
    """Each link's count, expected count, share and status for a region, or two side by side."""
    chain = _chain(slug)
    form = GapsForm(request.GET) if request.GET else GapsForm()
    context: dict[str, Any] = {"chain": chain, "form": form}
    if not form.is_bound:
        return render(request, "chains/gaps.html", context)
    if not form.is_valid():
        return render(request, "chains/gaps.html", context, status=400)
    region, compare = form.cleaned_data["region"], form.cleaned_data["compare"]
    share = form.weak_share_value()
    first = analysis.gaps(chain, region, weak_share=share)
    second = (
        {figure.link.pk: figure for figure in analysis.gaps(chain, compare, weak_share=share)}
        if compare
        else {}
    )
    query = _query(region=region, compare=compare, weak_share=form.cleaned_data["weak_share"])
    context.update(
        region=region,
        compare=compare,
        rows=[(figure, second.get(figure.link.pk)) for figure in first],
        summary=_summary(first),
        compare_summary=_summary(second.values()) if compare else None,
        export_url=f"{API_CHAINS}{chain.slug}/gaps.xlsx{query}",
        map_query=_query(region=region),
    )
    return render(request, "chains/gaps.html", context)


def _summary(figures: Iterable[analysis.LinkFigure]) -> dict[str, int]:
    counts = dict.fromkeys(LinkStatus.values, 0)
    for figure in figures:
        counts[str(figure.status)] = counts.get(str(figure.status), 0) + 1
    return counts


def candidates(request: HttpRequest, slug: str) -> HttpResponse:
    """The region's supply risks and, for its weak and missing links, ranked candidates."""
    chain = _chain(slug)
    form = CandidatesForm(request.GET if request.GET else None, chain=chain)
    context: dict[str, Any] = {"chain": chain, "form": form}
    if not form.is_bound:
        return render(request, "chains/candidates.html", context)
    if not form.is_valid():
        return render(request, "chains/candidates.html", context, status=400)
    region, link = form.cleaned_data["region"], form.cleaned_data["link"]
    query = _query(region=region, link=link.code if link else None)
    context.update(
        region=region,
        link=link,
        risks=analysis.risks(chain, region),
        candidates=analysis.candidates(chain, region, link=link),
        risks_export_url=f"{API_CHAINS}{chain.slug}/risks.xlsx{_query(region=region)}",
        candidates_export_url=f"{API_CHAINS}{chain.slug}/candidates.xlsx{query}",
        map_query=_query(region=region),
    )
    return render(request, "chains/candidates.html", context)


# An organisation's place in the chains ------------------------------------------------------


def _organization(pk: int) -> Organization:
    return get_object_or_404(Organization.objects.select_related("region"), pk=pk)


def organization_positions(request: HttpRequest, pk: int) -> HttpResponse:
    """Where an organisation sits (confirmed and suggested), and its partners up and down."""
    organization = _organization(pk)
    return _render_positions(request, organization, PositionForm())


def _render_positions(
    request: HttpRequest, organization: Organization, form: PositionForm, status: int = 200
) -> HttpResponse:
    held = organization.chain_positions.select_related("link__chain", "link__parent").order_by(
        "link__chain__slug", "link__order"
    )
    can_edit = request.user.has_perm("organizations.edit_profile", organization)
    context = {
        "organization": organization,
        "confirmed": [p for p in held if p.status == PositionStatus.CONFIRMED],
        "suggested": [p for p in held if p.status == PositionStatus.SUGGESTED],
        "partners": analysis.partners(organization),
        "can_edit": can_edit,
        "form": form if can_edit else None,
        "can_suggest": can_edit,
    }
    return render(request, "chains/organization_positions.html", context, status=status)


def _editor_gate(request: HttpRequest, organization: Organization) -> HttpResponse | None:
    """Sign-in for visitors, 403 for people who neither keep the registry nor represent it."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("chains:organization", args=[organization.pk]))
    if not request.user.has_perm("organizations.edit_profile", organization):
        raise PermissionDenied
    return None


def _entered_by(request: HttpRequest, organization: Organization) -> str:
    if getattr(request.user, "organization_id", None) == organization.pk:
        return PositionSource.ORGANIZATION
    return PositionSource.SECRETARIAT


@require_POST
def add_position(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(pk)
    if gate := _editor_gate(request, organization):
        return gate
    form = PositionForm(request.POST)
    if not form.is_valid():
        return _render_positions(request, organization, form, status=400)
    data = form.cleaned_data
    try:
        positions.add_position(
            organization, data["link"], actor=request.user, source=Source.WEB,
            entered_by=_entered_by(request, organization), products=data["products"],
            role=data["role"], capacity=data["capacity"], since=data["since"],
        )  # fmt: skip
    except ValidationError as error:
        form.add_error(None, error)
        return _render_positions(request, organization, form, status=400)
    messages.success(request, _("The position was added."))
    return redirect("chains:organization", pk=organization.pk)


def _position(organization: Organization, position_pk: int) -> Position:
    return get_object_or_404(Position, pk=position_pk, organization=organization)


@require_POST
def confirm_position(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    organization = _organization(pk)
    if gate := _editor_gate(request, organization):
        return gate
    try:
        positions.confirm_position(
            _position(organization, position_pk), actor=request.user, source=Source.WEB
        )
        messages.success(request, _("The position was confirmed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("chains:organization", pk=organization.pk)


@require_POST
def remove_position(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    organization = _organization(pk)
    if gate := _editor_gate(request, organization):
        return gate
    positions.remove_position(
        _position(organization, position_pk), actor=request.user, source=Source.WEB
    )
    messages.success(request, _("The position was removed."))
    return redirect("chains:organization", pk=organization.pk)


#: How many of the matcher's best links become suggestions.
SUGGESTIONS_KEPT = 3


@require_POST
def suggest_positions(request: HttpRequest, pk: int) -> HttpResponse:
    """Match the organisation's name and description against the links; the best few become
    suggested positions, which a person confirms or removes."""
    organization = _organization(pk)
    if gate := _editor_gate(request, organization):
        return gate
    text = "\n".join(part for part in (organization.name, organization.description) if part)
    held = set(organization.chain_positions.values_list("link_id", flat=True))
    added = 0
    for link, score in _suggested_links(suggest.suggest(text))[:SUGGESTIONS_KEPT]:
        if link.pk in held or link.retired:
            continue
        positions.add_position(
            organization, link, actor=request.user, source=Source.WEB,
            entered_by=_entered_by(request, organization), suggested=True, score=score,
        )  # fmt: skip
        added += 1
    if added:
        messages.success(
            request,
            _("{count} suggested positions were added; please confirm or remove them.").format(
                count=added
            ),
        )
    else:
        messages.info(request, _("The profile suggests no further links."))
    return redirect("chains:organization", pk=organization.pk)


def _suggested_links(results: Iterable[Any]) -> list[tuple[Link, float | None]]:
    """The matcher's ranked results as links: each names its link as a ``Link`` or as
    ``chain:code``, on an object or in a mapping, with a score."""

    def read(item: Any, name: str) -> Any:
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    wanted: list[tuple[Any, float | None]] = []
    for item in results:
        link = read(item, "link") or read(item, "key")
        score = read(item, "score")
        wanted.append((link, float(score) if score is not None else None))
    keys = [link.split(":", 1) for link, _score in wanted if isinstance(link, str) and ":" in link]
    query = Q(pk__in=[])
    for slug, code in keys:
        query |= Q(chain__slug=slug, code=code)
    found = {link.key: link for link in Link.objects.filter(query).select_related("chain")}
    return [
        (link if isinstance(link, Link) else found[link], score)
        for link, score in wanted
        if isinstance(link, Link) or link in found
    ]
