"""The roadshow's ranking, normalised per judge so a strict judge and a lenient one weigh alike.

1. Each judge's **weighted total** for a pitch: ``x = Σ wᵢ·sᵢ / Σ wᵢ`` over the rubric's
   criteria (weights are divided by their sum, so they need not add up to 1).
2. Each judge's totals become **z-scores** over the pitches that judge scored:
   ``z = (x − mean_j) / sd_j`` with the *population* standard deviation ``sd_j``. A judge who
   scored a single pitch, or gave every pitch the same total (``sd_j = 0``), contributes 0.
3. A pitch's **normalised score** is the mean of its judges' z-scores; pitches are ranked by
   it (highest first), then by the **raw mean** of their weighted totals, shown beside it.
   A pitch nobody scored comes last, without a score.

Only complete scorecards count (one score per criterion; ``judging.submit_scores`` accepts no
other), from judges without a conflict of interest.
"""

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..models import Criterion, JudgeAssignment, Pitch, Roadshow


def weighted_total(scores: Mapping[int, Decimal], criteria: list[Criterion]) -> Decimal | None:
    """``Σ wᵢ·sᵢ / Σ wᵢ`` over ``criteria`` (criterion id → score), or ``None`` when a
    criterion has no score."""
    if not criteria or any(criterion.pk not in scores for criterion in criteria):
        return None
    weights = sum((criterion.weight for criterion in criteria), Decimal(0))
    weighted = sum((criterion.weight * scores[criterion.pk] for criterion in criteria), Decimal(0))
    return weighted / weights


def z_scores(totals: Mapping[int, Decimal]) -> dict[int, float]:
    """One judge's totals (pitch id → total) as z-scores with the population standard
    deviation; all 0 for a single pitch or identical totals."""
    values = [float(total) for total in totals.values()]
    if len(values) < 2:
        return dict.fromkeys(totals, 0.0)
    mean = sum(values) / len(values)
    deviation = math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))
    if deviation == 0:
        return dict.fromkeys(totals, 0.0)
    return {pitch: (float(total) - mean) / deviation for pitch, total in totals.items()}


@dataclass(frozen=True)
class RankedPitch:
    rank: int
    pitch: Pitch
    normalised: float | None  # mean of the judges' z-scores
    raw_mean: Decimal | None  # mean of the judges' weighted totals
    judges: int  # complete scorecards counted


def judge_totals(roadshow: Roadshow) -> dict[int, dict[int, Decimal]]:
    """Judge id → pitch id → weighted total, for every complete scorecard of ``roadshow``."""
    criteria = list(roadshow.criteria.all())
    assignments = JudgeAssignment.objects.filter(
        pitch__roadshow=roadshow, conflict_declared_at__isnull=True, scored_at__isnull=False
    ).prefetch_related("scores")
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for assignment in assignments:
        scores = {score.criterion_id: score.value for score in assignment.scores.all()}
        total = weighted_total(scores, criteria)
        if total is not None:
            totals[assignment.judge_id][assignment.pitch_id] = total
    return dict(totals)


def ranking(roadshow: Roadshow) -> list[RankedPitch]:
    """Every pitch of the roadshow with its rank, normalised score and raw mean (see the
    module's docstring). Equal normalised scores and raw means share a rank."""
    z_by_pitch: dict[int, list[float]] = defaultdict(list)
    raw_by_pitch: dict[int, list[Decimal]] = defaultdict(list)
    for totals in judge_totals(roadshow).values():
        for pitch_id, z in z_scores(totals).items():
            z_by_pitch[pitch_id].append(z)
            raw_by_pitch[pitch_id].append(totals[pitch_id])
    rows = []
    for pitch in roadshow.pitches.select_related("project", "project__organization"):
        zs, raws = z_by_pitch.get(pitch.pk, []), raw_by_pitch.get(pitch.pk, [])
        normalised = sum(zs) / len(zs) if zs else None
        raw_mean = sum(raws, Decimal(0)) / len(raws) if raws else None
        rows.append((pitch, normalised, raw_mean, len(raws)))
    rows.sort(key=lambda row: (row[1] is None, -(row[1] or 0.0), -(row[2] or 0), row[0].order))
    ranked: list[RankedPitch] = []
    for position, (pitch, normalised, raw_mean, judges) in enumerate(rows, start=1):
        previous = ranked[-1] if ranked else None
        tied = (
            previous is not None
            and normalised is not None
            and (
                math.isclose(previous.normalised or 0.0, normalised, abs_tol=1e-9)
                and previous.raw_mean == raw_mean
            )
        )
        rank = previous.rank if tied and previous else position
        ranked.append(RankedPitch(rank, pitch, normalised, raw_mean, judges))
    return ranked
