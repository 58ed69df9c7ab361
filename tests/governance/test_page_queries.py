"""List pages cost the same number of queries for one row as for three (no N+1)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliancehub.alliances.domain import dues, membership
from alliancehub.governance.domain import council, voting
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.enums import MeetingKind
from tests.factories import OrganizationFactory
from tests.factories.governance import SYSTEM, build_alliance


@pytest.fixture
def setup(db):
    return build_alliance("q-h2")


def _queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def _add_meeting(setup, index):
    held = meetings.schedule_meeting(setup.alliance, term=setup.term, kind=MeetingKind.COUNCIL,
                                     held_on=date(2021, 6, index + 1), actor=None, source=SYSTEM)  # fmt: skip
    voting.propose_motion(held, title=f"议案{index}", actor=None, source=SYSTEM)


def _add_application(setup, index):
    unit = OrganizationFactory(name=f"申请单位{index}有限公司")
    membership.apply_for_membership(setup.alliance, unit, actor=None, source=SYSTEM)


def _add_dues(setup, index):
    dues.record_dues(setup.alliance, setup.units[index], label="2021", amount=Decimal("1000"),
                     due_on=date(2021, 3, 31), actor=None, source=SYSTEM)  # fmt: skip


def _add_office(setup, index):
    council.appoint(setup.term, "vice_chair", organization=setup.units[index + 1],
                    on=date(2021, 1, 1), actor=None, source=SYSTEM)  # fmt: skip


def _add_member(setup, index):
    unit = OrganizationFactory(name=f"新会员{index}有限公司")
    membership.admit(setup.alliance, unit, "member", on=date(2021, 2, 1), actor=None, source=SYSTEM)


@pytest.mark.parametrize(
    ("name", "add"),
    [
        ("governance:meetings", _add_meeting),
        ("alliances:applications", _add_application),
        ("alliances:dues", _add_dues),
        ("governance:council", _add_office),
        ("alliances:members", _add_member),
        ("alliances:detail", _add_member),
        ("governance:dashboard", _add_application),
    ],
)
def test_list_pages_do_not_query_per_row(client, setup, name, add):
    client.force_login(setup.secretariat)
    address = reverse(name, args=[setup.alliance.slug])
    if name in ("governance:council", "alliances:detail"):
        address += "?on=2021-06-30"
    add(setup, 0)
    one = _queries(client, address)
    add(setup, 1)
    add(setup, 2)
    assert _queries(client, address) == one
