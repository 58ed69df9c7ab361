from django.urls import path
from rest_framework.routers import SimpleRouter

from ...alliances.api.scoping import SLUG_PATTERN
from . import views, views_boards

router = SimpleRouter()
router.register(f"{SLUG_PATTERN}/services", views.ServiceViewSet, basename="alliance-services")
router.register(
    f"{SLUG_PATTERN}/service-requests", views.ServiceRequestViewSet,
    basename="alliance-service-requests",
)  # fmt: skip
router.register(
    f"{SLUG_PATTERN}/policies", views_boards.PolicyViewSet, basename="alliance-policies"
)
router.register(
    f"{SLUG_PATTERN}/job-postings", views_boards.JobPostingViewSet,
    basename="alliance-job-postings",
)  # fmt: skip
router.register(
    f"{SLUG_PATTERN}/financing-needs", views_boards.FinancingNeedViewSet,
    basename="alliance-financing-needs",
)  # fmt: skip
urlpatterns = [
    path(
        "memberservices/assessments/",
        views.AssessmentView.as_view(),
        name="memberservices-assessments",
    ),
    *router.urls,
]
