"""The governance pages, driven as the secretariat and the members use them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from alliancehub.alliances.domain.membership import current_membership
from alliancehub.governance.domain import charter as charters
from alliancehub.governance.enums import MotionStatus
from alliancehub.governance.models import Meeting, Motion, Resolution
from tests.factories.governance import SYSTEM, build_alliance


@pytest.fixture
def setup(db):
    return build_alliance("sx-h2")


def url(name, setup, *args):
    return reverse(name, args=[setup.alliance.slug, *args])


def test_the_secretariat_runs_a_council_meeting_from_scheduling_to_resolution(client, setup):
    client.force_login(setup.secretariat)
    newcomer = setup.members[0]
    response = client.post(url("governance:meeting-create", setup), {
        "term": setup.term.pk, "kind": "council", "held_on": "2021-06-01", "venue": "诸暨祥生世纪酒店",
        "presided_by": "何伟刚", "presiding_title": "法律顾问",
    })  # fmt: skip
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200

    present = [str(unit.pk) for unit in setup.units]
    response = client.post(
        url("governance:meeting-attendance", setup, meeting.pk), {"present": present}
    )
    assert response.status_code == 302

    response = client.post(url("governance:meeting-motion", setup, meeting.pk), {
        "kind": "tier_change", "title": "增补副理事长单位", "ballot": "named",
        "units": newcomer.name, "tier": "vice_chair",
    })  # fmt: skip
    motion = Motion.objects.get()
    assert response.status_code == 302, response.context["form"].errors
    client.post(url("governance:motion-step", setup, motion.pk, "open"))
    motion.refresh_from_db()
    assert motion.status == MotionStatus.OPEN

    for unit in setup.units[:4]:
        client.force_login(setup.representatives[unit.pk])
        response = client.post(url("governance:motion", setup, motion.pk), {"choice": "yes"})
        assert response.status_code == 302

    client.force_login(setup.secretariat)
    client.post(url("governance:motion-step", setup, motion.pk, "close"))
    motion.refresh_from_db()
    assert motion.status == MotionStatus.PASSED
    assert current_membership(setup.alliance, newcomer).tier == "vice_chair"
    council = client.get(url("governance:council", setup) + "?on=2021-06-02")
    assert newcomer.name in council.content.decode()

    page = client.get(url("governance:motion", setup, motion.pk)).content.decode()
    assert Resolution.objects.get().number in page


def test_a_member_votes_once_and_sees_a_clear_refusal_the_second_time(client, setup):
    meeting = setup.meeting()
    from alliancehub.governance.domain import voting

    motion = voting.propose_motion(meeting, title="年度工作报告", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    unit = setup.units[0]
    client.force_login(setup.representatives[unit.pk])
    assert (
        client.post(url("governance:motion", setup, motion.pk), {"choice": "no"}).status_code == 302
    )
    second = client.post(url("governance:motion", setup, motion.pk), {"choice": "yes"})
    assert second.status_code == 403  # nothing left to vote for


def test_every_governance_page_renders_for_the_secretariat(client, setup):
    meeting = setup.meeting()
    charters.draft_charter(
        setup.alliance, title="章程", text="第一条 名称\n\n本联盟名称。", actor=None, source=SYSTEM
    )
    charters.draft_charter(
        setup.alliance, title="章程", text="第一条 名称\n\n本联盟全称。", actor=None, source=SYSTEM
    )
    client.force_login(setup.secretariat)
    names = [
        ("governance:council", ()), ("governance:charter", ()), ("governance:meetings", ()),
        ("governance:meeting", (meeting.pk,)), ("governance:meeting-attendance", (meeting.pk,)),
        ("governance:meeting-agenda", (meeting.pk,)), ("governance:meeting-motion", (meeting.pk,)),
        ("governance:minutes-edit", (meeting.pk,)), ("governance:dashboard", ()),
        ("governance:terms", ()), ("governance:charter-versions", ()), ("governance:charter-edit", (2,)),
        ("governance:charter-compare", ()), ("governance:charter-version", (1,)),
        ("governance:meeting-create", ()), ("alliances:applications", ()), ("alliances:members", ()),
        ("alliances:dues", ()), ("alliances:detail", ()),
    ]  # fmt: skip
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            for name, args in names:
                response = client.get(url(name, setup, *args), HTTP_ACCEPT_LANGUAGE=lang)
                assert response.status_code == 200, name


def test_the_charter_comparison_shows_both_versions_side_by_side(client, setup):
    charters.draft_charter(
        setup.alliance, title="章程", text="第一条\n本联盟名称。\n第二条", actor=None, source=SYSTEM
    )
    charters.draft_charter(
        setup.alliance, title="章程", text="第一条\n本联盟全称。\n第二条", actor=None, source=SYSTEM
    )
    client.force_login(setup.secretariat)
    page = client.get(url("governance:charter-compare", setup) + "?a=1&b=2").content.decode()
    # The changed character is marked within its line on both sides.
    assert '本联盟<del class="ah-del">名</del>称。' in page
    assert '本联盟<ins class="ah-ins">全</ins>称。' in page
    assert "table-danger" in page
    assert "table-success" in page


def test_drafts_of_the_charter_are_not_public(client, setup):
    charters.draft_charter(setup.alliance, title="章程", text="草案", actor=None, source=SYSTEM)
    assert client.get(url("governance:charter-version", setup, 1)).status_code == 404
    assert client.get(url("governance:charter", setup)).status_code == 200


def test_members_only_pages_send_visitors_to_sign_in(client, setup):
    meeting = setup.meeting()
    response = client.get(url("governance:meeting", setup, meeting.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_council_on_a_past_day(client, setup):
    from alliancehub.governance.domain import council

    council.appoint(
        setup.term,
        "secretary_general",
        person="章兴昌",
        on=date(2021, 1, 1),
        actor=None,
        source=SYSTEM,
    )
    page = client.get(url("governance:council", setup) + "?on=2021-03-01").content.decode()
    assert "章兴昌" in page
    assert (
        "章兴昌"
        not in client.get(url("governance:council", setup) + "?on=2020-03-01").content.decode()
    )


def test_approved_minutes_download_as_pdf_and_docx_for_members(client, setup):
    from alliancehub.governance.domain import minutes

    meeting = setup.meeting()
    drafted = minutes.draft_minutes(meeting, actor=None, source=SYSTEM)
    member = setup.representatives[setup.units[0].pk]
    client.force_login(member)
    assert client.get(url("governance:minutes-export", setup, meeting.pk, "pdf")).status_code == 404

    minutes.approve_minutes(drafted, actor=None, source=SYSTEM)
    pdf = client.get(url("governance:minutes-export", setup, meeting.pk, "pdf"))
    docx = client.get(url("governance:minutes-export", setup, meeting.pk, "docx"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert docx.content.startswith(b"PK")
    assert "attachment" in docx["Content-Disposition"]
    assert client.get(url("governance:minutes-export", setup, meeting.pk, "exe")).status_code == 404


def test_meeting_papers_are_served_to_members_through_the_alliance_only(client, setup):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alliancehub.governance.domain import meeting as meetings

    meeting = setup.meeting()
    paper = SimpleUploadedFile("预算报告.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
    item = meetings.add_agenda_item(
        meeting, title="审议预算", document=paper, actor=None, source=SYSTEM
    )
    client.force_login(setup.representatives[setup.units[0].pk])
    response = client.get(url("governance:agenda-document", setup, item.pk))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 budget"
    assert "attachment" in response["Content-Disposition"]
    page = client.get(url("governance:meeting", setup, meeting.pk)).content.decode()
    assert "/media/" not in page


def test_the_secretariat_enters_a_member_and_edits_the_public_profile(client, setup):
    from alliancehub.common.models import AuditLogEntry
    from tests.factories import OrganizationFactory

    unit = OrganizationFactory(name="绍兴新材料有限公司")
    client.force_login(setup.secretariat)
    response = client.post(reverse("alliances:members", args=[setup.alliance.slug]),
                           {"organization": unit.name, "tier": "director", "on": "2021-03-01"})  # fmt: skip
    assert response.status_code == 302
    assert current_membership(setup.alliance, unit).tier == "director"
    unknown = client.post(reverse("alliances:members", args=[setup.alliance.slug]),
                          {"organization": "不存在的公司", "tier": "member", "on": "2021-03-01"})  # fmt: skip
    assert unknown.status_code == 200
    assert "不存在的公司" in unknown.content.decode()

    response = client.post(reverse("alliances:profile", args=[setup.alliance.slug]), {
        "name": setup.alliance.name, "name_en": "Shaoxing Hydrogen Alliance", "status": "active",
        "description": "推动氢能产业链上下游合作。", "founded_on": "2021-11-10",
    })  # fmt: skip
    assert response.status_code == 302
    setup.alliance.refresh_from_db()
    assert setup.alliance.name_en == "Shaoxing Hydrogen Alliance"
    assert AuditLogEntry.objects.filter(object_id=str(setup.alliance.pk), action="update").exists()


def test_a_meeting_is_marked_held_and_a_cancelled_one_takes_no_attendance(client, setup):
    from django.core.exceptions import ValidationError

    from alliancehub.governance.domain import meeting as meetings

    meeting = setup.meeting()
    client.force_login(setup.secretariat)
    client.post(url("governance:meeting-status", setup, meeting.pk, "cancelled"))
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    with pytest.raises(ValidationError):
        meetings.record_attendance(meeting, person="张三", actor=None, source=SYSTEM)
    assert (
        client.post(url("governance:meeting-status", setup, meeting.pk, "deleted")).status_code
        == 404
    )


def test_the_secretariat_sets_its_own_majority_for_charter_amendments(client, setup):
    from fractions import Fraction

    from alliancehub.governance.domain.voting import rule_for

    client.force_login(setup.secretariat)
    address = reverse("governance:voting-rules", args=[setup.alliance.slug])
    assert client.get(address).status_code == 200

    response = client.post(
        address, {"kind": "charter", "charter-quorum": "3/4", "charter-threshold": "75%"}
    )
    assert response.status_code == 302
    rule = rule_for(setup.alliance, "charter")
    assert (rule.quorum, rule.threshold, rule.strict) == (Fraction(3, 4), Fraction(3, 4), False)

    bad = client.post(
        address,
        {"kind": "charter", "charter-quorum": "3/2", "charter-threshold": "half"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "A share lies between 0 and 1." in bad.content.decode()
    assert rule_for(setup.alliance, "charter").quorum == Fraction(3, 4)

    client.post(address, {"kind": "charter", "restore": "1"})
    assert rule_for(setup.alliance, "charter").threshold == Fraction(2, 3)


def test_the_alliance_list_shows_a_user_their_roles(client, setup):
    client.force_login(setup.secretariat)
    page = client.get(reverse("alliances:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Secretariat" in page


def test_the_secretariat_records_votes_taken_in_the_room_and_sees_who_is_missing(client, setup):
    from alliancehub.governance.domain import voting

    meeting = setup.meeting()
    motion = voting.propose_motion(meeting, title="年度预算", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    meeting.refresh_from_db()
    assert meeting.status == "held"  # a vote is being taken, so the meeting is being held
    client.force_login(setup.secretariat)
    address = url("governance:motion", setup, motion.pk)

    page = client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not yet voted" in page
    assert setup.units[0].name_en in page
    response = client.post(address, {"unit": setup.units[0].pk, "choice": "yes"})
    assert response.status_code == 302
    assert motion.votes.get().cast_by == setup.secretariat

    for unit in setup.units[1:4]:
        client.post(address, {"unit": unit.pk, "choice": "yes"})
    client.post(url("governance:motion-step", setup, motion.pk, "close"))
    page = client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Passing needed 4 yes votes of the 6 units present." in page


def test_minutes_keep_the_language_they_were_drafted_in(client, setup):
    import io

    import docx

    meeting = setup.meeting()
    client.force_login(setup.secretariat)
    client.post(
        url("governance:minutes-edit", setup, meeting.pk),
        {"action": "draft", "language": "zh-hant"},
    )
    meeting.refresh_from_db()
    assert meeting.minutes.language == "zh-hant"
    assert "第一屆理事會第一次會議" in meeting.minutes.text

    exported = client.get(
        url("governance:minutes-export", setup, meeting.pk, "docx"), HTTP_ACCEPT_LANGUAGE="en"
    )
    document = docx.Document(io.BytesIO(exported.content))
    assert document.core_properties.language == "zh-hant"
    assert "第一屆理事會第一次會議" in document.paragraphs[0].text


def test_a_refused_page_is_a_translated_page_with_the_site_around_it(client, setup):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(
        reverse("governance:dashboard", args=[setup.alliance.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert 'class="navbar' in response.content.decode()


def test_applying_without_representing_an_organisation_explains_what_to_do(client, setup):
    from tests.factories import OrganizationFactory, UserFactory

    client.force_login(UserFactory())
    address = reverse("alliances:apply", args=[setup.alliance.slug])
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "ask the platform staff" in response.content.decode()

    client.force_login(UserFactory(organization=OrganizationFactory(name="浙江申请人有限公司")))
    response = client.post(address, {"tier": "member", "message": "希望加入"})
    assert response.status_code == 302
    assert response.url == address
    assert client.get(address).status_code == 200
