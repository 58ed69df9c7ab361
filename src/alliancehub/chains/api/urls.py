"""``/api/v1/chains/…`` (included under ``/api/v1/``)."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from .views import ChainViewSet, PositionViewSet

router = SimpleRouter()
# Before the chains, so that "positions" is never read as a chain's slug.
router.register("chains/positions", PositionViewSet, basename="chain-position")
router.register("chains", ChainViewSet, basename="chain")

exports: list[URLPattern | URLResolver] = [
    path(
        f"chains/<slug:slug>/{name}.xlsx",
        ChainViewSet.as_view({"get": f"{name}_xlsx"}),
        name=f"chain-{name}-xlsx",
    )
    for name in ("gaps", "risks", "candidates")
]
urlpatterns = [*exports, *router.urls]
