"""The share conditions of 国科发火〔2016〕32号 第十一条（四）（五）（六）.

Each share is ``part / whole`` against a threshold. A zero whole "cannot be judged". Advice
says how much would reach the threshold (when failing) or clear the 10 % margin (when at
risk): new S&T staff and new high-tech sales also add to the whole, R&D spending does not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import FigureKind, Verdict
from .facts import Facts
from .results import (
    Figure,
    RuleResult,
    increase_needed,
    percent,
    share_verdict,
    to_decimal,
    whole_up,
    yuan,
)
from .rules import (
    GUIDELINES,
    HIGH_TECH_SHARE,
    MEASURES,
    RD_BANDS,
    RD_IN_CHINA_SHARE,
    RD_TOP_SHARE,
    SCI_TECH_SHARE,
    advice_target,
)


@dataclass(frozen=True)
class _Share:
    code: str
    title: str
    citation: str
    part: Fraction
    whole: Fraction
    threshold: Fraction
    grows_whole: bool  # what is added to the part adds to the whole too


def _judge(
    share: _Share,
    *,
    reason: str,
    advise: Callable[[Verdict, int], str],
    figures: tuple[Figure, ...],
    zero: tuple[str, str],
    names: dict[str, str] | None = None,
) -> RuleResult:
    """``reason`` is formatted with ``{share}``, ``{threshold}`` and ``names``; ``advise`` gets
    the verdict and the amount rounded up to whole yuan or persons."""
    if share.whole == 0:
        return RuleResult(
            share.code,
            share.title,
            share.citation,
            Verdict.CANNOT_JUDGE,
            met=None,
            reason=zero[0],
            advice=zero[1],
            figures=figures,
        )
    verdict = share_verdict(share.part, share.whole, share.threshold)
    ratio = share.part / share.whole
    more = increase_needed(
        share.part,
        share.whole,
        advice_target(share.threshold, verdict),
        grows_whole=share.grows_whole,
    )
    figures = (
        *figures,
        Figure(_("Share"), to_decimal(ratio), FigureKind.SHARE),
        Figure(_("Share required"), to_decimal(share.threshold), FigureKind.SHARE),
    )
    return RuleResult(
        share.code,
        share.title,
        share.citation,
        verdict,
        met=verdict != Verdict.FAIL,
        reason=reason.format(
            share=percent(ratio), threshold=percent(share.threshold), **(names or {})
        ),
        advice="" if verdict == Verdict.PASS else advise(verdict, whole_up(more)),
        figures=figures,
    )


def sci_tech_staff(facts: Facts) -> RuleResult:
    """32号 第十一条（四）; 195号 三（五）: S&T staff ≥ 10 % of the year's employees."""
    staff = facts.staff
    share = _Share(
        "sci_tech_staff",
        _("Science and technology staff at least 10 %"),
        f"{MEASURES} 第十一条（四）；{GUIDELINES} 三（五）",
        Fraction(staff.sci_tech),
        Fraction(staff.employees),
        SCI_TECH_SHARE,
        True,
    )

    def advise(verdict: Verdict, count: int) -> str:
        if verdict == Verdict.FAIL:
            return ngettext(
                "{count} more science and technology staff member (183 days or more in the year) would reach 10 %.",
                "{count} more science and technology staff (183 days or more in the year) would reach 10 %.",
                count,
            ).format(count=count)
        return ngettext(
            "{count} more science and technology staff member would give a 10 % margin.",
            "{count} more science and technology staff would give a 10 % margin.",
            count,
        ).format(count=count)

    return _judge(
        share,
        advise=advise,
        reason=_(
            "Science and technology staff are {share} of the employees; at least {threshold} is required."
        ),
        figures=(
            Figure(_("Science and technology staff"), Decimal(staff.sci_tech), FigureKind.COUNT),
            Figure(_("Employees"), staff.employees, FigureKind.COUNT),
        ),
        zero=(
            _(
                "The company had no employees in the last fiscal year: the share cannot be computed."
            ),
            _("Enter the employees as annual monthly averages."),
        ),
    )


def rd_threshold(last_sales: Decimal) -> Fraction:
    """32号 第十一条（五）1–3, by the last fiscal year's sales revenue."""
    for ceiling, share in RD_BANDS:
        if last_sales <= ceiling:
            return share
    return RD_TOP_SHARE


