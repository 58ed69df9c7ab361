"""The marketplace, a post's page with its matches, and writing posts.

Every post is read through ``domain.visibility.visible_posts``: what a viewer may not see is
not found (404), on lists and pages alike. Changes go through ``domain.posts``; their
refusals are shown on the form (field errors) or as a message.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from ..chains.models import Link
from ..common.domain.audit import Source
from ..common.htmx import HtmxHttpRequest
from ..common.pagination import CappedCountPaginator
from .domain import kinds, matching, posts
from .domain.introductions import ACTIVE
from .domain.visibility import visible_posts
from .enums import Direction, PostStatus
from .filtersets import PostFilterSet
from .forms import PostForm
from .models import Introduction, Post
from .tables import PostTable

WEB = Source.WEB
LIVE = (PostStatus.OPEN, PostStatus.MATCHED)
ENDED = (PostStatus.CLOSED, PostStatus.EXPIRED)
DEFAULT_VALIDITY = timedelta(days=90)
T = TypeVar("T")


def listed(queryset: QuerySet[Post]) -> QuerySet[Post]:
    """What a row of ``PostTable`` reads, in a fixed number of queries."""
    links = Link.objects.select_related("chain").order_by("chain__slug", "order")
    return queryset.select_related("organization", "region__parent").prefetch_related(
        Prefetch("links", queryset=links)
    )


def joined(reasons: list[str]) -> str:
    """Match reasons in one line: ``；`` between them on Chinese pages, ``; `` otherwise."""
    return ("; " if (get_language() or "").startswith("en") else "；").join(reasons)


def refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You are not allowed to do this.")


def attempt(form: PostForm, action: Callable[[], T]) -> T | None:
    """Run a domain action; its refusal becomes the form's errors (nothing is saved)."""
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    except PermissionDenied as error:
        form.add_error(None, refusal(error))
    return None


class MarketplaceView(SingleTableMixin, FilterView):
    """The live posts the viewer may see, newest first; HTMX requests get only the results."""

    model = Post
    table_class = PostTable
    filterset_class = PostFilterSet
    paginate_by = None  # the table paginates
    table_pagination = {"per_page": 20, "paginator_class": CappedCountPaginator}
    template_name = "exchange/marketplace.html"

    def get_queryset(self) -> QuerySet[Post]:
        live = visible_posts(self.request.user).filter(status__in=LIVE)
        return listed(live).order_by("-published_at", "-id")

    def get_template_names(self) -> list[str]:
        htmx = cast(HtmxHttpRequest, self.request).htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["exchange/_results.html"]
        return [self.template_name]

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


@login_required
def my_posts(request: HttpRequest) -> HttpResponse:
    """Every post of the user's organisation, drafts and closed ones too."""
    organization_id = getattr(request.user, "organization_id", None)
    mine = Post.objects.none()
    if organization_id:
        mine = visible_posts(request.user).filter(organization_id=organization_id)
    table = PostTable(listed(mine).order_by("-created_at", "-id"))
    table.empty_text = _("Your organisation has no posts yet.")
    table.paginate(
        paginator_class=CappedCountPaginator, page=request.GET.get("page", 1), per_page=20
    )
    return render(request, "exchange/my_posts.html", {"table": table})


@dataclass
class MatchRow:
    match: matching.Match
    reasons: str
    introduced: bool  # an introduction between the two posts is under way


def _matches(request: HttpRequest, post: Post, own: bool) -> list[MatchRow]:
    if not request.user.is_authenticated or post.status in ENDED:
        return []
    found = matching.matches(post, viewer=request.user)
    under_way: set[int] = set()
    if own:  # asked either way: the two organisations are already in touch
        pairs = Introduction.objects.filter(
            Q(post=post) | Q(counterpart_post=post), status__in=ACTIVE
        ).values_list("post_id", "counterpart_post_id")
        under_way = {asker if asked == post.pk else asked for asker, asked in pairs}
    return [MatchRow(m, joined(m.reasons), m.post.pk in under_way) for m in found]


