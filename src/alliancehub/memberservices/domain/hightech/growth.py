"""企业成长性: net-asset and sales-revenue growth, 国科发火〔2016〕195号 三（七）4.

rate = ½ × (year 2 ÷ year 1 + year 3 ÷ year 2) − 1, scored by the table below, each ≤10.
The guideline's special cases: a negative rate scores 0; a zero first-year figure leaves the
last two years (year 3 ÷ year 2 − 1); a zero second-year figure scores 0. A company in
business for less than three years is measured over its actual period
(实际经营期不满三年的按实际经营时间计算): with two years the rate is year 2 ÷ year 1 − 1
(our reading: the text gives no formula), with one year there is no growth to measure.
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

Points = tuple[int, int]

#: ≥35% A 9-10; ≥25% B 7-8; ≥15% C 5-6; ≥5% D 3-4; >0 E 1-2; ≤0 F 0.
GROWTH_BANDS: tuple[tuple[Fraction, Points], ...] = (
    (Fraction(35, 100), (9, 10)),
    (Fraction(25, 100), (7, 8)),
    (Fraction(15, 100), (5, 6)),
    (Fraction(5, 100), (3, 4)),
)


def growth_rate(values: Sequence[Decimal]) -> tuple[Fraction | None, str]:
    """The rate over the fiscal years (oldest first) and a note on how it was computed;
    ``None`` when the guideline scores the item 0 without a rate."""
    figures = [Fraction(value) for value in values]
    if len(figures) == 3:
        first, second, third = figures
        if second == 0:
            return None, _("The second year's figure is zero: the guideline scores 0.")
        if first == 0:
            note = _("The first year's figure is zero: the last two years count.")
            return third / second - 1, _join(note, _negative_note(second))
        return (second / first + third / second) / 2 - 1, _negative_note(first, second)
    if len(figures) == 2:
        first, second = figures
        if first == 0:
            return None, _("The first year's figure is zero and there is no third year: scored 0.")
        note = _("Two years in business: growth from the first to the second.")
        return second / first - 1, _join(note, _negative_note(first))
    return None, _("One year in business: there is no growth to measure; scored 0.")


def _negative_note(*denominators: Fraction) -> str:
    if any(value < 0 for value in denominators):
        return _("A negative figure turns the ratio around; the experts may read it otherwise.")
    return ""


def _join(*notes: str) -> str:
    return " ".join(note for note in notes if note)


def growth_points(rate: Fraction | None) -> Points:
    if rate is None:
        return 0, 0
    for least, points in GROWTH_BANDS:
        if rate >= least:
            return points
    return (1, 2) if rate > 0 else (0, 0)
