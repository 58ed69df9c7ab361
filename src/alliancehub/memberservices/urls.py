from django.urls import path

from . import views, views_assessments, views_boards, views_policies, views_secretariat

app_name = "memberservices"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.catalogue, name="catalogue"),
    path("<slug:slug>/requests/", views.request_list, name="requests"),
    path("<slug:slug>/requests/new/", views.request_create, name="request-create"),
    path("<slug:slug>/requests/<int:pk>/", views.request_detail, name="request"),
    path("<slug:slug>/requests/<int:pk>/assign/", views.request_assign, name="request-assign"),
    path("<slug:slug>/requests/<int:pk>/comment/", views.request_comment, name="request-comment"),
    path("<slug:slug>/requests/<int:pk>/rate/", views.request_rate, name="request-rate"),
    path(
        "<slug:slug>/requests/<int:pk>/attachments/<int:attachment>/",
        views.request_attachment,
        name="request-attachment",
    ),
    path(  # accept, start, resolve, close, reopen
        "<slug:slug>/requests/<int:pk>/<str:action>/",
        views.request_action,
        name="request-action",
    ),
    path("<slug:slug>/manage/services/", views_secretariat.services, name="services-manage"),
    path(
        "<slug:slug>/manage/services/new/", views_secretariat.service_create, name="service-create"
    ),
    path(
        "<slug:slug>/manage/services/<int:pk>/",
        views_secretariat.service_edit,
        name="service-edit",
    ),
    path("<slug:slug>/figures/", views_secretariat.figures_page, name="figures"),
    path("<slug:slug>/assessments/", views_assessments.assessment_list, name="assessments"),
    path(
        "<slug:slug>/assessments/new/",
        views_assessments.assessment_create,
        name="assessment-create",
    ),
    path(
        "<slug:slug>/assessments/<int:pk>/",
        views_assessments.assessment_detail,
        name="assessment",
    ),
    path(
        "<slug:slug>/assessments/<int:pk>/edit/",
        views_assessments.assessment_edit,
        name="assessment-edit",
    ),
    path(
        "<slug:slug>/assessments/<int:pk>/report.pdf",
        views_assessments.assessment_pdf,
        name="assessment-pdf",
    ),
]

# The policy library
urlpatterns += [
    path("<slug:slug>/policies/", views_policies.policy_list, name="policies"),
    path("<slug:slug>/policies/mine/", views_policies.policies_mine, name="policies-mine"),
    path("<slug:slug>/policies/new/", views_policies.policy_create, name="policy-create"),
    path("<slug:slug>/policies/<int:pk>/", views_policies.policy_detail, name="policy"),
    path("<slug:slug>/policies/<int:pk>/edit/", views_policies.policy_edit, name="policy-edit"),
    path(
        "<slug:slug>/policies/<int:pk>/publish/",
        views_policies.policy_publish,
        name="policy-publish",
    ),
]
# The talent board
urlpatterns += [
    path("<slug:slug>/talent/", views_boards.posting_list, name="postings"),
    path("<slug:slug>/talent/new/", views_boards.posting_create, name="posting-create"),
    path("<slug:slug>/talent/mine/", views_boards.postings_mine, name="postings-mine"),
    path("<slug:slug>/talent/activity/", views_boards.talent_activity, name="talent-activity"),
    path("<slug:slug>/talent/<int:pk>/", views_boards.posting_detail, name="posting"),
    path("<slug:slug>/talent/<int:pk>/close/", views_boards.posting_close, name="posting-close"),
    path(
        "<slug:slug>/talent/<int:pk>/applications/",
        views_boards.posting_applications,
        name="posting-applications",
    ),
    path(
        "<slug:slug>/talent/applications/<int:pk>/status/",
        views_boards.application_status,
        name="application-status",
    ),
]
# The financing board
urlpatterns += [
    path("<slug:slug>/financing/", views_boards.need_list, name="needs"),
    path("<slug:slug>/financing/new/", views_boards.need_create, name="need-create"),
    path(
        "<slug:slug>/financing/pipeline/",
        views_boards.financing_pipeline,
        name="financing-pipeline",
    ),
    path("<slug:slug>/financing/<int:pk>/", views_boards.need_detail, name="need"),
    path("<slug:slug>/financing/<int:pk>/respond/", views_boards.need_respond, name="need-respond"),
    path("<slug:slug>/financing/<int:pk>/close/", views_boards.need_close, name="need-close"),
]
