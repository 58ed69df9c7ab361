"""``/api/v1/alliances/{slug}/{council,terms,offices,meetings,motions,resolutions,charter-versions}/``:
who may read and change what, a whole vote through the API, and alliance scoping."""

from datetime import date

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain.membership import current_membership
from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.governance.domain import charter, council, voting
from alliancehub.governance.enums import BallotKind, Choice, MotionKind
from alliancehub.governance.models import Meeting, Motion, Office, Vote
from tests.factories import UserFactory
from tests.factories.governance import api_url as url
from tests.factories.governance import build_alliance
from tests.factories.governance import english_api as caller

pytestmark = pytest.mark.django_db

SYSTEM = Source.SYSTEM


def rendered_time(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def page(results: list) -> dict:
    return {"count": len(results), "count_capped": False, "next": None, "previous": None,
            "results": results}  # fmt: skip


@pytest.fixture
def setup():
    return build_alliance("sx-h2")


@pytest.fixture
def other():
    return build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")


def observer_of(setup):
    user = UserFactory(username=f"{setup.alliance.slug}-observer")
    AllianceRole.objects.create(user=user, alliance=setup.alliance, role=AllianceRole.Kind.OBSERVER)
    return user


def rep_of(setup, index: int = 0):
    return setup.representatives[setup.units[index].pk]


def users_of(setup) -> dict:
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "observer": observer_of(setup),
        "member": rep_of(setup),
        "secretariat": setup.secretariat,
    }


def appoint_chair(setup) -> Office:
    return council.appoint(
        setup.term, "chair", on=date(2021, 1, 1), organization=setup.units[0], actor=None,
        source=SYSTEM,
    )  # fmt: skip


def passed_motion(setup, meeting: Meeting | None = None, **kwargs) -> Motion:
    """A motion carried by the first four units' yes votes (of six present)."""
    meeting = meeting or setup.meeting()
    kwargs.setdefault("title", "关于表彰先进会员单位的决议")
    motion = voting.propose_motion(meeting, actor=None, source=SYSTEM, **kwargs)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    for unit in setup.units[:4]:
        voting.cast_vote(motion, unit, choice=Choice.YES, actor=None, source=SYSTEM)
    return voting.close_voting(motion, actor=None, source=SYSTEM)


def office_payload(office: Office) -> dict:
    return {
        "id": office.pk, "term": office.term_id, "term_number": office.term.number,
        "kind": office.kind, "kind_label": str(office.get_kind_display()),
        "holder": office.holder, "organization": office.organization_id, "person": office.person,
        "person_title": office.person_title, "valid_from": office.valid_from.isoformat(),
        "valid_to": office.valid_to and office.valid_to.isoformat(), "basis": office.basis,
        "resolution": office.resolution_id,
    }  # fmt: skip


def meeting_payload(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk, "title": "1st meeting of the 1st council", "term": meeting.term_id,
        "term_number": 1, "kind": "council", "kind_label": "Council meeting", "number": 1,
        "held_on": "2021-06-01", "venue": "绍兴国际会展中心", "presided_by": "",
        "presiding_title": "", "status": "planned", "status_label": "Planned", "note": "",
    }  # fmt: skip


# Council, terms and offices (public) -----------------------------------------------------------


def test_council_lists_the_offices_held_on_a_day_and_the_rotating_chair(setup):
    chair = appoint_chair(setup)
    secretary = council.appoint(
        setup.term, "secretary_general", on=date(2021, 1, 1), person="张兴昌",
        person_title="绍兴市氢能产业联盟秘书长", actor=None, source=SYSTEM,
    )  # fmt: skip
    council.add_rotation_slot(
        setup.term, setup.units[1], starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31),
        actor=None, source=SYSTEM, note="首任轮值",
    )  # fmt: skip

    response = caller().get(url(setup, "council"), {"on": "2021-06-01"})

    assert response.status_code == 200
    assert response.json() == {
        "on": "2021-06-01",
        "offices": [
            {
                "id": chair.pk, "term": setup.term.pk, "term_number": 1, "kind": "chair",
                "kind_label": "Chair", "holder": "sx-h2成员单位0有限公司",
                "organization": setup.units[0].pk, "person": "", "person_title": "",
                "valid_from": "2021-01-01", "valid_to": None, "basis": "", "resolution": None,
            },
            {
                "id": secretary.pk, "term": setup.term.pk, "term_number": 1,
                "kind": "secretary_general", "kind_label": "Secretary-general",
                "holder": "张兴昌", "organization": None, "person": "张兴昌",
                "person_title": "绍兴市氢能产业联盟秘书长", "valid_from": "2021-01-01",
                "valid_to": None, "basis": "", "resolution": None,
            },
        ],
        "rotating_chair": {
            "organization": setup.units[1].pk, "organization_name": "sx-h2成员单位1有限公司",
            "starts_on": "2021-01-01", "ends_on": "2021-12-31", "note": "首任轮值",
        },
    }  # fmt: skip


