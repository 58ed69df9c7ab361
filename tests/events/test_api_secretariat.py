"""The secretariat's decisions through the API: registrations, screening, scheduling, judges
and the release of the scores — whole payloads, refusals, and nobody else may."""

import pytest

from alliancehub.accounts.models import AllianceRole
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import roadshow
from alliancehub.events.models import JudgeAssignment, Registration
from tests.factories import UserFactory
from tests.factories.events import EventFactory, build_roadshow, register, secretariat_of

from .test_api import english_api, events_url

SYSTEM = Source.SYSTEM


@pytest.fixture
def pending(db):
    event = EventFactory(requires_approval=True)
    return event, register(event, "Zhang"), secretariat_of(event.alliance)


def test_the_secretariat_approves_and_rejects_registrations_through_the_api(pending):
    event, first, secretariat = pending
    second = register(event, "Li")
    api = english_api(secretariat)

    approved = api.post(events_url(event, f"registrations/{first.pk}/decide"), {"accept": True})
    no_reason = api.post(events_url(event, f"registrations/{second.pk}/decide"),
                         {"accept": False})  # fmt: skip
    rejected = api.post(events_url(event, f"registrations/{second.pk}/decide"),
                        {"accept": False, "reason": "名额已满"})  # fmt: skip

    assert (approved.status_code, approved.json()["status"]) == (200, "confirmed")
    assert no_reason.json() == {"detail": ["Give the reason for rejecting the registration."]}
    assert (rejected.json()["status"], Registration.objects.get(pk=second.pk).reason) == (
        "rejected", "名额已满"
    )  # fmt: skip


def test_nobody_but_the_secretariat_decides(pending):
    event, first, _secretariat = pending

    anonymous = english_api().post(events_url(event, f"registrations/{first.pk}/decide"),
                                   {"accept": True})  # fmt: skip
    member = english_api(UserFactory(username="nosy")).post(
        events_url(event, f"registrations/{first.pk}/decide"), {"accept": True}
    )

    assert (anonymous.status_code, member.status_code) == (401, 403)
    assert Registration.objects.get(pk=first.pk).status == "pending"


def test_screen_schedule_assign_and_release_through_the_api(db):
    setup = build_roadshow(pitches=0, judges=0)
    project = roadshow.submit_project(setup.roadshow, title="氢能重卡", actor=None, source=SYSTEM,
                                      organization_name="示范企业")  # fmt: skip
    expert = UserFactory(username="expert")
    AllianceRole.objects.create(user=expert, alliance=setup.event.alliance,
                                role=AllianceRole.Kind.EXPERT)  # fmt: skip
    api = english_api(setup.secretariat)

    screened = api.post(events_url(setup.event, f"projects/{project.pk}/screen"), {"accept": True})
    scheduled = api.post(events_url(setup.event, f"projects/{project.pk}/schedule"), {"order": 1})
    pitch_id = scheduled.json()["id"]
    assigned = api.post(events_url(setup.event, f"pitches/{pitch_id}/judges"),
                        {"judge": expert.pk, "role": "investor"})  # fmt: skip
    stranger = api.post(events_url(setup.event, f"pitches/{pitch_id}/judges"),
                        {"judge": UserFactory(username="stranger").pk})  # fmt: skip
    released = api.post(events_url(setup.event, "release"))
    again = api.post(events_url(setup.event, "release"))

    assert (screened.status_code, screened.json()["status"]) == (200, "accepted")
    assert scheduled.json() == {"id": pitch_id, "project": project.pk, "order": 1,
                                "starts_at": None, "ends_at": None, "judges": []}  # fmt: skip
    assert assigned.json()["judges"] == [{"judge": expert.pk, "role": "investor",
                                          "conflict": False}]  # fmt: skip
    assert stranger.status_code == 400
    assert JudgeAssignment.objects.count() == 1
    assert (released.status_code, again.json()) == (
        204, {"detail": ["The scores are already released."]}
    )  # fmt: skip


def test_the_secretariat_opens_a_call_through_the_api_once(db):
    from alliancehub.chains.domain import templates
    from alliancehub.events.enums import EventKind

    source = templates.DATA_DIR / "hydrogen.yaml"
    templates.load(templates.parse(source.read_text(encoding="utf-8"), source.name))
    event = EventFactory(kind=EventKind.ROADSHOW)
    api = english_api(secretariat_of(event.alliance))
    body = {"opens_at": "2026-01-01T00:00:00+08:00", "closes_at": "2026-02-01T00:00:00+08:00",
            "links": ["hydrogen:fuelcell.stack"], "stages": ["a"]}  # fmt: skip

    opened = api.post(events_url(event, "call"), body, format="json")
    again = api.post(events_url(event, "call"), body, format="json")
    unknown = api.post(events_url(event, "call"), body | {"links": ["hydrogen:nope"]},
                       format="json")  # fmt: skip

    assert opened.status_code == 201
    assert opened.json()["links"] == ["hydrogen:fuelcell.stack"]
    assert again.json() == {"detail": ["This roadshow already has its call for projects."]}
    assert unknown.json() == {"links": ["Unknown chain link: hydrogen:nope."]}


def test_the_secretariat_builds_an_events_programme_through_the_api(db):
    from alliancehub.events.models import Event
    from tests.factories.events import AllianceFactory

    alliance = AllianceFactory()
    api = english_api(secretariat_of(alliance))
    body = {"alliance": alliance.slug, "kind": "forum", "title": "氢能产业高峰论坛",
            "starts_at": "2026-06-03T09:00:00+08:00", "ends_at": "2026-06-03T17:00:00+08:00",
            "capacity": 200, "publish": True}  # fmt: skip

    created = api.post(events_url(), body, format="json")
    event = Event.objects.get()
    body_added = api.post(events_url(event, "bodies"), {"role": "guiding", "name": "嘉定区侨联"},
                          format="json")  # fmt: skip
    session = api.post(events_url(event, "sessions"), {"title": "主旨演讲",
                       "starts_at": "2026-06-03T09:30:00+08:00"}, format="json")  # fmt: skip
    outside = api.post(events_url(event, "sessions"), {"title": "夜场",
                       "starts_at": "2026-06-04T20:00:00+08:00"}, format="json")  # fmt: skip
    speaker = api.post(events_url(event, f"sessions/{event.sessions.get().pk}/speakers"),
                       {"name": "张焰峰", "keynote": True}, format="json")  # fmt: skip
    question = api.post(events_url(event, "questions"),
                        {"text": "是否参加午餐？", "kind": "yes_no", "required": True},
                        format="json")  # fmt: skip
    outsider = english_api(UserFactory(username="outsider")).post(events_url(), body,
                                                                   format="json")  # fmt: skip

    assert (created.status_code, created.json()["status"]) == (201, "published")
    assert [r.status_code for r in (body_added, session, speaker, question)] == [201] * 4
    assert outside.json() == {"detail": ["A session must take place during the event."]}
    assert event.questions.get().required is True
    assert event.sessions.get().speakers.get().keynote is True
    assert outsider.status_code == 403
    assert Event.objects.count() == 1
