"""The choices of the high-tech-enterprise pre-assessment: fields, expert bands, verdicts.

The bands an expert picks are scored as a range ``(low, high)`` of whole points, as printed
in 国科发火〔2016〕195号 三（七）; the pre-assessment cannot know where in the band the expert
lands, so it carries both ends.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TechField(models.TextChoices):
    """《国家重点支持的高新技术领域》, the annex of 国科发火〔2016〕32号 (第二条, 第十一条（三）)."""

    ELECTRONIC_INFORMATION = "electronic_information", _("Electronic information")  # 电子信息
    BIOLOGY_AND_NEW_MEDICINE = "biology_new_medicine", _("Biology and new medicine")  # 生物与新医药
    AEROSPACE = "aerospace", _("Aviation and aerospace")  # 航空航天
    NEW_MATERIALS = "new_materials", _("New materials")  # 新材料
    HIGH_TECH_SERVICES = "high_tech_services", _("High-tech services")  # 高技术服务
    NEW_ENERGY = "new_energy", _("New energy and energy saving")  # 新能源与节能
    RESOURCES_AND_ENVIRONMENT = (
        "resources_environment",
        _("Resources and environment"),
    )  # 资源与环境
    ADVANCED_MANUFACTURING = (
        "advanced_manufacturing",
        _("Advanced manufacturing and automation"),
    )  # 先进制造与自动化


class Verdict(models.TextChoices):
    """``at_risk``: the condition is met, but by less than ``AT_RISK_MARGIN`` of its threshold
    (or, for the score, the range straddles 70), so a small change or a strict expert fails it.
    """

    PASS = "pass", _("Pass")
    AT_RISK = "at_risk", _("At risk")
    FAIL = "fail", _("Fail")
    CANNOT_JUDGE = "cannot_judge", _("Cannot be judged")


class Advancement(models.TextChoices):
    """技术的先进程度 (≤8), 国科发火〔2016〕195号 三（七）1（1）."""

    HIGH = "high", _("High")  # 高 7-8
    FAIRLY_HIGH = "fairly_high", _("Fairly high")  # 较高 5-6
    AVERAGE = "average", _("Average")  # 一般 3-4
    LOW = "low", _("Low")  # 较低 1-2
    NONE = "none", _("None")  # 无 0


class CoreSupport(models.TextChoices):
    """对主要产品（服务）在技术上发挥核心支持作用 (≤8), 国科发火〔2016〕195号 三（七）1（2）."""

    STRONG = "strong", _("Strong")  # 强 7-8
    FAIRLY_STRONG = "fairly_strong", _("Fairly strong")  # 较强 5-6
    AVERAGE = "average", _("Average")  # 一般 3-4
    WEAK = "weak", _("Weak")  # 较弱 1-2
    NONE = "none", _("None")  # 无 0


class Fulfilment(models.TextChoices):
    """How far one of the four R&D-management items of 195号 三（七）3 is in place.

    The guideline gives only each item's maximum (6, 6, 4, 4) and leaves the points to the
    experts; these three levels and their ranges (``management_range``) are our own.
    """

    FULL = "full", _("Fully in place")
    PARTIAL = "partial", _("Partly in place")
    NONE = "none", _("Not in place")


class IncidentKind(models.TextChoices):
    """国科发火〔2016〕32号 第十一条（八）."""

    SAFETY = "safety", _("Major safety accident")  # 重大安全事故
    QUALITY = "quality", _("Major quality accident")  # 重大质量事故
    ENVIRONMENT = "environment", _("Serious environmental violation")  # 严重环境违法行为


class FigureKind(models.TextChoices):
    """How a figure of a result reads: ``share`` values are fractions (0.05 = 5 %)."""

    AMOUNT = "amount", _("Yuan")
    SHARE = "share", _("Share")
    COUNT = "count", _("Count")
    DAYS = "days", _("Days")
    POINTS = "points", _("Points")
    YEAR = "year", _("Year")


#: Band → points range (195号 三（七）1（1）（2）).
ADVANCEMENT_POINTS: dict[str, tuple[int, int]] = {
    Advancement.HIGH: (7, 8),
    Advancement.FAIRLY_HIGH: (5, 6),
    Advancement.AVERAGE: (3, 4),
    Advancement.LOW: (1, 2),
    Advancement.NONE: (0, 0),
}
CORE_SUPPORT_POINTS: dict[str, tuple[int, int]] = {
    CoreSupport.STRONG: (7, 8),
    CoreSupport.FAIRLY_STRONG: (5, 6),
    CoreSupport.AVERAGE: (3, 4),
    CoreSupport.WEAK: (1, 2),
    CoreSupport.NONE: (0, 0),
}
