"""Minutes: drafted from the meeting record, edited, approved and then frozen."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import minutes as domain
from alliancehub.governance.domain import voting
from alliancehub.governance.domain.meeting import add_agenda_item, record_attendance
from alliancehub.governance.enums import Choice, MinutesStatus, MotionKind, OfficeKind
from alliancehub.governance.models import Minutes
from tests.factories.governance import build_alliance

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance()


@pytest.fixture
def meeting(setup):
    """The first council meeting: five units present, one absent, the general counsel presiding,
    one ordinary motion passed 4–1 and one election of the secretary-general."""
    held = setup.meeting(present=5)
    record_attendance(held, organization=setup.units[5], present=False, actor=None, source=WEB)
    record_attendance(held, person="何伟刚", capacity="法律顾问", actor=None, source=WEB)
    add_agenda_item(held, title="审议年度工作报告", actor=None, source=WEB)
    ordinary = voting.propose_motion(
        held, title="关于年度工作报告的决议", text="同意年度工作报告。", actor=None, source=WEB
    )
    election = voting.propose_motion(
        held, title="选举秘书长", kind=MotionKind.ELECTION, office=OfficeKind.SECRETARY_GENERAL,
        seats=1, candidates=[(None, "张兴长")], actor=None, source=WEB,
    )  # fmt: skip
    for motion in (ordinary, election):
        voting.open_voting(motion, actor=None, source=WEB)
    zhang = election.candidates.get()
    for unit, choice in zip(setup.units[:5], [Choice.YES] * 4 + [Choice.NO], strict=True):
        voting.cast_vote(ordinary, unit, choice=choice, actor=None, source=WEB)
        voting.cast_vote(election, unit, candidates=[zhang], actor=None, source=WEB)
    for motion in (ordinary, election):
        voting.close_voting(motion, actor=None, source=WEB)
    return held


def test_the_draft_is_composed_from_the_attendance_and_the_results(setup, meeting):
    minutes = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)

    text = minutes.text
    # English minutes carry the English name of the alliance where it has one.
    assert text.startswith(f"# {setup.alliance.name_en} · 1st meeting of the 1st council\n")
    for unit in setup.units[:5]:
        assert f"- {unit}\n" in text
    assert f"Absent: {setup.units[5]}" in text
    assert "- 何伟刚（法律顾问）" in text
    assert "1. 审议年度工作报告" in text
    assert (
        "### 关于年度工作报告的决议\n\n同意年度工作报告。\n\n"
        "Result: Passed (4 yes, 1 no, 0 abstentions; 5 of 6 units with a vote present).\n"
        "Resolution 2021-001.\n"
    ) in text
    assert "Elected: 张兴长." in text
    assert minutes.status == MinutesStatus.DRAFT


def test_a_redraft_follows_the_record_while_the_minutes_are_a_draft(setup, meeting):
    first = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)
    record_attendance(meeting, person="张兴长", capacity="秘书长", actor=None, source=WEB)

    again = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)

    assert again.pk == first.pk
    assert "- 张兴长（秘书长）" in again.text
    assert Minutes.objects.count() == 1


def test_the_secretariat_edits_the_draft(setup, meeting):
    minutes = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)

    domain.edit_minutes(minutes, text="# 会议纪要\n\n会议审议通过……", actor=None, source=WEB)

    minutes.refresh_from_db()
    assert minutes.text == "# 会议纪要\n\n会议审议通过……"


def test_empty_minutes_are_refused(setup, meeting):
    minutes = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)

    with pytest.raises(ValidationError) as refusal:
        domain.edit_minutes(minutes, text=" \n", actor=None, source=WEB)

    assert refusal.value.message_dict == {"text": ["The minutes are empty."]}


def test_approving_records_who_approved_them(setup, meeting):
    minutes = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)

    domain.approve_minutes(minutes, actor=setup.secretariat, source=WEB)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_by) == (MinutesStatus.APPROVED, setup.secretariat)
    assert minutes.approved_at is not None


def test_approved_minutes_refuse_edits_redrafting_and_a_second_approval(setup, meeting):
    minutes = domain.draft_minutes(meeting, actor=setup.secretariat, source=WEB)
    domain.approve_minutes(minutes, actor=setup.secretariat, source=WEB)
    approved_text = Minutes.objects.get().text

    with pytest.raises(ValidationError, match="approved and can no longer change"):
        domain.edit_minutes(minutes, text="改写", actor=None, source=WEB)
    with pytest.raises(ValidationError, match="approved and can no longer change"):
        domain.draft_minutes(meeting, actor=None, source=WEB)
    with pytest.raises(ValidationError, match="already approved"):
        domain.approve_minutes(minutes, actor=None, source=WEB)

    assert Minutes.objects.get().text == approved_text


def test_a_meeting_without_a_record_drafts_placeholders(setup):
    meeting = setup.meeting(present=0)

    text = domain.compose_minutes(meeting)

    assert "- No attendance recorded." in text
    assert "- No agenda items recorded." in text
