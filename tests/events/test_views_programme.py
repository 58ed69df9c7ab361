"""The secretariat's pages for editing and removing bodies, sessions, speakers and questions
of an event's programme: what the programme page offers, the edit pages, refusals (400 with
the domain's message), and nobody else's access."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import answers, programme
from alliancehub.events.enums import BodyRole, QuestionKind
from alliancehub.events.models import EventBody, Question, Session, Speaker
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import AllianceFactory, EventFactory, register, secretariat_of

from .test_views import text

SYSTEM = Source.SYSTEM


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def event(db):
    return EventFactory(title="氢能产业论坛")


@pytest.fixture
def desk(client, event):
    """The client, signed in as the event's secretariat."""
    client.force_login(secretariat_of(event.alliance))
    return client


@pytest.fixture
def items(event):
    """One of each: a body, a session with its speaker, a question."""
    session = programme.add_session(event, title="主旨演讲", starts_at=event.starts_at,
                                    actor=None, source=SYSTEM)  # fmt: skip
    return {
        "body": programme.add_body(event, BodyRole.GUIDING_UNIT, name="嘉定区侨联", actor=None,
                                   source=SYSTEM),
        "session": session,
        "speaker": programme.add_speaker(session, name="张炎峰", title="秘书长", actor=None,
                                         source=SYSTEM),
        "question": answers.add_question(event, text="饮食", kind=QuestionKind.SINGLE_CHOICE,
                                         choices=["素食", "清真"], actor=None, source=SYSTEM),
    }  # fmt: skip


def url(name: str, event, *args) -> str:
    return reverse(f"events:{name}", args=[event.alliance.slug, event.pk, *args])


