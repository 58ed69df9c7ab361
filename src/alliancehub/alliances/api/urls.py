from rest_framework.routers import SimpleRouter

from .scoping import SLUG_PATTERN
from .views import AllianceViewSet, ApplicationViewSet, MembershipViewSet

router = SimpleRouter()
router.register("alliances", AllianceViewSet, basename="alliance")
router.register(f"{SLUG_PATTERN}/memberships", MembershipViewSet, basename="alliance-membership")
router.register(f"{SLUG_PATTERN}/applications", ApplicationViewSet, basename="alliance-application")
urlpatterns = router.urls
