"""Changing and removing an event's bodies, sessions, speakers and questions through the API:
whole payloads of what was added and changed, 204 for what was removed, the domain's refusals
(400), and nobody but the alliance's secretariat (401, 403, 404)."""

from datetime import timedelta

import pytest

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.events.domain import answers, programme
from alliancehub.events.enums import BodyRole, QuestionKind
from alliancehub.events.models import EventBody, Question, Session, Speaker
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import AllianceFactory, EventFactory, register, secretariat_of

from .test_api import english_api, events_url, iso

SYSTEM = Source.SYSTEM


@pytest.fixture
def event(db):
    return EventFactory(title="氢能产业论坛")


@pytest.fixture
def api(event):
    return english_api(secretariat_of(event.alliance))


@pytest.fixture
def items(event):
    """One of each: a body, a session with its speaker, a question."""
    session = programme.add_session(event, title="主旨演讲", starts_at=event.starts_at,
                                    actor=None, source=SYSTEM)  # fmt: skip
    return {
        "bodies": programme.add_body(event, BodyRole.GUIDING_UNIT, name="嘉定区侨联", actor=None,
                                     source=SYSTEM),
        "sessions": session,
        "speakers": programme.add_speaker(session, name="张炎峰", title="秘书长", actor=None,
                                          source=SYSTEM),
        "questions": answers.add_question(event, text="饮食", kind=QuestionKind.SINGLE_CHOICE,
                                          choices=["素食", "清真"], actor=None, source=SYSTEM),
    }  # fmt: skip


def item_url(event, kind: str, item) -> str:
    return events_url(event, f"{kind}/{item.pk}")


def speaker_payload(speaker, **changes) -> dict:
    return {
        "id": speaker.pk, "session": speaker.session_id, "order": speaker.order,
        "name": speaker.name, "title": speaker.title, "organization": speaker.organization_id,
        "talk": speaker.talk, "keynote": speaker.keynote,
    } | changes  # fmt: skip


# Adding shows what was added ---------------------------------------------------------------


def test_what_the_secretariat_adds_comes_back_with_its_id(api, event):
    session = api.post(events_url(event, "sessions"), {"title": "主旨演讲"}, format="json")
    added = Session.objects.get()
    speaker = api.post(events_url(event, f"sessions/{added.pk}/speakers"),
                       {"name": "张焰峰"}, format="json")  # fmt: skip
    body = api.post(events_url(event, "bodies"), {"role": "host", "name": "安亭镇"},
                    format="json")  # fmt: skip
    question = api.post(events_url(event, "questions"), {"text": "午餐", "kind": "yes_no"},
                        format="json")  # fmt: skip

    assert (session.status_code, session.json()) == (201, {
        "id": added.pk, "order": 1, "title": "主旨演讲", "starts_at": None, "ends_at": None,
        "room": "", "description": "", "speakers": [],
    })  # fmt: skip
    assert speaker.json() == speaker_payload(Speaker.objects.get(), name="张焰峰", title="")
    assert body.json() == {"id": EventBody.objects.get().pk, "role": "host", "name": "安亭镇",
                           "organization": None, "order": 1}  # fmt: skip
    assert question.json() == {"id": Question.objects.get().pk, "text": "午餐", "kind": "yes_no",
                               "choices": [], "required": False}  # fmt: skip


# Changing ----------------------------------------------------------------------------------