def test_council_before_the_first_appointment_is_empty(setup):
    appoint_chair(setup)

    response = caller().get(url(setup, "council"), {"on": "2020-12-31"})

    assert response.json() == {"on": "2020-12-31", "offices": [], "rotating_chair": None}


def test_terms_are_public(setup):
    response = caller().get(url(setup, "terms"))

    assert response.json() == page(
        [
            {
                "id": setup.term.pk,
                "number": 1,
                "name": "1st term",
                "starts_on": "2021-01-01",
                "ends_on": None,
            }
        ]
    )


def test_offices_list_past_holders_too(setup):
    chair = appoint_chair(setup)
    council.end_office(chair, last_day=date(2021, 3, 31), actor=None, source=SYSTEM)
    chair.refresh_from_db()

    response = caller().get(url(setup, "offices"))

    assert response.json() == page([office_payload(chair)])
    assert response.json()["results"][0]["valid_to"] == "2021-03-31"


def test_secretariat_appoints_a_person_to_an_office(setup):
    response = caller(setup.secretariat).post(
        url(setup, "offices"),
        {"term": setup.term.pk, "kind": "general_counsel", "person": "何伟刚",
         "valid_from": "2021-02-01", "basis": "理事会决定"},
    )  # fmt: skip

    assert response.status_code == 201
    office = Office.objects.get(person="何伟刚")
    assert response.json() == office_payload(office)
    assert (office.kind, office.valid_from, office.basis) == (
        "general_counsel",
        date(2021, 2, 1),
        "理事会决定",
    )
    entry = AuditLogEntry.objects.get(content_type__model="office", object_id=str(office.pk))
    assert (entry.actor, entry.source) == (setup.secretariat, Source.API)


def test_appointing_a_unit_office_without_a_unit_is_400_with_the_domains_message(setup):
    response = caller(setup.secretariat).post(
        url(setup, "offices"),
        {"term": setup.term.pk, "kind": "vice_chair", "person": "某人", "valid_from": "2021-02-01"},
    )

    assert response.status_code == 400
    assert response.json() == {"detail": ["This office is held by a member unit."]}


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("member", 403), ("observer", 403)]
)
def test_only_the_secretariat_appoints(setup, who, expected):
    user = users_of(setup)[who]

    response = caller(user).post(
        url(setup, "offices"),
        {"term": setup.term.pk, "kind": "supervisor", "person": "某人", "valid_from": "2021-02-01"},
    )

    assert response.status_code == expected
    assert not Office.objects.exists()


# Meetings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("observer", 200),
        ("member", 200),
        ("secretariat", 200),
    ],
)
def test_meetings_are_members_only(setup, who, expected):
    meeting = setup.meeting()

    response = caller(users_of(setup)[who]).get(url(setup, "meetings"))

    assert response.status_code == expected
    if expected == 200:
        assert response.json() == page([meeting_payload(meeting)])


def test_meeting_detail_adds_attendance_and_agenda(setup):
    meeting = setup.meeting(present=1)

    response = caller(observer_of(setup)).get(url(setup, "meetings", meeting.pk))

    row = meeting.attendance.get()
    assert response.json() == meeting_payload(meeting) | {
        "attendance": [
            {"id": row.pk, "organization": setup.units[0].pk,
             "organization_name": "sx-h2成员单位0有限公司", "person": "", "capacity": "",
             "present": True},
        ],
        "agenda": [],
    }  # fmt: skip


def test_secretariat_schedules_a_meeting_numbered_within_its_term(setup):
    response = caller(setup.secretariat).post(
        url(setup, "meetings"),
        {"term": setup.term.pk, "kind": "council", "held_on": "2021-06-01",
         "venue": "绍兴国际会展中心"},
    )  # fmt: skip

    assert response.status_code == 201
    assert response.json() == meeting_payload(Meeting.objects.get())


