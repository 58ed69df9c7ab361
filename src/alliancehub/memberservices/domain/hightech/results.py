"""What the pre-assessment hands back: one ``RuleResult`` per condition, with its figures.

Ratios are compared as exact fractions (``Fraction`` of the ``Decimal`` inputs), so a share of
exactly 5 % meets "不低于5%" however the division would round. ``at_risk`` means the condition
is met by less than ``AT_RISK_MARGIN`` of its threshold (10.5 % staff against 10 % is at risk,
11 % passes); advice then says what would lift it out of the margin.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from math import ceil

from .enums import FigureKind, Verdict

#: A condition met by less than this share of its threshold is ``at_risk``.
AT_RISK_MARGIN = Fraction(1, 10)


@dataclass(frozen=True)
class Figure:
    """A number behind a verdict; a ``share`` is a fraction (``Decimal("0.05")`` = 5 %)."""

    label: str
    value: Decimal | None  # None: could not be computed
    kind: FigureKind

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.kind == FigureKind.SHARE:
            return percent(Fraction(self.value))
        if self.kind == FigureKind.AMOUNT:
            return yuan(self.value)
        if self.kind == FigureKind.YEAR:
            return str(self.value)
        return _plain(self.value)


@dataclass(frozen=True)
class RuleResult:
    code: str  # stable id, e.g. "rd_intensity"
    title: str
    citation: str
    verdict: Verdict
    met: bool | None  # the condition as written holds (None: unknown — no figure, or a score
    # range across the pass mark)
    reason: str
    advice: str = ""  # what would change the verdict; empty when there is nothing to do
    figures: tuple[Figure, ...] = field(default_factory=tuple)

    def figure(self, label: str) -> Figure:
        return next(figure for figure in self.figures if figure.label == label)


def to_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def percent(share: Fraction) -> str:
    """``Fraction(499, 10000)`` → ``"4.99 %"``; rounded down, so a failing share never
    reads as its threshold."""
    value = to_decimal(share * 100).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    return f"{_plain(value)} %"


def yuan(amount: Decimal | Fraction | int) -> str:
    """``1234000`` → ``"1,234,000"``; cents only when there are any."""
    value = to_decimal(amount) if isinstance(amount, Fraction) else Decimal(amount)
    value = value.quantize(Decimal("0.01"))
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def whole_up(value: Fraction) -> int:
    return max(ceil(value), 0)


def increase_needed(
    part: Fraction, whole: Fraction, target: Fraction, *, grows_whole: bool
) -> Fraction:
    """Smallest ``x ≥ 0`` with ``(part + x) / (whole + x·grows_whole) ≥ target``.

    ``grows_whole``: what is added also adds to the whole (a new hire is an employee too,
    new high-tech sales are revenue too); otherwise it only moves the part (R&D spent).
    """
    missing = target * whole - part
    if grows_whole:
        missing /= 1 - target
    return max(missing, Fraction(0))


def share_verdict(
    part: Fraction, whole: Fraction, threshold: Fraction, *, strict: bool = False
) -> Verdict:
    """``part / whole`` against "不低于 threshold" (or "超过" when ``strict``); ``whole > 0``."""
    met = part > threshold * whole if strict else part >= threshold * whole
    if not met:
        return Verdict.FAIL
    comfortable = part >= threshold * (1 + AT_RISK_MARGIN) * whole
    return Verdict.PASS if comfortable else Verdict.AT_RISK


def overall(verdicts: list[Verdict]) -> Verdict:
    """Pass only if every rule passes; any fail fails; an unknown beats a risk."""
    for verdict in (Verdict.FAIL, Verdict.CANNOT_JUDGE, Verdict.AT_RISK):
        if verdict in verdicts:
            return verdict
    return Verdict.PASS