def test_patching_a_body_links_it_to_the_registry(api, event, items):
    park = OrganizationFactory(name="上海同济经济园区发展有限公司", name_en="Tongji Park")
    body = items["bodies"]

    response = api.patch(item_url(event, "bodies", body), {"role": "organizer",
                         "organization": park.pk}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (200, {
        "id": body.pk, "role": "organizer", "name": "Tongji Park", "organization": park.pk,
        "order": 1,
    })  # fmt: skip
    entry = AuditLogEntry.objects.filter(action="update", object_id=str(body.pk)).get()
    assert (entry.source, entry.changes["role"]) == ("api", ["guiding", "organizer"])


def test_patching_a_session_moves_it_and_shows_its_speakers(api, event, items):
    session, speaker = items["sessions"], items["speakers"]
    later = event.starts_at + timedelta(hours=1)

    response = api.patch(item_url(event, "sessions", session),
                         {"starts_at": iso(later), "ends_at": iso(later + timedelta(hours=1)),
                          "room": "A厅"}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (200, {
        "id": session.pk, "order": 1, "title": "主旨演讲", "starts_at": iso(later),
        "ends_at": iso(later + timedelta(hours=1)), "room": "A厅", "description": "",
        "speakers": [speaker_payload(speaker)],
    })  # fmt: skip


def test_a_session_patched_outside_the_event_is_refused(api, event, items):
    late = iso(event.ends_at + timedelta(hours=2))

    response = api.patch(item_url(event, "sessions", items["sessions"]), {"starts_at": late},
                         format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (
        400, {"detail": ["A session must take place during the event."]}
    )  # fmt: skip
    assert Session.objects.get().starts_at == event.starts_at


def test_patching_a_speaker_fixes_their_name_and_moves_them(api, event, items):
    speaker = items["speakers"]
    panel = programme.add_session(event, title="圆桌对话", actor=None, source=SYSTEM)

    response = api.patch(item_url(event, "speakers", speaker),
                         {"name": "张焰峰", "keynote": True, "session": panel.pk}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (200, speaker_payload(
        speaker, session=panel.pk, name="张焰峰", keynote=True))  # fmt: skip


def test_a_speaker_is_not_moved_to_another_events_session(api, event, items):
    elsewhere = programme.add_session(EventFactory(alliance=event.alliance), title="别处",
                                      actor=None, source=SYSTEM)  # fmt: skip

    response = api.patch(item_url(event, "speakers", items["speakers"]),
                         {"session": elsewhere.pk}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (
        400, {"session": [f'Invalid pk "{elsewhere.pk}" - object does not exist.']}
    )  # fmt: skip
    assert Speaker.objects.get().session == items["sessions"]


def test_patching_an_answered_question_changes_its_wording_only(api, event, items):
    question = items["questions"]
    register(event, "Ann", answers={question.pk: "清真"})

    reworded = api.patch(item_url(event, "questions", question),
                         {"text": "饮食要求", "required": True}, format="json")  # fmt: skip
    other_kind = api.patch(item_url(event, "questions", question), {"kind": "short_text",
                           "choices": []}, format="json")  # fmt: skip

    assert (reworded.status_code, reworded.json()) == (200, {
        "id": question.pk, "text": "饮食要求", "kind": "single_choice",
        "choices": ["素食", "清真"], "required": True,
    })  # fmt: skip
    assert (other_kind.status_code, other_kind.json()) == (400, {
        "detail": ["Registrants have already answered this question: its kind of answer and "
                   "its options can no longer change, only its wording and whether an answer "
                   "is required."],
        "code": "answered",
    })  # fmt: skip
    assert Question.objects.get().kind == "single_choice"


def test_patching_a_question_nobody_answered_changes_its_options(api, event, items):
    question = items["questions"]

    response = api.patch(item_url(event, "questions", question),
                         {"choices": ["素食", "清真", "无要求"]}, format="json")  # fmt: skip
    one_option = api.patch(item_url(event, "questions", question), {"choices": ["素食"]},
                           format="json")  # fmt: skip

    assert response.json()["choices"] == ["素食", "清真", "无要求"]
    assert one_option.json() == {"detail": ["Give at least two different options."]}


# Removing ----------------------------------------------------------------------------------


def test_deleting_each_kind_of_item(api, event, items):
    kept = programme.add_speaker(
        programme.add_session(event, title="闭幕", actor=None, source=SYSTEM), name="王芳",
        actor=None, source=SYSTEM,
    )  # fmt: skip

    codes = [api.delete(item_url(event, kind, items[kind])).status_code
             for kind in ("bodies", "speakers", "sessions", "questions")]  # fmt: skip

    assert codes == [204] * 4
    assert list(Speaker.objects.all()) == [kept]
    assert list(Session.objects.all()) == [kept.session]
    assert (EventBody.objects.count(), Question.objects.count()) == (0, 0)
    assert AuditLogEntry.objects.filter(action="delete", source="api").count() == 4


def test_deleting_a_session_deletes_its_speakers(api, event, items):
    response = api.delete(item_url(event, "sessions", items["sessions"]))

    assert (response.status_code, Speaker.objects.count()) == (204, 0)


def test_deleting_an_answered_question_is_refused(api, event, items):
    register(event, "Ann", answers={items["questions"].pk: "素食"})

    response = api.delete(item_url(event, "questions", items["questions"]))

    assert (response.status_code, response.json()) == (400, {
        "detail": ["Registrants have already answered this question; removing it would delete "
                   "their answers."],
        "code": "answered",
    })  # fmt: skip
    assert Question.objects.exists()


# Nobody else -------------------------------------------------------------------------------

KINDS = ["bodies", "sessions", "speakers", "questions"]


def attempts(client, event, items, *, of=None) -> set[int]:
    """The status codes of a PATCH and a DELETE of each item, under ``of`` (its own event)."""
    codes = set()
    for kind in KINDS:
        address = item_url(of or event, kind, items[kind])
        codes.add(client.patch(address, {"name": "改"}, format="json").status_code)
        codes.add(client.delete(address).status_code)
    return codes


def everything_is_still_there(items) -> bool:
    speaker = Speaker.objects.get()
    return (speaker.name, EventBody.objects.count(), Session.objects.count(),
            Question.objects.count()) == ("张炎峰", 1, 1, 1)  # fmt: skip


def test_nobody_but_the_secretariat_changes_the_programme(event, items):
    member = UserFactory(username="member")
    AllianceRole.objects.create(user=member, alliance=event.alliance,
                                role=AllianceRole.Kind.MEMBER,
                                organization=OrganizationFactory())  # fmt: skip

    anonymous = attempts(english_api(), event, items)
    as_member = attempts(english_api(member), event, items)
    other_secretariat = attempts(english_api(secretariat_of(AllianceFactory())), event, items)

    assert (anonymous, as_member, other_secretariat) == ({401}, {403}, {403})
    assert everything_is_still_there(items)


def test_an_item_of_another_event_is_not_found(api, event, items):
    sibling = EventFactory(alliance=event.alliance)

    assert attempts(api, event, items, of=sibling) == {404}
    assert everything_is_still_there(items)


def test_another_alliances_items_are_not_found_through_ones_own_event(event, items):
    other = secretariat_of(AllianceFactory())
    own_event = EventFactory(alliance=other.alliance_roles.get().alliance)

    assert attempts(english_api(other), event, items, of=own_event) == {404}
    assert everything_is_still_there(items)


def test_a_draft_of_another_alliance_is_not_found_at_all(db):
    draft = EventFactory(status="draft")
    body = programme.add_body(draft, BodyRole.HOST, name="安亭镇", actor=None, source=SYSTEM)
    outsider = english_api(secretariat_of(AllianceFactory()))

    assert outsider.delete(item_url(draft, "bodies", body)).status_code == 404
    assert EventBody.objects.exists()
