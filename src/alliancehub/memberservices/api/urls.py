from django.urls import path
from rest_framework.routers import SimpleRouter

from ...alliances.api.scoping import SLUG_PATTERN
from . import views

router = SimpleRouter()
router.register(f"{SLUG_PATTERN}/services", views.ServiceViewSet, basename="alliance-services")
router.register(
    f"{SLUG_PATTERN}/service-requests", views.ServiceRequestViewSet,
    basename="alliance-service-requests",
)  # fmt: skip
urlpatterns = [
    path(
        "memberservices/assessments/",
        views.AssessmentView.as_view(),
        name="memberservices-assessments",
    ),
    *router.urls,
]
