"""The conditions of 国科发火〔2016〕32号 第十一条, except (七) the score (see ``scoring``).

Each function takes validated facts and returns one ``RuleResult``; none raises on a zero
figure: a share whose whole is zero "cannot be judged", with the reason.
"""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import CoreSupport, FigureKind, TechField, Verdict
from .facts import Facts
from .results import (
    AT_RISK_MARGIN,
    Figure,
    RuleResult,
    increase_needed,
    percent,
    share_verdict,
    to_decimal,
    whole_up,
    yuan,
)

MEASURES = "国科发火〔2016〕32号"
GUIDELINES = "国科发火〔2016〕195号"

#: 195号 三（一）: "注册成立一年以上" means 365 calendar days or more, whatever the leap years.
REGISTRATION_DAYS = 365
#: 195号 三（一）: "申请认定前一年内" means the 365 days before the application.
INCIDENT_WINDOW_DAYS = 365
SCI_TECH_SHARE = Fraction(10, 100)  # 32号 第十一条（四）不低于10%
IP_BACKED_SHARE = Fraction(50, 100)  # 195号 三（三）超过50%
RD_IN_CHINA_SHARE = Fraction(60, 100)  # 32号 第十一条（五）不低于60%
HIGH_TECH_SHARE = Fraction(60, 100)  # 32号 第十一条（六）不低于60%
#: 32号 第十一条（五）: last year's sales 小于5,000万元（含）→ 5 %; 5,000万元至2亿元（含）→ 4 %;
#: 2亿元以上 → 3 %. "（含）" puts exactly 50,000,000 in the first band, 200,000,000 in the second.
RD_BANDS = ((Decimal(50_000_000), Fraction(5, 100)), (Decimal(200_000_000), Fraction(4, 100)))
RD_TOP_SHARE = Fraction(3, 100)


def advice_target(threshold: Fraction, verdict: Verdict) -> Fraction:
    """Where advice aims: the threshold when failing, out of the margin when at risk."""
    return threshold if verdict == Verdict.FAIL else threshold * (1 + AT_RISK_MARGIN)


def _share(label: str, part: Fraction, whole: Fraction) -> Figure:
    return Figure(label, to_decimal(part / whole), FigureKind.SHARE)


def registration(facts: Facts, on: date) -> RuleResult:
    """32号 第十一条（一）; 195号 三（一）: registered 365 calendar days or more."""
    days = (on - facts.registered_on).days
    met = days >= REGISTRATION_DAYS
    earliest = facts.registered_on + timedelta(days=REGISTRATION_DAYS)
    return RuleResult(
        code="registration",
        title=_("Registered for at least one year"),
        citation=f"{MEASURES} 第十一条（一）；{GUIDELINES} 三（一）",
        verdict=Verdict.PASS if met else Verdict.FAIL,
        met=met,
        reason=_(
            "Registered {days} days before the assessment date; 365 or more are required."
        ).format(days=days),
        advice="" if met else _("Apply on or after {date}.").format(date=earliest.isoformat()),
        figures=(
            Figure(_("Days registered"), Decimal(days), FigureKind.DAYS),
            Figure(_("Days required"), Decimal(REGISTRATION_DAYS), FigureKind.DAYS),
        ),
    )