def _answering_posts(request: HttpRequest, post: Post, own: bool) -> list[Post]:
    """The viewer's organisation's live posts that answer ``post`` (to ask for an
    introduction from the post's page)."""
    organization_id = getattr(request.user, "organization_id", None)
    if own or not organization_id or post.status not in LIVE:
        return []
    return list(
        Post.objects.filter(
            organization_id=organization_id, status__in=LIVE,
            direction=kinds.opposite(post.direction),
        ).order_by("-published_at")[:50]
    )  # fmt: skip


def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        visible_posts(request.user)
        .select_related("organization", "region__parent", "author")
        .prefetch_related("links__chain", "listings__alliance"),
        pk=pk,
    )
    own = posts.may_post_for(request.user, post.organization)
    context = {
        "post": post,
        "own": own,
        "live": post.status in LIVE,
        "ended": post.status in ENDED,
        "matches": _matches(request, post, own),
        "answering": _answering_posts(request, post, own),
    }
    return render(request, "exchange/post_detail.html", context)


POST_ACTIONS = {
    "submit": (
        lambda post, actor: posts.submit_post(post, actor=actor, source=WEB),
        gettext_lazy("The post was sent out."),
    ),
    "close": (
        lambda post, actor: posts.close_post(post, actor=actor, source=WEB),
        gettext_lazy("The post was closed."),
    ),
    "matched": (
        lambda post, actor: posts.close_post(post, actor=actor, source=WEB, matched=True),
        gettext_lazy("The post was marked as matched."),
    ),
}


@require_POST
@login_required
def post_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit a draft, close a post, or mark it matched."""
    post = get_object_or_404(visible_posts(request.user).select_related("organization"), pk=pk)
    if action not in POST_ACTIONS:
        return redirect("exchange:post", pk=post.pk)
    run, done = POST_ACTIONS[action]
    try:
        run(post, request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, str(done))
    return redirect("exchange:post", pk=post.pk)


def _render_form(request: HttpRequest, form: PostForm, post: Post | None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "exchange/post_form.html", {"form": form, "post": post}, status=status)


@login_required
def post_create(request: HttpRequest) -> HttpResponse:
    """A new offer or need for the organisation the user represents."""
    organization = request.user.organization  # type: ignore[union-attr]
    if organization is None:
        return render(request, "exchange/no_organization.html", status=403)
    initial = {
        "region": organization.region_id,
        "direction": request.GET.get("direction") or Direction.OFFER,
        "valid_until": timezone.localdate() + DEFAULT_VALIDITY,
    }
    form = PostForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, links, alliances = form.domain_data()
        publish = "publish" in request.POST
        created = attempt(
            form,
            lambda: posts.create_post(
                data, organization=organization, actor=request.user, source=WEB,
                links=links, alliances=alliances, submit=publish,
            ),
        )  # fmt: skip
        if created is not None:
            messages.success(request, _published(created) if publish else _("The draft was saved."))
            return redirect("exchange:post", pk=created.pk)
    return _render_form(request, form, None)


def _published(post: Post) -> str:
    if post.status == PostStatus.PENDING_REVIEW:
        return _("The post was saved; it is shown once the secretariat has approved it.")
    return _("The post is published.")


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(visible_posts(request.user).select_related("organization"), pk=pk)
    if not posts.may_post_for(request.user, post.organization):
        raise PermissionDenied
    initial = PostForm.initial_for(post) if request.method != "POST" else None
    form = PostForm(
        request.POST or None, organization=post.organization, post=post, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data, links, alliances = form.domain_data()
        publish = "publish" in request.POST and post.status == PostStatus.DRAFT

        @transaction.atomic
        def save() -> Post:
            saved = posts.update_post(
                post, data, actor=request.user, source=WEB, links=links, alliances=alliances
            )
            return posts.submit_post(saved, actor=request.user, source=WEB) if publish else saved

        saved = attempt(form, save)
        if saved is not None:
            messages.success(
                request, _published(saved) if publish else _("The changes were saved.")
            )
            return redirect("exchange:post", pk=post.pk)
    return _render_form(request, form, post)