def test_scheduling_a_meeting_in_another_alliances_term_is_400(setup, other):
    response = caller(setup.secretariat).post(
        url(setup, "meetings"), {"term": other.term.pk, "kind": "council", "held_on": "2021-06-01"}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"term"}
    assert not Meeting.objects.exists()


def test_secretariat_records_attendance(setup):
    meeting = setup.meeting(present=0)

    response = caller(setup.secretariat).post(
        url(setup, "meetings", meeting.pk, "attendance"),
        {"organization": setup.units[2].pk, "person": "王经理", "capacity": "代表"},
    )

    row = meeting.attendance.get()
    assert response.status_code == 200
    assert response.json() == {
        "id": row.pk, "organization": setup.units[2].pk,
        "organization_name": "sx-h2成员单位2有限公司", "person": "王经理", "capacity": "代表",
        "present": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("member", 403), ("observer", 403)]
)
def test_only_the_secretariat_schedules_and_records_attendance(setup, who, expected):
    meeting = setup.meeting(present=0)
    client = caller(users_of(setup)[who])

    scheduled = client.post(
        url(setup, "meetings"), {"term": setup.term.pk, "kind": "council", "held_on": "2021-07-01"}
    )
    attended = client.post(
        url(setup, "meetings", meeting.pk, "attendance"), {"organization": setup.units[0].pk}
    )

    assert (scheduled.status_code, attended.status_code) == (expected, expected)
    assert Meeting.objects.count() == 1
    assert not meeting.attendance.exists()


# A whole vote through the API ------------------------------------------------------------------


def test_a_tier_change_voted_through_the_api_changes_the_council(setup):
    secretariat = caller(setup.secretariat)
    appoint_chair(setup)
    newcomer = setup.members[0]
    meeting = secretariat.post(
        url(setup, "meetings"), {"term": setup.term.pk, "kind": "council", "held_on": "2021-06-01"}
    ).json()
    for unit in setup.units:
        secretariat.post(
            url(setup, "meetings", meeting["id"], "attendance"), {"organization": unit.pk}
        )

    proposed = secretariat.post(
        url(setup, "motions"),
        {"meeting": meeting["id"], "kind": "tier_change", "title": "关于增补副理事长单位的决议",
         "tier_changes": [{"organization": newcomer.pk, "tier": "vice_chair"}]},
    )  # fmt: skip
    motion_id = proposed.json()["id"]
    opened = secretariat.post(url(setup, "motions", motion_id, "open"))
    ballots = [
        caller(rep_of(setup, index)).post(
            url(setup, "motions", motion_id, "ballots"), {"choice": "yes"}
        )
        for index in range(4)
    ]
    while_open = caller(observer_of(setup)).get(url(setup, "motions", motion_id))
    closed = secretariat.post(url(setup, "motions", motion_id, "close"), {})
    council_page = caller().get(url(setup, "council"), {"on": "2021-06-01"})

    motion = Motion.objects.get()
    assert proposed.status_code == 201
    assert proposed.json() == {
        "id": motion.pk, "meeting": meeting["id"], "kind": "tier_change",
        "kind_label": "Admission or change of tier", "title": "关于增补副理事长单位的决议",
        "text": "", "ballot": "named", "status": "draft", "status_label": "Draft", "office": "",
        "seats": None, "charter_version": None,
        "tier_changes": [{"organization": newcomer.pk, "organization_name": newcomer.name,
                          "tier": "vice_chair"}],
        "candidates": [], "quorum": "", "threshold": "", "threshold_strict": True,
        "entitled_count": None, "present_count": None, "opened_at": None, "closed_at": None,
        "result": None, "resolution": None,
    }  # fmt: skip
    assert (opened.status_code, opened.json()["status"], opened.json()["result"]) == (
        200, "open", None
    )  # fmt: skip
    assert [b.status_code for b in ballots] == [201] * 4
    assert ballots[0].json() == {
        "motion": motion.pk, "organization": setup.units[0].pk,
        "organization_name": "sx-h2成员单位0有限公司",
    }  # fmt: skip
    assert (while_open.json()["status"], while_open.json()["result"]) == ("open", None)
    assert closed.json() == proposed.json() | {
        "status": "passed", "status_label": "Passed", "quorum": "2/3", "threshold": "1/2",
        "entitled_count": 6, "present_count": 6,
        "opened_at": rendered_time(motion.opened_at), "closed_at": rendered_time(motion.closed_at),
        "result": {"yes": 4, "no": 0, "abstain": 0, "candidates": []},
        "resolution": {"id": motion.resolution.pk, "number": "2021-001"},
    }  # fmt: skip
    assert [(o["kind"], o["organization"]) for o in council_page.json()["offices"]] == [
        ("chair", setup.units[0].pk),
        ("vice_chair", newcomer.pk),
    ]
    assert current_membership(setup.alliance, newcomer).tier == "vice_chair"


