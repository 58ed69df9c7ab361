"""Charter versions: drafts, the version in force, and side-by-side differences."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import charter, voting
from alliancehub.governance.domain.charter import DiffRow, side_by_side
from alliancehub.governance.enums import CharterStatus, Choice, MotionKind
from alliancehub.governance.models import CharterVersion
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


def draft(setup, text="第一条 本联盟名称为绍兴市氢能产业联盟。", title="联盟章程"):
    return charter.draft_charter(
        setup.alliance, title=title, text=text, actor=setup.secretariat, source=WEB
    )


def adopt(setup, version, meeting):
    motion = voting.propose_motion(
        meeting, title=f"审议{version.title}", kind=MotionKind.CHARTER, charter_version=version,
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    voting.open_voting(motion, actor=setup.secretariat, source=WEB)
    for unit in setup.units:
        voting.cast_vote(motion, unit, choice=Choice.YES, actor=None, source=WEB)
    voting.close_voting(motion, actor=setup.secretariat, source=WEB)
    version.refresh_from_db()
    return version


def test_drafts_are_numbered_in_turn_per_alliance(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")

    first, second = draft(setup), draft(setup, title="联盟章程（修订稿）")
    elsewhere = charter.draft_charter(
        other.alliance, title="章程", text="第一条", actor=other.secretariat, source=WEB
    )

    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert (first.status, second.status) == (CharterStatus.DRAFT, CharterStatus.DRAFT)


def test_a_draft_without_text_is_refused(setup):
    with pytest.raises(ValidationError) as refusal:
        draft(setup, text="  \n ")

    assert refusal.value.message_dict == {"text": ["The charter text is empty."]}
    assert not CharterVersion.objects.exists()


def test_a_draft_can_be_edited(setup):
    version = draft(setup)

    charter.update_draft(
        version, title="联盟章程（草案）", text="第一条 修订", actor=setup.secretariat, source=WEB
    )

    version.refresh_from_db()
    assert (version.title, version.text, version.number) == ("联盟章程（草案）", "第一条 修订", 1)


def test_an_adopted_version_cannot_be_edited(setup):
    version = adopt(setup, draft(setup), setup.meeting())

    with pytest.raises(ValidationError, match="adopted version cannot be changed"):
        charter.update_draft(version, title="改", text="改", actor=setup.secretariat, source=WEB)

    version.refresh_from_db()
    assert (version.title, version.status) == ("联盟章程", CharterStatus.ADOPTED)


def test_a_version_being_voted_on_cannot_be_edited(setup):
    version = draft(setup)
    motion = voting.propose_motion(
        setup.meeting(), title="审议章程", kind=MotionKind.CHARTER, charter_version=version,
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    voting.open_voting(motion, actor=setup.secretariat, source=WEB)

    with pytest.raises(ValidationError, match="being voted on"):
        charter.update_draft(version, title="改", text="改", actor=setup.secretariat, source=WEB)

    version.refresh_from_db()
    assert version.text == "第一条 本联盟名称为绍兴市氢能产业联盟。"


def test_there_is_no_charter_in_force_before_one_is_adopted(setup):
    draft(setup)

    assert charter.current_charter(setup.alliance) is None


def test_the_latest_adopted_version_is_in_force(setup):
    meeting = setup.meeting()
    first = adopt(setup, draft(setup), meeting)
    second = adopt(setup, draft(setup, text="第一条 修订后"), meeting)
    draft(setup, text="第一条 再次修订（未通过）")

    assert charter.current_charter(setup.alliance) == second
    assert (first.status, first.resolution.number, second.resolution.number) == (
        CharterStatus.ADOPTED, "2021-001", "2021-002",
    )  # fmt: skip


def test_another_alliances_charter_is_not_this_ones(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")
    adopt(setup, draft(setup), setup.meeting())

    assert charter.current_charter(other.alliance) is None


# Side by side


def test_unchanged_lines_are_paired_as_equal():
    assert side_by_side("第一条\n第二条", "第一条\n第二条") == [
        DiffRow("equal", "第一条", "第一条"), DiffRow("equal", "第二条", "第二条"),
    ]  # fmt: skip


def test_an_inserted_line_has_nothing_on_the_left():
    rows = side_by_side("第一条\n第三条", "第一条\n第二条\n第三条")

    assert rows == [
        DiffRow("equal", "第一条", "第一条"),
        DiffRow("insert", "", "第二条"),
        DiffRow("equal", "第三条", "第三条"),
    ]


def test_a_deleted_line_has_nothing_on_the_right():
    rows = side_by_side("第一条\n第二条\n第三条", "第一条\n第三条")

    assert rows == [
        DiffRow("equal", "第一条", "第一条"),
        DiffRow("delete", "第二条", ""),
        DiffRow("equal", "第三条", "第三条"),
    ]


def test_a_replaced_line_is_paired_with_its_replacement_and_the_surplus_stands_alone():
    rows = side_by_side(
        "第一条\n会费每年一万元。\n第三条", "第一条\n会费每年二万元。\n按时缴纳。\n第三条"
    )

    assert rows == [
        DiffRow("equal", "第一条", "第一条"),
        DiffRow("replace", "会费每年一万元。", "会费每年二万元。"),
        DiffRow("replace", "", "按时缴纳。"),
        DiffRow("equal", "第三条", "第三条"),
    ]


def test_two_stored_versions_compare_line_by_line(setup):
    old, new = draft(setup, text="第一条\n第二条"), draft(setup, text="第一条\n第二条（修订）")

    rows = side_by_side(old.text, new.text)

    assert [row.kind for row in rows] == ["equal", "replace"]
