from rest_framework.routers import SimpleRouter

from .views import AllianceViewSet

router = SimpleRouter()
router.register("alliances", AllianceViewSet, basename="alliance")
urlpatterns = router.urls