def test_a_secret_election_through_the_api_shows_counts_but_never_who_chose_whom(setup):
    meeting = setup.meeting()
    motion = voting.propose_motion(
        meeting, title="选举监事", kind=MotionKind.ELECTION, office="supervisor", seats=1,
        ballot=BallotKind.SECRET, candidates=[(None, "李监事"), (None, "王监事")], actor=None,
        source=SYSTEM,
    )  # fmt: skip
    li, wang = motion.candidates.order_by("id")
    voting.open_voting(motion, actor=None, source=SYSTEM)

    receipts = [
        caller(rep_of(setup, index)).post(
            url(setup, "motions", motion.pk, "ballots"),
            {"candidates": [li.pk if index < 4 else wang.pk]},
        )
        for index in range(5)
    ]
    caller(setup.secretariat).post(url(setup, "motions", motion.pk, "close"), {})
    shown = caller(rep_of(setup, 5)).get(url(setup, "motions", motion.pk)).json()

    assert [r.status_code for r in receipts] == [201] * 5
    assert all(set(r.json()) == {"motion", "organization", "organization_name"} for r in receipts)
    assert shown["candidates"] == [
        {"id": li.pk, "organization": None, "person": "李监事", "name": "李监事"},
        {"id": wang.pk, "organization": None, "person": "王监事", "name": "王监事"},
    ]
    assert shown["result"] == {
        "yes": 5, "no": 0, "abstain": 0,
        "candidates": [{"id": li.pk, "votes": 4, "elected": True},
                       {"id": wang.pk, "votes": 1, "elected": False}],
    }  # fmt: skip
    assert set(Vote.objects.values_list("choice", flat=True)) == {""}
    assert not Vote.candidates.through.objects.exists()


def test_proposing_an_election_without_candidates_is_400_with_the_domains_message(setup):
    meeting = setup.meeting()

    response = caller(setup.secretariat).post(
        url(setup, "motions"),
        {"meeting": meeting.pk, "kind": "election", "title": "选举", "office": "chair", "seats": 1},
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ["An election needs the office, the number of seats and candidates."]
    }


def test_opening_without_quorum_is_400_with_the_domains_message(setup):
    meeting = setup.meeting(present=3)
    motion = voting.propose_motion(meeting, title="普通议案", actor=None, source=SYSTEM)

    response = caller(setup.secretariat).post(url(setup, "motions", motion.pk, "open"))

    assert response.status_code == 400
    assert response.json() == {
        "detail": ["No quorum: 3 of 6 units with a vote are present; 4 are needed."]
    }


def test_voting_twice_is_400_and_counts_once(setup):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    rep = caller(rep_of(setup))
    rep.post(url(setup, "motions", motion.pk, "ballots"), {"choice": "yes"})

    response = rep.post(url(setup, "motions", motion.pk, "ballots"), {"choice": "no"})

    assert response.status_code == 400
    assert response.json() == {"detail": ["This unit has already voted on this motion."]}
    assert Vote.objects.count() == 1


def test_a_member_without_a_vote_at_the_meeting_is_refused_with_400(setup):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    ordinary_member = setup.representatives[setup.members[0].pk]

    response = caller(ordinary_member).post(
        url(setup, "motions", motion.pk, "ballots"), {"choice": "yes"}
    )

    assert response.status_code == 400
    assert response.json() == {"detail": ["This unit has no vote on this motion."]}


