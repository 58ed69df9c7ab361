from django.urls import path

from . import (
    views,
    views_checkin,
    views_interest,
    views_judging,
    views_manage,
    views_programme,
    views_registration,
    views_registrations,
    views_roadshow,
    views_roadshow_manage,
)

app_name = "events"
MANAGE = "alliances/<slug:slug>/<int:pk>"
urlpatterns = [
    # Anyone (what they may see)
    path("", views.event_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("alliances/<slug:slug>/", views.alliance_events, name="alliance"),
    path("alliances/<slug:slug>/calendar.ics", views.alliance_calendar, name="ical"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/register/", views_registration.register, name="register"),
    path("registrations/<str:token>/", views_registration.registration_page, name="registration"),
    path(
        "registrations/<str:token>/cancel/",
        views_registration.registration_cancel,
        name="registration-cancel",
    ),
    path("tickets/<str:token>/", views_registration.ticket, name="ticket"),
    # Roadshows: applicants and judges
    path("<int:pk>/call/", views_roadshow.call_page, name="call"),
    path("<int:pk>/call/submit/", views_roadshow.project_submit, name="project-submit"),
    path("projects/<int:pk>/", views_roadshow.project_page, name="project"),
    path("projects/<int:pk>/deck/", views_roadshow.deck, name="deck"),
    path("<int:pk>/judging/", views_judging.judging_list, name="judging"),
    path("<int:pk>/judging/<int:pitch>/", views_judging.pitch_page, name="pitch"),
    path(
        "<int:pk>/judging/<int:pitch>/conflict/",
        views_judging.pitch_conflict,
        name="pitch-conflict",
    ),
    path(
        "<int:pk>/judging/<int:pitch>/introduction/",
        views_interest.ask,
        name="pitch-interest",
    ),
    path("interests/<int:pk>/<str:decision>/", views_interest.answer, name="interest-answer"),
    path("<int:pk>/ranking/", views_judging.ranking_page, name="ranking"),
    # The secretariat
    path("alliances/<slug:slug>/new/", views_manage.event_create, name="create"),
    path(f"{MANAGE}/", views_manage.event_manage, name="manage"),
    path(f"{MANAGE}/edit/", views_manage.event_edit, name="edit"),
    path(f"{MANAGE}/bodies/", views_manage.body_add, name="body-add"),
    path(f"{MANAGE}/sessions/", views_manage.session_add, name="session-add"),
    path(f"{MANAGE}/speakers/", views_manage.speaker_add, name="speaker-add"),
    path(f"{MANAGE}/questions/", views_manage.question_add, name="question-add"),
    path(f"{MANAGE}/bodies/<int:body>/edit/", views_programme.body_edit, name="body-edit"),
    path(f"{MANAGE}/bodies/<int:body>/remove/", views_programme.body_remove, name="body-remove"),
    path(
        f"{MANAGE}/sessions/<int:session>/edit/", views_programme.session_edit, name="session-edit"
    ),
    path(
        f"{MANAGE}/sessions/<int:session>/remove/",
        views_programme.session_remove,
        name="session-remove",
    ),
    path(
        f"{MANAGE}/speakers/<int:speaker>/edit/", views_programme.speaker_edit, name="speaker-edit"
    ),
    path(
        f"{MANAGE}/speakers/<int:speaker>/remove/",
        views_programme.speaker_remove,
        name="speaker-remove",
    ),
    path(
        f"{MANAGE}/questions/<int:question>/edit/",
        views_programme.question_edit,
        name="question-edit",
    ),
    path(
        f"{MANAGE}/questions/<int:question>/remove/",
        views_programme.question_remove,
        name="question-remove",
    ),
    path(f"{MANAGE}/capacity/", views_manage.capacity_change, name="capacity"),
    path(f"{MANAGE}/status/<str:status>/", views_manage.event_status, name="status"),
    path(f"{MANAGE}/registrations/", views_registrations.registration_list, name="registrations"),
    path(
        f"{MANAGE}/registrations.xlsx",
        views_registrations.registrations_export,
        name="registrations-export",
    ),
    path(
        f"{MANAGE}/registrations/<int:registration>/<str:decision>/",
        views_registrations.registration_decide,
        name="registration-decide",
    ),  # approve, reject, cancel
    path(f"{MANAGE}/check-in/", views_checkin.check_in_desk, name="check-in"),
    path(f"{MANAGE}/badges.pdf", views_registrations.badges, name="badges"),
    path(f"{MANAGE}/report/", views_registrations.report, name="report"),
    path(f"{MANAGE}/news-draft/", views_registrations.news_draft, name="news-draft"),
    path(f"{MANAGE}/roadshow/", views_roadshow_manage.roadshow_manage, name="roadshow"),
    path(f"{MANAGE}/roadshow/call/", views_roadshow_manage.call_open, name="call-open"),
    path(f"{MANAGE}/roadshow/criteria/", views_roadshow_manage.criterion_add, name="criterion-add"),
    path(
        f"{MANAGE}/roadshow/projects/<int:project>/screen/",
        views_roadshow_manage.project_screen,
        name="project-screen",
    ),
    path(
        f"{MANAGE}/roadshow/projects/<int:project>/schedule/",
        views_roadshow_manage.pitch_schedule,
        name="pitch-schedule",
    ),
    path(
        f"{MANAGE}/roadshow/pitches/<int:pitch>/judges/",
        views_roadshow_manage.judge_assign,
        name="judge-assign",
    ),
    path(f"{MANAGE}/roadshow/release/", views_roadshow_manage.scores_release, name="release"),
    path(
        f"{MANAGE}/roadshow/scores.xlsx", views_roadshow_manage.scores_export, name="scores-export"
    ),
]
