from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from alliancehub.alliances.domain import membership as domain
from alliancehub.alliances.enums import ApplicationStatus, MembershipTier
from alliancehub.alliances.models import Alliance, Membership
from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from tests.factories import OrganizationFactory

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def alliance(db):
    return Alliance.objects.create(
        name="绍兴市科技创新促进会",
        name_en="Shaoxing Science and Technology Innovation Promotion Association",
        slug="sxstipa",
        region_id="330600",
    )


@pytest.fixture
def tengy(db):
    return OrganizationFactory(name="浙江天洁环境科技股份有限公司", region_id="330681")


def admit(alliance, organization, staff, *, tier=MembershipTier.MEMBER, on=date(2019, 5, 1)):
    application = domain.apply_for_membership(
        alliance, organization, actor=staff, source=WEB, tier=tier
    )
    return domain.approve_membership(application, actor=staff, source=WEB, on=on)


def test_approving_an_application_opens_a_membership_from_the_given_day(alliance, tengy, staff):
    application = domain.apply_for_membership(
        alliance, tengy, actor=staff, source=WEB, tier=MembershipTier.EXECUTIVE_DIRECTOR
    )

    membership = domain.approve_membership(
        application, actor=staff, source=WEB, on=date(2019, 5, 1)
    )

    application.refresh_from_db()
    assert (application.status, application.decided_by) == (ApplicationStatus.APPROVED, staff)
    assert (membership.tier, membership.valid_from, membership.valid_to) == (
        MembershipTier.EXECUTIVE_DIRECTOR,
        date(2019, 5, 1),
        None,
    )
    assert AuditLogEntry.objects.filter(object_id=str(membership.pk), action="create").exists()


def test_an_application_is_decided_only_once(alliance, tengy, staff):
    application = domain.apply_for_membership(alliance, tengy, actor=staff, source=WEB)
    domain.reject_membership(application, actor=staff, source=WEB, reason="材料不全")

    with pytest.raises(ValidationError, match="already been decided"):
        domain.approve_membership(application, actor=staff, source=WEB)

    assert not Membership.objects.exists()


def test_rejecting_needs_a_reason_and_keeps_it(alliance, tengy, staff):
    application = domain.apply_for_membership(alliance, tengy, actor=staff, source=WEB)

    with pytest.raises(ValidationError):
        domain.reject_membership(application, actor=staff, source=WEB, reason="  ")
    domain.reject_membership(application, actor=staff, source=WEB, reason="材料不全")

    application.refresh_from_db()
    assert (application.status, application.reason) == (ApplicationStatus.REJECTED, "材料不全")


def test_a_member_or_a_pending_applicant_cannot_apply_again(alliance, tengy, staff):
    domain.apply_for_membership(alliance, tengy, actor=staff, source=WEB)
    with pytest.raises(ValidationError, match="pending"):
        domain.apply_for_membership(alliance, tengy, actor=staff, source=WEB)

    other = OrganizationFactory()
    admit(alliance, other, staff)
    with pytest.raises(ValidationError, match="already a member"):
        domain.apply_for_membership(alliance, other, actor=staff, source=WEB)


def test_promotion_keeps_history_so_past_tiers_can_be_asked_for(alliance, tengy, staff):
    # Seed 002: two units became vice-president units at the council meeting of 2020-12-05.
    membership = admit(alliance, tengy, staff, tier=MembershipTier.EXECUTIVE_DIRECTOR)

    promoted = domain.change_tier(
        membership, MembershipTier.VICE_CHAIR, actor=staff, source=WEB, on=date(2020, 12, 5),
        basis="第一届理事会第六次会议决议",
    )  # fmt: skip

    membership.refresh_from_db()
    assert membership.valid_to == date(2020, 12, 4)
    assert (promoted.valid_from, promoted.valid_to) == (date(2020, 12, 5), None)
    vice_chairs = MembershipTier.VICE_CHAIR
    assert not domain.members_on(alliance, date(2020, 12, 4), vice_chairs).exists()
    assert list(domain.members_on(alliance, date(2020, 12, 5), vice_chairs)) == [promoted]
    assert list(domain.members_on(alliance, date(2020, 6, 1))) == [membership]


def test_changing_to_the_same_tier_or_an_ended_period_is_refused(alliance, tengy, staff):
    membership = admit(alliance, tengy, staff)

    with pytest.raises(ValidationError, match="already holds"):
        domain.change_tier(
            membership,
            MembershipTier.MEMBER,
            actor=staff,
            source=WEB,
            on=date(2020, 1, 1),
            basis="",
        )
    domain.withdraw(membership, actor=staff, source=WEB, last_day=date(2021, 1, 31))
    with pytest.raises(ValidationError, match="already ended"):
        domain.change_tier(
            membership,
            MembershipTier.DIRECTOR,
            actor=staff,
            source=WEB,
            on=date(2021, 3, 1),
            basis="",
        )


def test_withdrawal_ends_the_membership_but_keeps_it(alliance, tengy, staff):
    membership = admit(alliance, tengy, staff)

    domain.withdraw(membership, actor=staff, source=WEB, last_day=date(2021, 1, 31))

    assert domain.current_membership(alliance, tengy) is None
    assert list(domain.members_on(alliance, date(2021, 1, 31))) == [membership]
    assert not domain.members_on(alliance, date(2021, 2, 1)).exists()


def test_a_withdrawal_before_the_membership_began_is_refused(alliance, tengy, staff):
    membership = admit(alliance, tengy, staff, on=date(2019, 5, 1))

    with pytest.raises(ValidationError):
        domain.withdraw(membership, actor=staff, source=WEB, last_day=date(2019, 4, 30))

    membership.refresh_from_db()
    assert membership.valid_to is None


def test_the_database_allows_one_open_period_per_member(alliance, tengy, staff):
    admit(alliance, tengy, staff)

    with pytest.raises(IntegrityError):
        Membership.objects.create(
            alliance=alliance, organization=tengy, tier="member", valid_from=date(2020, 1, 1)
        )


def test_memberships_of_one_alliance_are_not_those_of_another(alliance, tengy, staff):
    other = Alliance.objects.create(name="长三角新能源汽车产业链联盟", slug="yrd-nev")
    admit(alliance, tengy, staff)

    assert not domain.members_on(other, date(2020, 1, 1)).exists()
    assert domain.current_membership(other, tengy) is None


def test_refusals_are_worded_in_the_users_language(alliance, tengy, staff):
    admit(alliance, tengy, staff)

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        domain.apply_for_membership(alliance, tengy, actor=staff, source=WEB)

    assert refused.value.messages == ["该单位已是本联盟会员。"]