def test_a_ballot_with_both_a_choice_and_candidates_is_400(setup):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)

    response = caller(rep_of(setup)).post(
        url(setup, "motions", motion.pk, "ballots"), {"choice": "yes", "candidates": []}
    )

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Give either a choice or candidates, not both."]
    }


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("secretariat", 403), ("observer", 403)]
)
def test_only_a_member_representative_votes(setup, who, expected):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)

    response = caller(users_of(setup)[who]).post(
        url(setup, "motions", motion.pk, "ballots"), {"choice": "yes"}
    )

    assert response.status_code == expected
    assert not Vote.objects.exists()


@pytest.mark.parametrize("action", ["open", "close"])
@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("member", 403), ("observer", 403)]
)
def test_only_the_secretariat_opens_and_closes_the_vote(setup, action, who, expected):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    if action == "close":
        voting.open_voting(motion, actor=None, source=SYSTEM)

    response = caller(users_of(setup)[who]).post(url(setup, "motions", motion.pk, action))

    assert response.status_code == expected
    motion.refresh_from_db()
    assert motion.status == ("draft" if action == "open" else "open")


# Resolutions and the charter -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("observer", 200),
        ("member", 200),
        ("secretariat", 200),
    ],
)
def test_resolutions_are_members_only(setup, who, expected):
    motion = passed_motion(setup)

    response = caller(users_of(setup)[who]).get(url(setup, "resolutions"))

    assert response.status_code == expected
    if expected == 200:
        assert response.json() == page(
            [{"id": motion.resolution.pk, "number": "2021-001", "title": "关于表彰先进会员单位的决议",
              "text": "", "adopted_on": "2021-06-01", "motion": motion.pk,
              "meeting": motion.meeting_id, "meeting_title": "1st meeting of the 1st council"}]
        )  # fmt: skip


def charter_payload(version) -> dict:
    version.refresh_from_db()
    return {
        "id": version.pk, "number": version.number, "title": version.title, "text": version.text,
        "status": version.status, "status_label": version.status.capitalize(),
        "adopted_on": version.adopted_on and version.adopted_on.isoformat(),
        "resolution": version.resolution_id, "signed_pdf": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [("anonymous", False), ("observer", False), ("member", False), ("secretariat", True)],
)
def test_adopted_charters_are_public_and_drafts_the_secretariats(setup, who, sees_draft):
    adopted = charter.draft_charter(
        setup.alliance, title="联盟章程", text="# 第一章 总则", actor=None, source=SYSTEM
    )
    passed_motion(setup, kind=MotionKind.CHARTER, charter_version=adopted, title="通过章程")
    draft = charter.draft_charter(
        setup.alliance, title="联盟章程（修订稿）", text="# 第一章 总则\n修订", actor=None,
        source=SYSTEM,
    )  # fmt: skip
    client = caller(users_of(setup)[who])

    listing = client.get(url(setup, "charter-versions"))
    draft_detail = client.get(url(setup, "charter-versions", draft.pk))

    expected = [charter_payload(adopted)] + ([charter_payload(draft)] if sees_draft else [])
    assert listing.json() == page(expected)
    assert expected[0]["status"] == "adopted"
    assert draft_detail.status_code == (200 if sees_draft else 404)


# One alliance's users in another ---------------------------------------------------------------

PRIVATE_ROUTES = [
    ("get", "meetings", ""),
    ("get", "motions", ""),
    ("get", "resolutions", ""),
    ("post", "meetings", ""),
    ("post", "offices", ""),
    ("post", "motions", ""),
]
OBJECT_ROUTES = [
    ("get", "meetings", ""),
    ("post", "meetings", "attendance"),
    ("get", "motions", ""),
    ("post", "motions", "open"),
    ("post", "motions", "close"),
    ("get", "resolutions", ""),
    ("get", "offices", ""),
    ("get", "terms", ""),
    ("get", "charter-versions", ""),
]


@pytest.mark.parametrize(("method", "resource", "action"), PRIVATE_ROUTES)
def test_another_alliances_secretariat_gets_403_on_private_routes(
    setup, other, method, resource, action
):
    response = getattr(caller(other.secretariat), method)(url(setup, resource), {})

    assert response.status_code == 403


