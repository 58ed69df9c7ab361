from django.urls import path

from . import views, views_secretariat

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="list"),
    path("<slug:slug>/", views.alliance_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path(
        "<slug:slug>/manage/applications/", views_secretariat.application_list, name="applications"
    ),
    path(
        "<slug:slug>/manage/applications/<int:pk>/",
        views_secretariat.application_detail,
        name="application",
    ),
    path("<slug:slug>/manage/members/", views_secretariat.member_list, name="members"),
    path("<slug:slug>/manage/members/<int:pk>/", views_secretariat.member_detail, name="member"),
    path("<slug:slug>/manage/profile/", views_secretariat.profile, name="profile"),
    path("<slug:slug>/manage/dues/", views_secretariat.dues_list, name="dues"),
    path("<slug:slug>/manage/dues/<int:pk>/paid/", views_secretariat.dues_paid, name="dues-paid"),
]