def programme_page(event, section: str) -> str:
    return f"{url('manage', event)}#{section}"


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def alerts(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


KINDS = ["body", "session", "speaker", "question"]


# The programme page ------------------------------------------------------------------------


def test_the_programme_page_offers_to_edit_and_remove_each_item(desk, event, items):
    page = text(desk.get(url("manage", event)))

    for kind, item in items.items():
        assert f'href="{url(f"{kind}-edit", event, item.pk)}"' in page
        assert f'action="{url(f"{kind}-remove", event, item.pk)}"' in page
    assert 'data-confirm="Remove 嘉定区侨联 from the programme?"' in page
    assert 'data-confirm="Remove the session “主旨演讲” and its speakers from the agenda?"' in page
    assert 'data-confirm="Remove 张炎峰 from the speakers?"' in page
    assert 'data-confirm="Remove the question “饮食” from the registration form?"' in page


def test_an_edit_page_shows_the_item_as_it_is(desk, event, items):
    park = OrganizationFactory(name="上海同济经济园区发展有限公司", name_en="Tongji Park")
    linked = programme.add_body(event, BodyRole.HOST, organization=park, actor=None,
                                source=SYSTEM)  # fmt: skip

    body = desk.get(url("body-edit", event, linked.pk))
    session = desk.get(url("session-edit", event, items["session"].pk))
    question = desk.get(url("question-edit", event, items["question"].pk))

    assert body.status_code == 200
    # The registry's own name, which finds the organisation again when saved.
    assert body.context["form"]["name"].value() == "上海同济经济园区发展有限公司"
    assert body.context["form"]["role"].value() == "host"
    assert f'value="{local(event.starts_at)}"' in text(session)
    assert question.context["form"]["choices"].value() == "素食\n清真"
    assert '<h2 class="h5">Edit the question</h2>' in text(question)


# Editing -----------------------------------------------------------------------------------


def test_the_secretariat_fixes_a_speakers_name_and_goes_back_to_the_programme(desk, event, items):
    speaker = items["speaker"]
    form = {"session": items["session"].pk, "name": "张焰峰", "title": "秘书长", "keynote": "on"}

    response = desk.post(url("speaker-edit", event, speaker.pk), form)
    shown = desk.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == programme_page(event, "agenda")
    speaker.refresh_from_db()
    assert (speaker.name, speaker.keynote) == ("张焰峰", True)
    assert alerts(shown) == ["The changes were saved."]


def test_a_session_moved_by_an_hour_is_saved(desk, event, items):
    later = event.starts_at + timedelta(hours=1)

    response = desk.post(url("session-edit", event, items["session"].pk),
                         {"title": "主旨演讲", "starts_at": local(later), "room": "A厅"})  # fmt: skip

    session = Session.objects.get()
    assert response["Location"] == programme_page(event, "agenda")
    assert (local(session.starts_at), session.room) == (local(later), "A厅")


def test_a_session_moved_outside_the_event_is_refused_with_the_reason(desk, event, items):
    late = local(event.ends_at + timedelta(hours=2))

    response = desk.post(url("session-edit", event, items["session"].pk),
                         {"title": "晚宴", "starts_at": late})  # fmt: skip

    assert response.status_code == 400
    assert "A session must take place during the event." in text(response)
    assert Session.objects.get().title == "主旨演讲"


def test_a_body_is_renamed_and_linked_to_the_registry(desk, event, items):
    park = OrganizationFactory(name="上海同济经济园区发展有限公司")

    desk.post(url("body-edit", event, items["body"].pk),
              {"role": "organizer", "name": "上海同济经济园区发展有限公司"})  # fmt: skip

    body = EventBody.objects.get()
    assert (body.role, body.organization, body.name) == ("organizer", park, "")


def test_a_body_without_a_name_is_refused(desk, event, items):
    response = desk.post(url("body-edit", event, items["body"].pk), {"role": "organizer"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert EventBody.objects.get().role == "guiding"


def test_a_question_nobody_answered_changes_its_kind(desk, event, items):
    desk.post(url("question-edit", event, items["question"].pk),
              {"text": "是否用餐", "kind": "yes_no", "choices": "", "required": "on"})  # fmt: skip

    question = Question.objects.get()
    assert (question.text, question.kind, question.choices, question.required) == (
        "是否用餐", "yes_no", [], True
    )  # fmt: skip


def test_a_choice_question_with_one_option_is_refused_on_the_edit_page(desk, event, items):
    response = desk.post(url("question-edit", event, items["question"].pk),
                         {"text": "饮食", "kind": "single_choice", "choices": "素食"})  # fmt: skip

    assert response.status_code == 400
    assert "Give at least two different options." in text(response)
    assert Question.objects.get().choices == ["素食", "清真"]


def test_an_answered_question_offers_only_its_wording_and_requiredness(desk, event, items):
    question = items["question"]
    register(event, "Ann", answers={question.pk: "清真"})

    page = desk.get(url("question-edit", event, question.pk))
    desk.post(url("question-edit", event, question.pk),
              {"text": "饮食要求", "kind": "short_text", "choices": "", "required": "on"})  # fmt: skip

    form = page.context["form"]
    assert (form.fields["kind"].disabled, form.fields["choices"].disabled) == (True, True)
    assert ("Registrants have already answered this question, so its kind of answer and its "
            "options stay as they are.") in text(page)  # fmt: skip
    question.refresh_from_db()
    assert (question.text, question.required, question.kind, question.choices) == (
        "饮食要求", True, "single_choice", ["素食", "清真"]
    )  # fmt: skip


def test_an_empty_edit_form_is_refused(desk, event, items):
    response = desk.post(url("speaker-edit", event, items["speaker"].pk))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"session", "name"}


# Removing ----------------------------------------------------------------------------------


def test_the_secretariat_removes_each_kind_of_item(desk, event, items):
    other = programme.add_session(event, title="闭幕", actor=None, source=SYSTEM)
    kept = programme.add_speaker(other, name="王芳", actor=None, source=SYSTEM)

    speaker = desk.post(url("speaker-remove", event, items["speaker"].pk))
    body = desk.post(url("body-remove", event, items["body"].pk))
    session = desk.post(url("session-remove", event, items["session"].pk))
    question = desk.post(url("question-remove", event, items["question"].pk), follow=True)

    assert [speaker["Location"], body["Location"], session["Location"]] == [
        programme_page(event, "agenda"), programme_page(event, "bodies"),
        programme_page(event, "agenda"),
    ]  # fmt: skip
    assert alerts(question) == [
        "The speaker was removed.", "The body was removed from the programme.",
        "The session and its speakers were removed from the agenda.",
        "The question was removed from the registration form.",
    ]  # fmt: skip
    assert list(Session.objects.all()) == [other]
    assert list(Speaker.objects.all()) == [kept]
    assert not EventBody.objects.exists()
    assert not Question.objects.exists()


def test_removing_an_answered_question_is_refused_with_the_reason(desk, event, items):
    register(event, "Ann", answers={items["question"].pk: "清真"})

    response = desk.post(url("question-remove", event, items["question"].pk), follow=True)

    assert alerts(response) == [
        "Registrants have already answered this question; removing it would delete their answers."
    ]
    assert Question.objects.filter(pk=items["question"].pk).exists()


def test_removing_takes_a_post(desk, event, items):
    response = desk.get(url("body-remove", event, items["body"].pk))

    assert response.status_code == 405
    assert EventBody.objects.exists()


# Nobody else -------------------------------------------------------------------------------


def every_page(event, items, *, of=None) -> list[tuple[str, str]]:
    """Each item's edit page (GET) and remove button (POST), under ``of`` (its own event)."""
    event = of or event
    return [("get", url(f"{kind}-edit", event, items[kind].pk)) for kind in KINDS] + [
        ("post", url(f"{kind}-remove", event, items[kind].pk)) for kind in KINDS
    ]


@pytest.mark.parametrize("who", ["anonymous", "member", "other_secretariat"])
def test_nobody_but_the_alliances_secretariat_edits_or_removes(client, event, items, who):
    if who == "member":
        member = UserFactory(username="member")
        AllianceRole.objects.create(user=member, alliance=event.alliance,
                                    role=AllianceRole.Kind.MEMBER,
                                    organization=OrganizationFactory())  # fmt: skip
        client.force_login(member)
    elif who == "other_secretariat":
        client.force_login(secretariat_of(AllianceFactory()))

    codes = {getattr(client, method)(address).status_code for method, address in every_page(
        event, items)}  # fmt: skip

    assert codes == ({302} if who == "anonymous" else {403})
    assert (EventBody.objects.count(), Session.objects.count(), Speaker.objects.count(),
            Question.objects.count()) == (1, 1, 1, 1)  # fmt: skip


def test_another_alliances_items_are_not_found_through_ones_own_alliance(client, event, items):
    other = AllianceFactory()
    own_event = EventFactory(alliance=other)
    client.force_login(secretariat_of(other))

    # The other alliance's event under one's own alliance's address …
    foreign = [(method, address.replace(f"/{event.alliance.slug}/", f"/{other.slug}/"))
               for method, address in every_page(event, items)]  # fmt: skip
    # … and its items under one's own event.
    mixed = every_page(event, items, of=own_event)
    codes = {getattr(client, method)(address).status_code for method, address in foreign + mixed}

    assert codes == {404}
    assert Question.objects.count() == 1


def test_an_item_of_another_event_of_the_alliance_is_not_found(desk, event, items):
    sibling = EventFactory(alliance=event.alliance)

    codes = {getattr(desk, method)(address).status_code
             for method, address in every_page(event, items, of=sibling)}  # fmt: skip

    assert codes == {404}
    assert Speaker.objects.get().session.event == event
