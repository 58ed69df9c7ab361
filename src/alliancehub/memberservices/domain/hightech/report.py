"""``assess``: the whole pre-assessment, one result per condition of 32号 第十一条.

Pure: no database, no clock (``on`` and ``today`` come from the caller). The overall verdict
passes only when every condition passes; any failure fails it; otherwise a condition that
cannot be judged makes it "cannot be judged", and one at risk makes it "at risk".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from .enums import FigureKind, Verdict
from .facts import Facts
from .ratios import high_tech_revenue, rd_in_china, rd_intensity, sci_tech_staff
from .results import Figure, RuleResult, overall
from .rules import GUIDELINES, MEASURES, ip_ownership, no_major_incident, registration, tech_field
from .scoring import InnovationScore, innovation_score
from .validation import validate

#: 195号 三（七）: "综合得分达到70分以上（不含70分）为符合认定要求" — strictly above 70.
PASS_MARK = 70


@dataclass(frozen=True)
class Report:
    on: date
    verdict: Verdict
    rules: tuple[RuleResult, ...]  # in the order of 第十一条
    score: InnovationScore

    def rule(self, code: str) -> RuleResult:
        return next(rule for rule in self.rules if rule.code == code)


def score_verdict(low: Decimal | int, high: Decimal | int) -> Verdict:
    """Above 70 at worst passes, 70 or less at best fails, a range across 70 is at risk.

    Takes decimals too: the panel's score is the average of its experts' whole-point scores
    (195号 二（四）), so 70.5 passes.
    """
    if low > PASS_MARK:
        return Verdict.PASS
    if high <= PASS_MARK:
        return Verdict.FAIL
    return Verdict.AT_RISK


def innovation_rule(score: InnovationScore) -> RuleResult:
    """32号 第十一条（七）; 195号 三（七）."""
    low, high = score.points
    verdict = score_verdict(low, high)
    rooms = sorted(
        (item for part in score.parts for item in part.items if item.room > 0),
        key=lambda item: -item.room,
    )[:3]
    room = "; ".join(f"{item.title} (+{item.room})" for item in rooms)
    advice = {
        Verdict.FAIL: _(
            "The score reaches {high} at best; more than 70 is required. Most room: {room}."
        ),
        Verdict.AT_RISK: _(
            "The score passes only if the experts give more than 70. Most room: {room}."
        ),
    }.get(verdict, "").format(high=high, room=room)
    return RuleResult(
        code="innovation_score",
        title=_("Innovation capability score above 70"),
        citation=f"{MEASURES} 第十一条（七）；{GUIDELINES} 三（七）",
        verdict=verdict,
        met=None if verdict == Verdict.AT_RISK else verdict == Verdict.PASS,
        reason=_(
            "The expected score lies between {low} and {high} of 100; more than 70 is required."
        ).format(low=low, high=high),
        advice=advice,
        figures=(
            Figure(_("Lowest expected score"), Decimal(low), FigureKind.POINTS),
            Figure(_("Highest expected score"), Decimal(high), FigureKind.POINTS),
            Figure(_("Score required (more than)"), Decimal(PASS_MARK), FigureKind.POINTS),
        ),
    )


def assess(facts: Facts, *, on: date, today: date | None = None) -> Report:
    """Judge ``facts`` for an application on ``on``.

    Raises ``ValidationError`` (field → messages) when a fact is missing or impossible;
    otherwise never raises: a share over a zero figure is "cannot be judged".
    """
    validate(facts, on=on, today=today)
    score = innovation_score(facts)
    rules = (
        registration(facts, on),  # （一）
        ip_ownership(facts),  # （二）
        tech_field(facts),  # （三）
        sci_tech_staff(facts),  # （四）
        rd_intensity(facts),  # （五）
        rd_in_china(facts),  # （五）其中
        high_tech_revenue(facts),  # （六）
        innovation_rule(score),  # （七）
        no_major_incident(facts, on),  # （八）
    )
    return Report(
        on=on, verdict=overall([rule.verdict for rule in rules]), rules=rules, score=score
    )
