from django.urls import path

from . import views, views_assessments, views_secretariat

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
