"""One alliance can never see another's private data through the pages.

For every page that shows or changes something an alliance owns, a user of alliance A gets
403 through B's address and 404 when they put B's ids into A's address. Roles within an
alliance are checked too: observers read, only the secretariat manages.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import dues, membership
from alliancehub.alliances.models import Membership
from alliancehub.governance.domain import charter, council, minutes, voting
from alliancehub.governance.domain import meeting as meetings
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.governance import SYSTEM, build_alliance


def _private_objects(setup):
    """One of each private record of ``setup``'s alliance, keyed by what the URLs need."""
    alliance = setup.alliance
    meeting = setup.meeting()
    motion = voting.propose_motion(meeting, title="预算", actor=None, source=SYSTEM)
    paper = SimpleUploadedFile("预算报告.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
    item = meetings.add_agenda_item(
        meeting, title="审议预算", document=paper, actor=None, source=SYSTEM
    )
    minutes.draft_minutes(meeting, actor=None, source=SYSTEM)
    charter.draft_charter(alliance, title="章程", text="草案", actor=None, source=SYSTEM)
    applicant = OrganizationFactory(name=f"{alliance.slug}申请单位有限公司")
    application = membership.apply_for_membership(alliance, applicant, actor=None, source=SYSTEM)
    member = Membership.objects.filter(alliance=alliance, organization=setup.members[0]).get()
    owed = dues.record_dues(alliance, setup.members[0], label="2021", amount=Decimal("5000"),
                            due_on=date(2021, 3, 31), actor=None, source=SYSTEM)  # fmt: skip
    office = council.appoint(setup.term, "secretary_general", person="秘书长", on=date(2021, 1, 1),
                             actor=None, source=SYSTEM)  # fmt: skip
    return {"meeting": meeting.pk, "motion": motion.pk, "application": application.pk,
            "member": member.pk, "dues": owed.pk, "office": office.pk, "version": 1,
            "item": item.pk}  # fmt: skip


#: (url name, method, the object key for its id or None, the permission level it needs)
ROUTES = [
    ("governance:meetings", "get", None, "private"),
    ("governance:meeting", "get", "meeting", "private"),
    ("governance:minutes", "get", "meeting", "draft"),  # draft minutes: not found for members
    ("governance:motion", "get", "motion", "private"),
    ("governance:agenda-document", "get", "item", "private"),
    ("governance:meeting-attendance", "get", "meeting", "manage"),
    ("governance:meeting-agenda", "get", "meeting", "manage"),
    ("governance:meeting-motion", "get", "meeting", "manage"),
    ("governance:minutes-edit", "get", "meeting", "manage"),
    ("governance:dashboard", "get", None, "manage"),
    ("governance:terms", "get", None, "manage"),
    ("governance:charter-versions", "get", None, "manage"),
    ("governance:charter-edit", "get", "version", "manage"),
    ("governance:meeting-create", "get", None, "manage"),
    ("governance:office-end", "post", "office", "manage"),
    ("alliances:applications", "get", None, "manage"),
    ("alliances:application", "get", "application", "manage"),
    ("alliances:members", "get", None, "manage"),
    ("alliances:member", "get", "member", "manage"),
    ("alliances:dues", "get", None, "manage"),
    ("alliances:profile", "get", None, "manage"),
    ("governance:voting-rules", "get", None, "manage"),
    ("alliances:dues-paid", "post", "dues", "manage"),
]
EXTRA_ARGS = {"governance:minutes-export": ("pdf",)}


@pytest.fixture
def two(db):
    a, b = build_alliance("alliance-a"), build_alliance("alliance-b")
    objects_a, objects_b = _private_objects(a), _private_objects(b)
    # Versions are numbered per alliance: give B one that A does not have.
    objects_b["version"] = charter.draft_charter(
        b.alliance, title="章程", text="二稿", actor=None, source=SYSTEM
    ).number
    return a, b, objects_a, objects_b


def _url(name, slug, objects, key):
    args = [slug] + ([objects[key]] if key else [])
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "method", "key", "level"), ROUTES)
def test_a_secretariat_of_one_alliance_cannot_reach_another_alliances_records(
    client, two, name, method, key, level
):
    a, b, _objects_a, objects_b = two
    client.force_login(a.secretariat)
    through_b = getattr(client, method)(_url(name, b.alliance.slug, objects_b, key))
    assert through_b.status_code == 403
    if key:
        through_a = getattr(client, method)(_url(name, a.alliance.slug, objects_b, key))
        assert through_a.status_code == 404


@pytest.mark.parametrize(("name", "method", "key", "level"), ROUTES)
def test_each_role_gets_exactly_its_pages(client, two, name, method, key, level):
    a, _b, objects_a, _objects_b = two
    observer = UserFactory(username="observer-a")
    AllianceRole.objects.create(user=observer, alliance=a.alliance, role=AllianceRole.Kind.OBSERVER)
    member = a.representatives[a.units[0].pk]
    address = _url(name, a.alliance.slug, objects_a, key)
    expected_reader = {"private": 200, "draft": 404}.get(level, 403)
    for user, status in [
        (observer, expected_reader),
        (member, expected_reader),
        (UserFactory(), 403),
    ]:
        client.force_login(user)
        if method == "get":
            assert client.get(address).status_code == status, (name, user)
        else:
            assert client.post(address).status_code == 403, (name, user)
    client.logout()
    anonymous = getattr(client, method)(address)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous.url


def test_public_pages_are_open_to_everyone(client, two):
    a, *_ = two
    for name in ("alliances:detail", "governance:council", "governance:charter"):
        assert client.get(reverse(name, args=[a.alliance.slug])).status_code == 200
