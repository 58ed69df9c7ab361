from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("exchange/posts", views.PostViewSet, basename="exchange-post")
router.register(
    "exchange/introductions", views.IntroductionViewSet, basename="exchange-introduction"
)
urlpatterns = router.urls
