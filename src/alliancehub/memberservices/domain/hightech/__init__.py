"""High-tech-enterprise (高新技术企业) pre-assessment: pure functions, no database.

Implements the conditions of the Administrative Measures for the Recognition of High-tech
Enterprises (国科发火〔2016〕32号, 第十一条) as read with the Work Guidelines
(国科发火〔2016〕195号, 三 认定条件). ``assess(facts, on=...)`` is the entry point.
"""

from .enums import (
    Advancement,
    CoreSupport,
    FigureKind,
    Fulfilment,
    IncidentKind,
    TechField,
    Verdict,
)
from .facts import (
    Facts,
    FiscalYear,
    Incident,
    IntellectualProperty,
    Person,
    RdManagement,
    Staff,
    annual_monthly_average,
    expected_fiscal_years,
    staff_from_people,
)
from .report import Report, assess, score_verdict
from .results import AT_RISK_MARGIN, Figure, RuleResult
from .scoring import InnovationScore, ScoreItem, ScorePart
from .validation import validate

__all__ = [
    "AT_RISK_MARGIN",
    "Advancement",
    "CoreSupport",
    "Facts",
    "Figure",
    "FigureKind",
    "FiscalYear",
    "Fulfilment",
    "Incident",
    "IncidentKind",
    "InnovationScore",
    "IntellectualProperty",
    "Person",
    "RdManagement",
    "Report",
    "RuleResult",
    "ScoreItem",
    "ScorePart",
    "Staff",
    "TechField",
    "Verdict",
    "annual_monthly_average",
    "assess",
    "expected_fiscal_years",
    "score_verdict",
    "staff_from_people",
    "validate",
]