def ip_ownership(facts: Facts) -> RuleResult:
    """32号 第十一条（二）; 195号 三（二）2 (no IP, no recognition) and 三（三） (main products:
    high-tech products backed by own core IP, more than 50 % of high-tech revenue)."""
    ip, high_tech = facts.ip, Fraction(facts.high_tech_revenue)
    backed = Fraction(facts.ip_backed_revenue)
    counts = (
        Figure(_("Class I items"), Decimal(ip.class_one), FigureKind.COUNT),
        Figure(_("Class II items"), Decimal(ip.class_two), FigureKind.COUNT),
    )

    def done(
        verdict: Verdict, reason: str, advice: str, figures: tuple[Figure, ...] = counts
    ) -> RuleResult:
        met = None if verdict == Verdict.CANNOT_JUDGE else verdict != Verdict.FAIL
        return RuleResult(
            code="ip_ownership",
            title=_("Owns the core IP of its main products"),
            citation=f"{MEASURES} 第十一条（二）；{GUIDELINES} 三（二）、三（三）",
            verdict=verdict,
            met=met,
            reason=reason,
            advice=advice,
            figures=figures,
        )

    if ip.items == 0:
        return done(
            Verdict.FAIL,
            _(
                "The company owns no IP item that counts: granted in China, in force and owned by the company."
            ),
            _(
                "Obtain at least one item — an invention patent (class I) or a utility model, design or software copyright (class II) — that supports the main products."
            ),
        )
    if ip.core_support == CoreSupport.NONE:
        return done(
            Verdict.FAIL,
            _("The IP gives no core technical support to the main products."),
            _("The IP must carry the key technology of the main products."),
        )
    if high_tech == 0:
        return done(
            Verdict.CANNOT_JUDGE,
            _("There is no high-tech revenue, so the main products cannot be identified."),
            _("Enter the high-tech revenue of the last fiscal year."),
        )
    verdict = share_verdict(backed, high_tech, IP_BACKED_SHARE, strict=True)
    more = increase_needed(
        backed, high_tech, advice_target(IP_BACKED_SHARE, verdict), grows_whole=True
    )
    amount = int(more) + 1 if verdict == Verdict.FAIL else whole_up(more)  # strictly more than
    advice = {
        Verdict.FAIL: _(
            "{amount} yuan more revenue from products backed by own IP would pass half of high-tech revenue."
        ),
        Verdict.AT_RISK: _(
            "{amount} yuan more revenue from products backed by own IP would give a 10 % margin."
        ),
    }.get(verdict, "").format(amount=yuan(amount))
    return done(
        verdict,
        _(
            "Products backed by own core IP bring {share} of high-tech revenue; more than half is required."
        ).format(share=percent(backed / high_tech)),
        advice,
        (
            *counts,
            _share(_("Share of high-tech revenue backed by own IP"), backed, high_tech),
            Figure(_("Share required (more than)"), to_decimal(IP_BACKED_SHARE), FigureKind.SHARE),
        ),
    )


def tech_field(facts: Facts) -> RuleResult:
    """32号 第十一条（三） and its annex, the eight supported fields."""
    met = facts.tech_field is not None
    label = TechField(facts.tech_field).label if facts.tech_field is not None else ""
    return RuleResult(
        code="tech_field",
        title=_("Technology in a supported high-tech field"),
        citation=f"{MEASURES} 第十一条（三）、附件《国家重点支持的高新技术领域》",
        verdict=Verdict.PASS if met else Verdict.FAIL,
        met=met,
        reason=_("The core technology belongs to the field “{field}”.").format(field=label)
        if met
        else _("The core technology belongs to none of the eight supported fields."),
        advice=""
        if met
        else _(
            "Only products whose core technology lies in one of the eight fields of the catalogue count."
        ),
    )


def no_major_incident(facts: Facts, on: date) -> RuleResult:
    """32号 第十一条（八）; 195号 三（一）: no incident in the 365 days before the application."""
    recent = sorted(
        incident.occurred_on
        for incident in facts.incidents
        if (on - incident.occurred_on).days <= INCIDENT_WINDOW_DAYS
    )
    met = not recent
    advice = ""
    if recent:
        clear = recent[-1] + timedelta(days=INCIDENT_WINDOW_DAYS + 1)
        advice = _(
            "Apply on or after {date}, when the last incident is more than a year old."
        ).format(date=clear.isoformat())
    reason = (
        _(
            "No major safety or quality accident and no serious environmental violation in the year before the application."
        )
        if met
        else ngettext(
            "{count} incident in the year before the application (the last on {date}).",
            "{count} incidents in the year before the application (the last on {date}).",
            len(recent),
        ).format(count=len(recent), date=recent[-1].isoformat())
    )
    return RuleResult(
        code="no_major_incident",
        title=_("No major accident or environmental violation"),
        citation=f"{MEASURES} 第十一条（八）；{GUIDELINES} 三（一）",
        verdict=Verdict.PASS if met else Verdict.FAIL,
        met=met,
        reason=reason,
        advice=advice,
        figures=(
            Figure(_("Incidents in the year before"), Decimal(len(recent)), FigureKind.COUNT),
        ),
    )
