"""Changing and removing what is on an event's programme: bodies, agenda sessions, speakers and
registration questions — the rules they were added under, the audit log's before and after,
answered questions, and refusals that save nothing."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.events.domain import answers, programme
from alliancehub.events.domain import registration as registrations
from alliancehub.events.enums import BodyRole, QuestionKind
from alliancehub.events.models import Answer, EventBody, Question, Session, Speaker
from tests.factories import OrganizationFactory
from tests.factories.events import EventFactory, register, secretariat_of

SYSTEM = Source.SYSTEM
WEB = Source.WEB


@pytest.fixture
def event(db):
    return EventFactory(title="氢能产业论坛")


@pytest.fixture
def desk(event):
    """The secretariat, as the actor of every change."""
    return secretariat_of(event.alliance)


def log(model, pk: int, action: str = "") -> list[tuple[str, dict, int | None, str]]:
    """The audit entries of ``model`` number ``pk`` (also once it is deleted), oldest first."""
    entries = AuditLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
    ).order_by("id")
    if action:
        entries = entries.filter(action=action)
    return [(e.action, e.changes, e.actor_id, e.source) for e in entries]


def refused(action) -> list[str] | dict[str, list[str]]:
    """The messages (or messages by field) of the ``ValidationError`` that ``action`` raises."""
    with pytest.raises(ValidationError) as error, translation.override("en"):
        action()
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


def body(event, role=BodyRole.ORGANIZER, **named):
    return programme.add_body(event, role, actor=None, source=SYSTEM, **named)


def session(event, title="主旨演讲", **details):
    return programme.add_session(event, title=title, actor=None, source=SYSTEM, **details)


def speaker(session, name="张焰峰", **details):
    return programme.add_speaker(session, name=name, actor=None, source=SYSTEM, **details)


def question(event, kind=QuestionKind.SINGLE_CHOICE, choices=("素食", "清真"), **details):
    return answers.add_question(event, text=details.pop("text", "饮食"), kind=kind,
                                choices=choices, actor=None, source=SYSTEM, **details)  # fmt: skip


# Bodies ------------------------------------------------------------------------------------


def test_update_body_fixes_a_typed_name_and_audits_before_and_after(event, desk):
    typed = body(event, name="嘉定区侨连")

    changed = programme.update_body(typed, {"name": " 嘉定区侨联 "}, actor=desk, source=WEB)

    assert EventBody.objects.get(pk=typed.pk).name == changed.name == "嘉定区侨联"
    assert log(EventBody, typed.pk, "update") == [
        ("update", {"name": ["嘉定区侨连", "嘉定区侨联"]}, desk.pk, WEB)
    ]


def test_update_body_with_an_organisation_of_the_registry_drops_the_typed_name(event, desk):
    typed = body(event, name="同济园区")
    park = OrganizationFactory(name="上海同济经济园区发展有限公司")

    programme.update_body(typed, {"organization": park, "name": park.name}, actor=desk,
                          source=WEB)  # fmt: skip

    typed.refresh_from_db()
    assert (typed.organization, typed.name) == (park, "")
    assert log(EventBody, typed.pk, "update")[0][1] == {
        "organization": [None, str(park.pk)], "name": ["同济园区", ""],
    }  # fmt: skip


def test_update_body_with_a_new_role_goes_after_the_others_of_that_role(event, desk):
    body(event, name="主办甲")
    body(event, name="主办乙")
    guiding = body(event, BodyRole.GUIDING_UNIT, name="嘉定区侨联")

    programme.update_body(guiding, {"role": BodyRole.ORGANIZER}, actor=desk, source=WEB)

    assert list(event.bodies.filter(role=BodyRole.ORGANIZER).values_list("name", "order")) == [
        ("主办甲", 1), ("主办乙", 2), ("嘉定区侨联", 3),
    ]  # fmt: skip
    assert log(EventBody, guiding.pk, "update")[0][1] == {
        "role": ["guiding", "organizer"], "order": [1, 3],
    }  # fmt: skip


def test_update_body_refuses_an_organisation_already_in_the_role_and_saves_nothing(event, desk):
    park = OrganizationFactory(name="上海同济经济园区发展有限公司")
    body(event, organization=park)
    typed = body(event, name="同济园区")

    messages = refused(lambda: programme.update_body(
        typed, {"organization": park}, actor=desk, source=WEB))  # fmt: skip

    assert messages == {"__all__": ["This organisation already has this role at the event."]}
    typed.refresh_from_db()
    assert (typed.organization, typed.name) == (None, "同济园区")
    assert log(EventBody, typed.pk, "update") == []


def test_update_body_refuses_a_body_without_a_name(event, desk):
    typed = body(event, name="嘉定区侨联")

    messages = refused(lambda: programme.update_body(typed, {"name": "  "}, actor=desk,
                                                     source=WEB))  # fmt: skip

    assert messages == {"__all__": ["Choose an organisation or type the body's name."]}
    assert EventBody.objects.get(pk=typed.pk).name == "嘉定区侨联"


def test_a_body_never_moves_to_another_event(event, desk):
    typed = body(event, name="嘉定区侨联")

    with pytest.raises(TypeError):
        programme.update_body(typed, {"event": EventFactory(alliance=event.alliance)},
                              actor=desk, source=WEB)  # fmt: skip

    assert EventBody.objects.get(pk=typed.pk).event == event


def test_remove_body_keeps_its_last_values_in_the_audit_log(event, desk):
    park = OrganizationFactory(name="上海同济经济园区发展有限公司")
    gone = body(event, organization=park)
    kept = body(event, name="嘉定区侨联")

    programme.remove_body(gone, actor=desk, source=WEB)

    assert list(event.bodies.all()) == [kept]
    assert log(EventBody, gone.pk, "delete") == [
        ("delete", {"role": ["organizer", None], "organization": [str(park.pk), None],
                    "order": [1, None]}, desk.pk, WEB),
    ]  # fmt: skip


# Sessions ----------------------------------------------------------------------------------


def test_a_session_moved_by_an_hour_is_saved_and_audited(event, desk):
    starts = event.starts_at + timedelta(hours=1)
    keynote = session(event, starts_at=starts, ends_at=starts + timedelta(hours=1))
    later = starts + timedelta(hours=1)

    programme.update_session(keynote, {"starts_at": later, "ends_at": later + timedelta(hours=1),
                                       "room": "A厅"}, actor=desk, source=WEB)  # fmt: skip

    keynote.refresh_from_db()
    assert (keynote.starts_at, keynote.ends_at, keynote.room) == (
        later, later + timedelta(hours=1), "A厅"
    )  # fmt: skip
    assert log(Session, keynote.pk, "update") == [("update", {
        "starts_at": [str(starts), str(later)],
        "ends_at": [str(starts + timedelta(hours=1)), str(later + timedelta(hours=1))],
        "room": ["", "A厅"],
    }, desk.pk, WEB)]  # fmt: skip


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
def test_a_session_moved_outside_the_event_is_refused_as_when_adding(event, desk, field):
    keynote = session(event, starts_at=event.starts_at)

    messages = refused(lambda: programme.update_session(
        keynote, {"title": "晚宴", field: event.ends_at + timedelta(hours=2)}, actor=desk,
        source=WEB))  # fmt: skip

    assert messages == ["A session must take place during the event."]
    keynote.refresh_from_db()
    assert (keynote.title, keynote.starts_at, keynote.ends_at) == ("主旨演讲", event.starts_at,
                                                                   None)  # fmt: skip
    assert log(Session, keynote.pk, "update") == []


def test_a_session_cannot_end_before_it_starts(event, desk):
    keynote = session(event, starts_at=event.starts_at + timedelta(hours=2))

    messages = refused(lambda: programme.update_session(
        keynote, {"ends_at": event.starts_at + timedelta(hours=1)}, actor=desk, source=WEB))  # fmt: skip

    assert messages == {"__all__": ["A session cannot end before it starts."]}
    assert Session.objects.get(pk=keynote.pk).ends_at is None


def test_removing_a_session_removes_its_speakers_and_audits_each(event, desk):
    panel = session(event, title="圆桌对话")
    first, second = speaker(panel, name="张焰峰", title="秘书长"), speaker(panel, name="李明")
    kept = speaker(session(event, title="闭幕"), name="王芳")

    programme.remove_session(panel, actor=desk, source=WEB)

    assert list(Session.objects.values_list("title", flat=True)) == ["闭幕"]
    assert list(Speaker.objects.all()) == [kept]
    assert log(Speaker, first.pk) == [
        ("create", {"name": [None, "张焰峰"], "title": [None, "秘书长"], "keynote": [None, False]},
         None, SYSTEM),
        ("delete", {"session": [str(panel.pk), None], "name": ["张焰峰", None],
                    "title": ["秘书长", None], "keynote": [False, None], "order": [1, None]},
         desk.pk, WEB),
    ]  # fmt: skip
    assert log(Speaker, second.pk, "delete")[0][1]["name"] == ["李明", None]
    assert log(Session, panel.pk, "delete") == [
        ("delete", {"order": [1, None], "title": ["圆桌对话", None]}, desk.pk, WEB)
    ]


# Speakers ----------------------------------------------------------------------------------


def test_a_speakers_name_is_corrected_and_audited(event, desk):
    keynote = speaker(session(event), name="张炎峰", title="秘书长")

    programme.update_speaker(keynote, {"name": "张焰峰 ", "title": "秘书长", "keynote": True},
                             actor=desk, source=WEB)  # fmt: skip

    keynote.refresh_from_db()
    assert (keynote.name, keynote.keynote) == ("张焰峰", True)
    assert log(Speaker, keynote.pk, "update") == [
        ("update", {"name": ["张炎峰", "张焰峰"], "keynote": [False, True]}, desk.pk, WEB)
    ]


def test_a_speaker_moves_to_another_session_after_the_speakers_there(event, desk):
    opening, panel = session(event, title="开幕"), session(event, title="圆桌对话")
    speaker(panel, name="李明")
    moved = speaker(opening, name="张焰峰")

    programme.update_speaker(moved, {"session": panel}, actor=desk, source=WEB)

    assert list(panel.speakers.values_list("name", "order")) == [("李明", 1), ("张焰峰", 2)]
    assert not opening.speakers.exists()
    assert log(Speaker, moved.pk, "update")[0][1] == {
        "session": [str(opening.pk), str(panel.pk)], "order": [1, 2],
    }  # fmt: skip


def test_a_speaker_does_not_move_to_another_events_session(event, desk):
    keynote = speaker(session(event), name="张焰峰")
    elsewhere = session(EventFactory(alliance=event.alliance), title="别处")

    messages = refused(lambda: programme.update_speaker(
        keynote, {"session": elsewhere, "name": "改名"}, actor=desk, source=WEB))  # fmt: skip

    assert messages == {"session": ["Choose a session of this event."]}
    keynote.refresh_from_db()
    assert (keynote.session.event, keynote.name) == (event, "张焰峰")


def test_remove_speaker_keeps_the_others(event, desk):
    panel = session(event)
    gone, kept = speaker(panel, name="张焰峰"), speaker(panel, name="李明")

    programme.remove_speaker(gone, actor=desk, source=WEB)

    assert list(panel.speakers.all()) == [kept]
    assert log(Speaker, gone.pk, "delete")[0][1]["name"] == ["张焰峰", None]


# Questions ---------------------------------------------------------------------------------


def test_a_question_nobody_answered_changes_freely(event, desk):
    diet = question(event)

    answers.update_question(diet, {"text": "住宿 ", "kind": QuestionKind.YES_NO, "choices": [],
                                   "required": True}, actor=desk, source=WEB)  # fmt: skip

    diet.refresh_from_db()
    assert (diet.text, diet.kind, diet.choices, diet.required) == ("住宿", "yes_no", [], True)
    assert log(Question, diet.pk, "update") == [("update", {
        "text": ["饮食", "住宿"], "kind": ["single_choice", "yes_no"],
        "choices": [["素食", "清真"], []], "required": [False, True],
    }, desk.pk, WEB)]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"choices": ["素食", " "]}, "Give at least two different options."),
        ({"choices": ["素食", "素食"]}, "Give at least two different options."),
        ({"kind": QuestionKind.SHORT_TEXT}, "Only choice questions have options."),
    ],
)
def test_a_questions_options_follow_the_rules_of_adding(event, desk, change, message):
    diet = question(event)

    assert refused(lambda: answers.update_question(diet, change, actor=desk,
                                                   source=WEB)) == [message]  # fmt: skip
    assert Question.objects.get(pk=diet.pk).choices == ["素食", "清真"]


def test_an_answered_question_changes_its_wording_and_requiredness_only(event, desk):
    diet = question(event)
    register(event, "Ann", answers={diet.pk: "清真"})

    answers.update_question(diet, {"text": "饮食要求", "kind": QuestionKind.SINGLE_CHOICE,
                                   "choices": ["素食", "清真"], "required": True},
                            actor=desk, source=WEB)  # fmt: skip

    diet.refresh_from_db()
    assert (diet.text, diet.required, diet.choices) == ("饮食要求", True, ["素食", "清真"])
    assert log(Question, diet.pk, "update")[0][1] == {
        "text": ["饮食", "饮食要求"], "required": [False, True],
    }  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"kind": QuestionKind.MULTIPLE_CHOICE},
        {"choices": ["素食", "清真", "无"]},
        {"choices": ["清真", "素食"]},
        {"text": "改", "kind": QuestionKind.SHORT_TEXT, "choices": []},
    ],
)
def test_an_answered_question_keeps_its_kind_and_options(event, desk, change):
    diet = question(event)
    register(event, "Ann", answers={diet.pk: "清真"})

    with pytest.raises(ValidationError) as error, translation.override("en"):
        answers.update_question(diet, change, actor=desk, source=WEB)

    assert error.value.messages == [
        "Registrants have already answered this question: its kind of answer and its options "
        "can no longer change, only its wording and whether an answer is required."
    ]
    assert error.value.code == "answered"
    diet.refresh_from_db()
    assert (diet.text, diet.kind, diet.choices) == ("饮食", "single_choice", ["素食", "清真"])
    assert log(Question, diet.pk, "update") == []


def test_an_answered_question_is_not_removed(event, desk):
    diet = question(event)
    ann = register(event, "Ann", answers={diet.pk: "清真"})
    # A cancelled registration's answers are kept for the record: they count too.
    registrations.cancel_registration(ann, actor=None, source=SYSTEM)

    messages = refused(lambda: answers.remove_question(diet, actor=desk, source=WEB))

    assert messages == [
        "Registrants have already answered this question; removing it would delete their answers."
    ]
    assert Question.objects.filter(pk=diet.pk).exists()
    assert list(Answer.objects.values_list("value", flat=True)) == ["清真"]
    assert log(Question, diet.pk, "delete") == []


def test_a_question_nobody_answered_is_removed_with_its_last_values_audited(event, desk):
    diet, lunch = question(event), question(event, kind=QuestionKind.YES_NO, choices=(),
                                            text="午餐")  # fmt: skip
    register(event, "Ann", answers={lunch.pk: True})

    answers.remove_question(diet, actor=desk, source=WEB)

    assert list(event.questions.all()) == [lunch]
    assert log(Question, diet.pk, "delete") == [("delete", {
        "text": ["饮食", None], "kind": ["single_choice", None],
        "choices": [["素食", "清真"], None], "required": [False, None],
    }, desk.pk, WEB)]  # fmt: skip


def test_a_registration_answers_the_question_as_it_is_after_the_change(event, desk):
    diet = question(event)
    answers.update_question(diet, {"choices": ["素食", "清真", "无要求"]}, actor=desk, source=WEB)

    ann = register(event, "Ann", answers={diet.pk: "无要求"})

    assert ann.answers.get().value == "无要求"
