"""Judging: the rubric's weighted totals, per-judge normalisation, what a judge may see and do."""

import math
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import judging, roadshow
from alliancehub.events.domain.ranking import ranking, weighted_total, z_scores
from alliancehub.events.models import JudgeAssignment, Score
from tests.factories import UserFactory
from tests.factories.events import build_roadshow

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    """Rubric: 技术创新 weight 2, 市场前景 weight 1, both 1–10; three pitches, two judges."""
    return build_roadshow(pitches=3, judges=2)


def expert_of(setup, username: str):
    """A user with the expert role in the roadshow's alliance (whom a pitch may be given)."""
    user = UserFactory(username=username)
    AllianceRole.objects.create(user=user, alliance=setup.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    return user


def score(setup, judge, pitch, innovation, market, feedback=""):
    first, second = setup.criteria
    return judging.submit_scores(pitch, {first.pk: innovation, second: market}, actor=judge,
                                 source=WEB, feedback=feedback)  # fmt: skip


# The ranking, on an example worked out by hand


def test_the_ranking_normalises_each_judge_by_z_score(setup):
    p1, p2, p3 = setup.pitches
    strict, lenient = setup.judges
    # Weighted totals (2·innovation + market) / 3:
    score(setup, strict, p1, 8, 5)  # 21/3 = 7
    score(setup, strict, p2, 5, 8)  # 18/3 = 6
    score(setup, strict, p3, 2, 2)  # 6/3 = 2
    score(setup, lenient, p1, 10, 7)  # 27/3 = 9
    score(setup, lenient, p2, 10, 10)  # 30/3 = 10
    score(setup, lenient, p3, 8, 8)  # 24/3 = 8
    # A third judge scored only p3: a single pitch contributes z = 0.
    third = expert_of(setup, "third-judge")
    judging.assign_judge(p3, third, actor=setup.secretariat, source=WEB)
    score(setup, third, p3, 10, 10)  # 10

    # Strict judge: mean 5, population sd √((2² + 1² + 3²)/3) = √(14/3).
    sd_strict = math.sqrt(14 / 3)
    z_strict = {p1: 2 / sd_strict, p2: 1 / sd_strict, p3: -3 / sd_strict}
    # Lenient judge: mean 9, sd √((0² + 1² + 1²)/3) = √(2/3).
    sd_lenient = math.sqrt(2 / 3)
    z_lenient = {p1: 0.0, p2: 1 / sd_lenient, p3: -1 / sd_lenient}
    expected = {
        p1: (z_strict[p1] + z_lenient[p1]) / 2,  # ≈ 0.463
        p2: (z_strict[p2] + z_lenient[p2]) / 2,  # ≈ 0.844
        p3: (z_strict[p3] + z_lenient[p3] + 0.0) / 3,  # ≈ -0.871
    }

    ranked = ranking(setup.roadshow)

    assert [row.pitch for row in ranked] == [p2, p1, p3]
    assert [row.rank for row in ranked] == [1, 2, 3]
    for row in ranked:
        assert row.normalised == pytest.approx(expected[row.pitch])
    # The raw means: p1 and p2 tie at 8, the normalisation decides between them.
    assert {row.pitch: row.raw_mean for row in ranked} == {
        p1: Decimal(8), p2: Decimal(8), p3: pytest.approx(Decimal(20) / 3)}  # fmt: skip
    assert [row.judges for row in ranked] == [2, 2, 3]


def test_weights_are_divided_by_their_sum(setup):
    first, second = setup.criteria  # weights 2 and 1

    assert weighted_total({first.pk: Decimal(9), second.pk: Decimal(3)}, setup.criteria) == 7
    assert weighted_total({first.pk: Decimal(9)}, setup.criteria) is None


def test_a_judge_giving_every_pitch_the_same_total_contributes_zero():
    assert z_scores({1: Decimal(7), 2: Decimal(7)}) == {1: 0.0, 2: 0.0}
    assert z_scores({1: Decimal(7)}) == {1: 0.0}


def test_a_pitch_nobody_scored_comes_last_without_a_score(setup):
    p2 = setup.pitches[1]
    score(setup, setup.judges[0], p2, 5, 5)

    ranked = ranking(setup.roadshow)

    assert ranked[0].pitch == p2
    assert ranked[0].normalised == 0.0
    assert [(row.normalised, row.raw_mean) for row in ranked[1:]] == [(None, None)] * 2


# Scores within the scale


def test_a_score_outside_its_scale_is_refused_and_nothing_is_saved(setup):
    first, second = setup.criteria
    judge, pitch = setup.judges[0], setup.pitches[0]

    with pytest.raises(ValidationError) as refusal:
        judging.submit_scores(pitch, {first: 11, second: 5}, actor=judge, source=WEB,
                              feedback="很好")  # fmt: skip

    assert refusal.value.message_dict == {f"criterion_{first.pk}": ["Score between 1 and 10."]}
    assert not Score.objects.exists()
    assert JudgeAssignment.objects.get(pitch=pitch, judge=judge).feedback == ""


@pytest.mark.parametrize("value", ["0", "-1", "10.01", "abc", "7.555", ""])
def test_scores_must_be_numbers_within_the_scale_with_two_decimals(setup, value):
    first, second = setup.criteria

    with pytest.raises(ValidationError):
        judging.submit_scores(setup.pitches[0], {first: value, second: 5},
                              actor=setup.judges[0], source=WEB)  # fmt: skip

    assert not Score.objects.exists()


def test_every_criterion_must_be_scored(setup):
    first, _second = setup.criteria

    with pytest.raises(ValidationError):
        judging.submit_scores(setup.pitches[0], {first: 5}, actor=setup.judges[0], source=WEB)


def test_scoring_again_replaces_the_earlier_scores(setup):
    judge, pitch = setup.judges[0], setup.pitches[0]
    score(setup, judge, pitch, 5, 5)

    score(setup, judge, pitch, 7, 6.5, feedback="市场分析需要补充")

    assert sorted(Score.objects.values_list("value", flat=True)) == [Decimal("6.5"), Decimal(7)]
    assert JudgeAssignment.objects.get(pitch=pitch, judge=judge).feedback == "市场分析需要补充"


def test_the_rubric_is_frozen_once_scoring_starts(setup):
    score(setup, setup.judges[0], setup.pitches[0], 5, 5)

    with pytest.raises(ValidationError):
        roadshow.add_criterion(setup.roadshow, name="团队", actor=None, source=WEB)


# What a judge may see and do


def test_a_judge_gets_only_the_pitches_assigned_to_them(setup):
    p1, p2, _p3 = setup.pitches
    newcomer = expert_of(setup, "newcomer")
    judging.assign_judge(p2, newcomer, actor=setup.secretariat, source=WEB)

    assert list(judging.pitches_for_judge(setup.roadshow, newcomer)) == [p2]
    assert list(judging.pitches_for_judge(setup.roadshow, UserFactory())) == []
    assert not newcomer.has_perm("events.judge", p1)
    assert newcomer.has_perm("events.judge", p2)


def test_a_judge_not_assigned_to_the_pitch_cannot_score_it(setup):
    outsider = UserFactory(username="outsider")

    with pytest.raises(PermissionDenied):
        score(setup, outsider, setup.pitches[0], 5, 5)


def test_a_judge_who_declared_a_conflict_cannot_score_and_their_scores_are_withdrawn(setup):
    judge, pitch = setup.judges[0], setup.pitches[0]
    score(setup, judge, pitch, 5, 5)

    judging.declare_conflict(pitch, note="曾任该企业顾问", actor=judge, source=WEB)

    with pytest.raises(PermissionDenied) as refusal:
        score(setup, judge, pitch, 6, 6)
    assert refusal.value.args == ("You declared a conflict of interest with this project.",)
    assert not Score.objects.filter(assignment__judge=judge, assignment__pitch=pitch).exists()
    assert not judge.has_perm("events.score", pitch)
    assert judge.has_perm("events.score", setup.pitches[1])


def test_before_the_release_a_judge_sees_only_their_own_scores(setup):
    first_judge, second_judge = setup.judges
    score(setup, first_judge, setup.pitches[0], 5, 5)
    score(setup, second_judge, setup.pitches[0], 8, 8)

    mine = judging.visible_scores(setup.roadshow, first_judge)
    everything = judging.visible_scores(setup.roadshow, setup.secretariat)

    assert {s.assignment.judge_id for s in mine} == {first_judge.pk}
    assert mine.count() == 2
    assert everything.count() == 4
    assert judging.visible_scores(setup.roadshow, UserFactory()).count() == 0


def test_after_the_release_judges_see_all_scores_and_scoring_is_over(setup):
    first_judge, second_judge = setup.judges
    score(setup, first_judge, setup.pitches[0], 5, 5)
    score(setup, second_judge, setup.pitches[0], 8, 8)

    judging.release_scores(setup.roadshow, actor=setup.secretariat, source=WEB)

    assert judging.visible_scores(setup.roadshow, first_judge).count() == 4
    with pytest.raises(ValidationError):
        score(setup, first_judge, setup.pitches[1], 5, 5)
    with pytest.raises(ValidationError):
        judging.release_scores(setup.roadshow, actor=setup.secretariat, source=WEB)


def test_the_applicant_reads_the_feedback_only_after_the_release(setup):
    applicant = UserFactory(username="applicant")
    pitch = setup.pitches[0]
    pitch.project.submitted_by = applicant
    pitch.project.save()
    score(setup, setup.judges[0], pitch, 5, 5, feedback="建议补充市场分析")
    score(setup, setup.judges[1], pitch, 6, 6)  # no written feedback

    before = judging.feedback_for(pitch.project, applicant)
    judging.release_scores(setup.roadshow, actor=setup.secretariat, source=WEB)
    after = judging.feedback_for(pitch.project, applicant)

    assert before == []
    assert [(f.role, f.text) for f in after] == [("Industry expert", "建议补充市场分析")]
    with pytest.raises(PermissionDenied):
        judging.feedback_for(pitch.project, UserFactory(username="curious"))


def test_the_secretariat_manages_and_other_alliances_do_not(setup):
    other = build_roadshow(pitches=1, judges=0)

    assert setup.secretariat.has_perm("events.manage", setup.event.alliance)
    assert setup.secretariat.has_perm("events.manage", setup.pitches[0])
    assert not other.secretariat.has_perm("events.manage", setup.event.alliance)
    assert not setup.judges[0].has_perm("events.manage", setup.event)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e30", "Score between 1 and 10."),
        ("NaN", "Give a number."),
        ("sNaN", "Give a number."),
        ("-Infinity", "Give a number."),
        ("5.125", "Give a number with at most two decimals."),
    ],
)
def test_a_score_that_is_no_usable_number_says_why(setup, value, message):
    first, second = setup.criteria

    with pytest.raises(ValidationError) as refusal:
        judging.submit_scores(setup.pitches[0], {first: value, second: 5},
                              actor=setup.judges[0], source=WEB)  # fmt: skip

    assert refusal.value.message_dict == {f"criterion_{first.pk}": [message]}
    assert not Score.objects.exists()
