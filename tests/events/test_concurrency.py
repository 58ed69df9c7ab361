"""Many registrations at the same moment, on PostgreSQL: seats are never given twice.

Each registration runs in its own thread and connection, all released together by a barrier.
``register`` locks the event's row (``SELECT … FOR UPDATE``) before counting the seats, so the
registrations are decided one after the other.
"""

import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import registration as registrations
from alliancehub.events.enums import RegistrationStatus
from alliancehub.events.models import Event, Registration
from tests.factories.events import EventFactory

WEB = Source.WEB
# serialized_rollback: the flush after each test would otherwise take the reference data
# (regions) loaded by migrations away from the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises every write, so nothing can race there.")


def race(requests) -> list[tuple[str, object]]:
    barrier = threading.Barrier(len(requests))
    outcomes: list[tuple[str, object]] = [("error", "did not finish")] * len(requests)

    def run(index, request):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", request())
        except ValidationError as refusal:
            outcomes[index] = ("refused", refusal.messages)
        except Exception as error:  # reported to the test, which then fails
            outcomes[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _register(event_pk: int, name: str, email: str):
    def request():
        event = Event.objects.get(pk=event_pk)
        return registrations.register(event, actor=None, source=WEB, name=name,
                                      email=email).status  # fmt: skip

    return request


def test_forty_registrations_at_once_for_ten_seats_confirm_exactly_ten():
    event = EventFactory(capacity=10)

    outcomes = race([_register(event.pk, f"P{i}", f"p{i}@example.org") for i in range(40)])

    assert Counter(outcomes) == Counter({("ok", RegistrationStatus.CONFIRMED): 10,
                                         ("ok", RegistrationStatus.WAITING): 30}), outcomes  # fmt: skip
    assert Registration.objects.filter(event=event, status="confirmed").count() == 10


def test_the_same_person_registering_twice_at_once_is_registered_once():
    event = EventFactory()

    outcomes = race([_register(event.pk, "Ann", "ann@example.org") for _ in range(2)])

    assert sorted(kind for kind, _detail in outcomes) == ["ok", "refused"], outcomes
    assert Registration.objects.filter(event=event).count() == 1
