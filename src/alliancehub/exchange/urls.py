from django.urls import path

from ..common import views_notifications
from . import views, views_introductions, views_secretariat

app_name = "exchange"
urlpatterns = [
    path("", views.MarketplaceView.as_view(), name="marketplace"),
    path("mine/", views.my_posts, name="my-posts"),
    path("posts/new/", views.post_create, name="post-create"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path(
        "posts/<int:pk>/<str:action>/", views.post_action, name="post-action"
    ),  # submit, close, matched
    path("introductions/", views_introductions.introduction_list, name="introductions"),
    path("introductions/new/", views_introductions.introduce, name="introduce"),
    path(
        "introductions/<int:pk>/respond/", views_introductions.respond, name="introduction-respond"
    ),
    path(
        "introductions/<int:pk>/withdraw/",
        views_introductions.withdraw,
        name="introduction-withdraw",
    ),
    path(
        "introductions/<int:pk>/outcome/", views_introductions.outcome, name="introduction-outcome"
    ),
    path("alliances/<slug:slug>/review/", views_secretariat.review, name="review"),
    path(
        "alliances/<slug:slug>/review/settings/",
        views_secretariat.review_settings,
        name="review-settings",
    ),
    path(
        "alliances/<slug:slug>/review/<int:pk>/",
        views_secretariat.review_listing,
        name="review-listing",
    ),
    path("alliances/<slug:slug>/figures/", views_secretariat.figures, name="figures"),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path(
        "notifications/badge/", views_notifications.notification_badge, name="notifications-badge"
    ),
]