def rd_intensity(facts: Facts) -> RuleResult:
    """32号 第十一条（五）; 195号 三（六）: R&D ÷ sales revenue over the same fiscal years."""
    years = facts.years
    rd = sum((Fraction(year.rd_expenses) for year in years), Fraction(0))
    sales = sum((Fraction(year.sales_revenue) for year in years), Fraction(0))
    last_sales = years[-1].sales_revenue
    span = f"{years[0].year}–{years[-1].year}"
    share = _Share(
        "rd_intensity",
        _("R&D expenses as a share of sales revenue"),
        f"{MEASURES} 第十一条（五）；{GUIDELINES} 三（六）",
        rd,
        sales,
        rd_threshold(last_sales),
        False,
    )

    def advise(verdict: Verdict, amount: int) -> str:
        text = (
            _("{amount} yuan more R&D expenses over {years} would reach {threshold}.")
            if verdict == Verdict.FAIL
            else _(
                "{amount} yuan more R&D expenses over {years} would give a 10 % margin above {threshold}."
            )
        )
        return text.format(amount=yuan(amount), years=span, threshold=percent(share.threshold))

    return _judge(
        share,
        advise=advise,
        reason=_(
            "R&D expenses are {share} of sales revenue over {years}; at least {threshold} is required, as the last year's sales revenue was {sales} yuan."
        ),
        names={"years": span, "sales": yuan(last_sales)},
        figures=(
            Figure(_("R&D expenses"), to_decimal(rd), FigureKind.AMOUNT),
            Figure(_("Sales revenue"), to_decimal(sales), FigureKind.AMOUNT),
            Figure(_("Last year's sales revenue"), last_sales, FigureKind.AMOUNT),
        ),
        zero=(
            _("Sales revenue over {years} is zero: the R&D share cannot be computed.").format(
                years=span
            ),
            _("The R&D share is judged once the company has sales revenue."),
        ),
    )


def rd_in_china(facts: Facts) -> RuleResult:
    """32号 第十一条（五）"其中…不低于60%"; 195号 三（六）3: R&D spent in China."""
    rd = sum((Fraction(year.rd_expenses) for year in facts.years), Fraction(0))
    china = sum((Fraction(year.rd_expenses_in_china) for year in facts.years), Fraction(0))
    share = _Share(
        "rd_in_china",
        _("R&D expenses spent in China at least 60 %"),
        f"{MEASURES} 第十一条（五）；{GUIDELINES} 三（六）3",
        china,
        rd,
        RD_IN_CHINA_SHARE,
        False,
    )

    def advise(verdict: Verdict, amount: int) -> str:
        text = (
            _("Moving {amount} yuan of R&D from abroad to China would reach 60 %.")
            if verdict == Verdict.FAIL
            else _("Moving {amount} yuan of R&D from abroad to China would give a 10 % margin.")
        )
        return text.format(amount=yuan(amount))

    return _judge(
        share,
        advise=advise,
        reason=_(
            "{share} of the R&D expenses were spent in China; at least {threshold} is required."
        ),
        figures=(
            Figure(_("R&D expenses in China"), to_decimal(china), FigureKind.AMOUNT),
            Figure(_("R&D expenses"), to_decimal(rd), FigureKind.AMOUNT),
        ),
        zero=(
            _("There are no R&D expenses: the share spent in China cannot be computed."),
            _("Enter the R&D expenses of the fiscal years."),
        ),
    )


def high_tech_revenue(facts: Facts) -> RuleResult:
    """32号 第十一条（六）; 195号 三（四）: high-tech revenue ≥ 60 % of total revenue."""
    year = facts.years[-1].year
    share = _Share(
        "high_tech_revenue",
        _("High-tech revenue at least 60 % of total revenue"),
        f"{MEASURES} 第十一条（六）；{GUIDELINES} 三（四）",
        Fraction(facts.high_tech_revenue),
        Fraction(facts.total_revenue),
        HIGH_TECH_SHARE,
        True,
    )

    def advise(verdict: Verdict, amount: int) -> str:
        text = (
            _("{amount} yuan more high-tech revenue would reach 60 %.")
            if verdict == Verdict.FAIL
            else _("{amount} yuan more high-tech revenue would give a 10 % margin.")
        )
        return text.format(amount=yuan(amount))

    return _judge(
        share,
        advise=advise,
        reason=_(
            "High-tech products and services brought {share} of total revenue in {year}; at least {threshold} is required."
        ),
        names={"year": str(year)},
        figures=(
            Figure(_("High-tech revenue"), facts.high_tech_revenue, FigureKind.AMOUNT),
            Figure(_("Total revenue"), facts.total_revenue, FigureKind.AMOUNT),
        ),
        zero=(
            _("Total revenue of {year} is zero: the high-tech share cannot be computed.").format(
                year=year
            ),
            _("The high-tech share is judged once the company has revenue."),
        ),
    )
