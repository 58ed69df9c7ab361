from django.urls import path

from . import views
from . import views_secretariat as manage

app_name = "governance"
urlpatterns = [
    path("<slug:slug>/council/", views.council_page, name="council"),
    path("<slug:slug>/charter/", views.charter_page, name="charter"),
    path("<slug:slug>/charter/compare/", views.charter_compare, name="charter-compare"),
    path("<slug:slug>/charter/v<int:number>/", views.charter_version, name="charter-version"),
    path("<slug:slug>/charter/v<int:number>/signed.pdf", views.charter_pdf, name="charter-pdf"),
    path("<slug:slug>/meetings/", views.meeting_list, name="meetings"),
    path("<slug:slug>/agenda/<int:pk>/document/", views.agenda_document, name="agenda-document"),
    path("<slug:slug>/meetings/new/", manage.meeting_create, name="meeting-create"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(
        "<slug:slug>/meetings/<int:pk>/status/<str:status>/",
        manage.meeting_status,
        name="meeting-status",
    ),
    path("<slug:slug>/meetings/<int:pk>/attendance/", manage.attendance, name="meeting-attendance"),
    path("<slug:slug>/meetings/<int:pk>/agenda/", manage.agenda_add, name="meeting-agenda"),
    path("<slug:slug>/meetings/<int:pk>/motions/new/", manage.motion_create, name="meeting-motion"),
    path("<slug:slug>/meetings/<int:pk>/minutes/", views.minutes_page, name="minutes"),
    path("<slug:slug>/meetings/<int:pk>/minutes/edit/", manage.minutes_edit, name="minutes-edit"),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes.<str:extension>",
        views.minutes_export,
        name="minutes-export",
    ),
    path("<slug:slug>/motions/<int:pk>/", views.motion_detail, name="motion"),
    path("<slug:slug>/motions/<int:pk>/<str:step>/", manage.motion_transition, name="motion-step"),
    path("<slug:slug>/portal/", views.portal, name="portal"),
    path("<slug:slug>/manage/", manage.dashboard, name="dashboard"),
    path("<slug:slug>/manage/terms/", manage.terms, name="terms"),
    path("<slug:slug>/manage/terms/offices/<int:pk>/end/", manage.end_office, name="office-end"),
    path("<slug:slug>/manage/voting-rules/", manage.voting_rules, name="voting-rules"),
    path("<slug:slug>/manage/charter/", manage.charter_versions, name="charter-versions"),
    path("<slug:slug>/manage/charter/v<int:number>/", manage.charter_edit, name="charter-edit"),
]