@pytest.mark.parametrize("who", ["secretariat", "member"])
def test_another_alliances_member_cannot_vote_here(setup, other, who):
    motion = voting.propose_motion(setup.meeting(), title="普通议案", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    user = other.secretariat if who == "secretariat" else rep_of(other)

    response = caller(user).post(url(setup, "motions", motion.pk, "ballots"), {"choice": "yes"})

    assert response.status_code == 403


@pytest.mark.parametrize(("method", "resource", "action"), OBJECT_ROUTES)
def test_another_alliances_ids_are_404_through_ones_own_slug(
    setup, other, method, resource, action
):
    theirs = passed_motion(other)
    draft = charter.draft_charter(
        other.alliance, title="章程", text="草案", actor=None, source=SYSTEM
    )
    foreign = {
        "meetings": theirs.meeting_id,
        "motions": theirs.pk,
        "resolutions": theirs.resolution.pk,
        "offices": appoint_chair(other).pk,
        "terms": other.term.pk,
        "charter-versions": draft.pk,
    }[resource]

    response = getattr(caller(setup.secretariat), method)(url(setup, resource, foreign, action), {})

    assert response.status_code == 404


def test_a_ballot_naming_another_alliances_candidate_is_400(setup, other):
    theirs = voting.propose_motion(
        other.meeting(), title="选举", kind=MotionKind.ELECTION, office="supervisor", seats=1,
        candidates=[(None, "外人")], actor=None, source=SYSTEM,
    )  # fmt: skip
    motion = voting.propose_motion(
        setup.meeting(), title="选举", kind=MotionKind.ELECTION, office="supervisor", seats=1,
        candidates=[(None, "自己人")], actor=None, source=SYSTEM,
    )  # fmt: skip
    voting.open_voting(motion, actor=None, source=SYSTEM)

    response = caller(rep_of(setup)).post(
        url(setup, "motions", motion.pk, "ballots"), {"candidates": [theirs.candidates.get().pk]}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"candidates"}
    assert not Vote.objects.exists()


# Query counts and the schema -------------------------------------------------------------------


def build_rows(setup, count: int) -> None:
    """``count`` meetings, each with a passed tier-change motion, an office and a charter."""
    for index in range(count):
        meeting = setup.meeting()
        passed_motion(
            setup, meeting, kind=MotionKind.TIER_CHANGE, title=f"议案{index}",
            tier_changes=[(setup.members[index % 2], "director" if index % 2 else "vice_chair")],
        )  # fmt: skip
        version = charter.draft_charter(
            setup.alliance, title=f"章程{index}", text="条文", actor=None, source=SYSTEM
        )
        passed_motion(setup, meeting, kind=MotionKind.CHARTER, charter_version=version)
        council.add_rotation_slot(
            setup.term, setup.units[index], starts_on=date(2021, 1, 1 + index),
            ends_on=date(2021, 1, 1 + index), actor=None, source=SYSTEM,
        )  # fmt: skip


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("resource", "queries"),
    [
        ("council", 3),  # alliance, offices, rotating chair
        ("terms", 3),  # alliance, count, page
        ("offices", 3),
        ("charter-versions", 4),  # alliance, roles, count, page
        ("meetings", 4),
        ("resolutions", 4),
        ("motions", 6),  # … and the tier changes and candidates of the page
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    setup, django_assert_num_queries, count, resource, queries
):
    build_rows(setup, count)
    client = caller(setup.secretariat)

    with django_assert_num_queries(queries):
        response = client.get(url(setup, resource), {"on": "2021-06-01"})

    assert response.status_code == 200


def test_schema_describes_every_governance_route(db):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = set(response.json()["paths"])
    prefix = "/api/v1/alliances/{slug}/"
    assert {
        f"{prefix}council/", f"{prefix}terms/", f"{prefix}terms/{{id}}/", f"{prefix}offices/",
        f"{prefix}offices/{{id}}/", f"{prefix}meetings/", f"{prefix}meetings/{{id}}/",
        f"{prefix}meetings/{{id}}/attendance/", f"{prefix}motions/", f"{prefix}motions/{{id}}/",
        f"{prefix}motions/{{id}}/open/", f"{prefix}motions/{{id}}/close/",
        f"{prefix}motions/{{id}}/ballots/", f"{prefix}resolutions/", f"{prefix}resolutions/{{id}}/",
        f"{prefix}charter-versions/", f"{prefix}charter-versions/{{id}}/",
        f"{prefix}memberships/", f"{prefix}memberships/{{id}}/", f"{prefix}applications/",
        f"{prefix}applications/{{id}}/", f"{prefix}applications/{{id}}/approve/",
        f"{prefix}applications/{{id}}/reject/",
    } <= paths  # fmt: skip
