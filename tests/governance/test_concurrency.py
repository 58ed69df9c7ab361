"""Two requests doing the same thing at the same moment, on PostgreSQL.

Each request runs in its own thread with its own database connection; a barrier releases both
at once. The domain locks the row it decides on (``SELECT … FOR UPDATE``), so the second waits
for the first to commit and then sees its result. Each race is run several times.
"""

import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.models import Membership, MembershipApplication
from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import voting
from alliancehub.governance.enums import Choice
from alliancehub.governance.models import Motion, Vote
from alliancehub.organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.governance import build_alliance

WEB = Source.WEB
ROUNDS = 5

# serialized_rollback: the flush after each test would otherwise take the reference data
# (regions) loaded by migrations away from the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: the race is settled by row locks (SELECT … FOR UPDATE), which "
            "SQLite does not have; it serialises every write instead, so nothing can race there."
        )


def race(*requests):
    """Run each request in its own thread and connection, released together; return each
    outcome as ("ok", result) or ("refused", messages) or ("error", description)."""
    barrier = threading.Barrier(len(requests))
    outcomes: list[tuple[str, object]] = [("error", "did not finish")] * len(requests)

    def run(index, request):
        try:
            with translation.override("en"):
                barrier.wait(timeout=10)
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
        thread.join(timeout=30)
    return outcomes


def test_two_secretariat_users_approving_one_application_at_once_admit_it_once():
    setup = build_alliance()
    colleague = UserFactory(username="sx-h2-secretariat-2")
    AllianceRole.objects.create(
        user=colleague, alliance=setup.alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    for round_number in range(ROUNDS):
        applicant = OrganizationFactory(name=f"绍兴申请单位{round_number}有限公司")
        application = membership.apply_for_membership(
            setup.alliance, applicant, actor=None, source=WEB
        )

        def approve(user, pk=application.pk):
            fresh = MembershipApplication.objects.get(pk=pk)
            return membership.approve_membership(fresh, actor=user, source=WEB).pk

        outcomes = race(lambda: approve(setup.secretariat), lambda: approve(colleague))

        kinds = Counter(kind for kind, _detail in outcomes)
        assert kinds == Counter({"ok": 1, "refused": 1}), outcomes
        assert ("refused", ["This application has already been decided."]) in outcomes
        assert Membership.objects.filter(organization=applicant).count() == 1
        application.refresh_from_db()
        assert application.status == "approved"
        assert application.decided_by in (setup.secretariat, colleague)


def test_two_ballots_from_one_unit_arriving_together_count_once():
    setup = build_alliance()
    motion = voting.propose_motion(
        setup.meeting(), title="关于年度工作计划的议案", actor=None, source=WEB
    )
    voting.open_voting(motion, actor=None, source=WEB)
    for round_number, unit in enumerate(setup.units[:ROUNDS], start=1):

        def ballot(choice, motion_pk=motion.pk, unit_pk=unit.pk):
            fresh = Motion.objects.get(pk=motion_pk)
            unit = Organization.objects.get(pk=unit_pk)
            return voting.cast_vote(fresh, unit, choice=choice, actor=None, source=WEB).pk

        outcomes = race(lambda: ballot(Choice.YES), lambda: ballot(Choice.NO))

        kinds = Counter(kind for kind, _detail in outcomes)
        assert kinds == Counter({"ok": 1, "refused": 1}), outcomes
        assert ("refused", ["This unit has already voted on this motion."]) in outcomes
        assert Vote.objects.filter(motion=motion, organization=unit).count() == 1
        assert sum(motion.tallies.values_list("count", flat=True)) == round_number
