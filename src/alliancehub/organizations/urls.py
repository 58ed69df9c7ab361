from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="list"),
    path("new/", views.OrganizationFormView.as_view(), name="create"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrganizationFormView.as_view(), name="update"),
    path("<int:pk>/delete/", views.OrganizationDeleteView.as_view(), name="delete"),
    path("regions/options/", views.region_options, name="region-options"),
    path("import/", views.ImportCreateView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportDetailView.as_view(), name="import-detail"),
    path("import/<int:pk>/resume/", views.ImportResumeView.as_view(), name="import-resume"),
    path("import/<int:pk>/report.xlsx", views.ImportReportView.as_view(), name="import-report"),
]
