"""Events, registrations and roadshows, built through the events domain as in real use."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.models import Alliance
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import judging, programme, registration, roadshow
from alliancehub.events.enums import EventKind, EventStatus, JudgeRole
from alliancehub.events.models import Criterion, Event, Pitch, Roadshow

from . import UserFactory

SYSTEM = Source.SYSTEM


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"events-{n}")
    name = factory.Sequence(lambda n: f"测试产业联盟{n}")
    name_en = factory.Sequence(lambda n: f"Test Industry Alliance {n}")


def secretariat_of(alliance: Alliance, username: str | None = None) -> Any:
    user: Any = UserFactory(username=username or f"{alliance.slug}-secretariat")
    AllianceRole.objects.get_or_create(
        user=user, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    return user


class EventFactory(factory.Factory):
    """A published forum a month ahead, taking registrations from yesterday until the day
    before it starts; built with ``programme.create_event``."""

    class Meta:
        model = Event

    alliance = factory.SubFactory(AllianceFactory)
    kind = EventKind.FORUM
    title = factory.Sequence(lambda n: f"2026氢能产业论坛第{n}场")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=8))
    venue = "嘉定区安亭镇"
    capacity = None
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(lambda e: e.starts_at - timedelta(days=1))
    status = EventStatus.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, alliance, kind, title, starts_at, ends_at, **details):
        return programme.create_event(
            alliance, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at,
            actor=None, source=SYSTEM, **details,
        )  # fmt: skip


def register(event: Event, name: str, **fields):
    """Register a person who is not signed in (``name@example.org``)."""
    fields.setdefault("email", f"{name.lower()}@example.org")
    return registration.register(event, actor=None, source=SYSTEM, name=name, **fields)


def pdf_bytes(size: int = 2048) -> bytes:
    return b"%PDF-1.7\n" + b"0" * max(size - 9, 0)


def deck(name: str = "deck.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


@dataclass
class RoadshowSetup:
    event: Event
    roadshow: Roadshow
    secretariat: object
    criteria: list[Criterion]
    pitches: list[Pitch] = field(default_factory=list)
    judges: list[object] = field(default_factory=list)


def build_roadshow(
    *,
    pitches: int = 3,
    judges: int = 2,
    criteria: tuple[tuple[str, str, int, int], ...] = (
        ("技术创新", "2", 1, 10),
        ("市场前景", "1", 1, 10),
    ),
) -> RoadshowSetup:
    """A roadshow whose call is open now, with a rubric, ``pitches`` accepted and scheduled
    projects, and every judge assigned to every pitch."""
    alliance: Any = AllianceFactory()
    secretariat = secretariat_of(alliance)
    event: Any = EventFactory(alliance=alliance, kind=EventKind.ROADSHOW, title="氢能项目路演")
    now = timezone.now()
    call = roadshow.open_call(event, opens_at=now - timedelta(days=1),
                              closes_at=now + timedelta(days=10), actor=secretariat,
                              source=SYSTEM)  # fmt: skip
    made = []
    for name, weight, low, high in criteria:
        made.append(roadshow.add_criterion(call, name=name, weight=Decimal(weight), scale_min=low,
                                           scale_max=high, actor=secretariat, source=SYSTEM))  # fmt: skip
    setup = RoadshowSetup(event, call, secretariat, made)
    for index in range(pitches):
        project = roadshow.submit_project(call, title=f"项目{index + 1}", actor=None,
                                          source=SYSTEM, organization_name=f"路演企业{index + 1}")  # fmt: skip
        roadshow.screen_project(project, accept=True, actor=secretariat, source=SYSTEM)
        setup.pitches.append(roadshow.schedule_pitch(project, actor=secretariat, source=SYSTEM))
    for index in range(judges):
        judge: Any = UserFactory(username=f"{alliance.slug}-judge{index + 1}")
        AllianceRole.objects.create(user=judge, alliance=alliance, role=AllianceRole.Kind.EXPERT)
        setup.judges.append(judge)
        for pitch in setup.pitches:
            judging.assign_judge(pitch, judge, role=JudgeRole.EXPERT, actor=secretariat,
                                 source=SYSTEM)  # fmt: skip
    return setup
