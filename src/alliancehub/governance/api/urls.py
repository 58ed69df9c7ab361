from rest_framework.routers import SimpleRouter

from ...alliances.api.scoping import SLUG_PATTERN
from . import views

router = SimpleRouter()
for resource, viewset in [
    ("council", views.CouncilViewSet),
    ("terms", views.TermViewSet),
    ("offices", views.OfficeViewSet),
    ("meetings", views.MeetingViewSet),
    ("motions", views.MotionViewSet),
    ("resolutions", views.ResolutionViewSet),
    ("charter-versions", views.CharterVersionViewSet),
]:
    router.register(f"{SLUG_PATTERN}/{resource}", viewset, basename=f"alliance-{resource}")
urlpatterns = router.urls
