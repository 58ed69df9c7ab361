from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    GOVERNMENT = "government", _("Government body")
    ASSOCIATION = "association", _("Association")
    FINANCIAL = "financial", _("Financial institution")
    OTHER = "other", _("Other")


class OrganizationSize(models.TextChoices):
    """Enterprise sizes as in the statistical classification of large, medium, small and micro
    enterprises (统计上大中小微型企业划分办法)."""

    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")
